package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// plannedWrite tells whether an update plan writes anything, and plans the
// dates each write moves (moved, computed strings) accordingly: unknown when
// it does, the state's when it does not.
//
// The framework marks every computed value without a plan modifier unknown
// as soon as the configuration differs from the state, even when the plan
// modifiers then find that nothing changes (the same instant written in
// another time zone, a file_path written after an import): those plans must
// stay empty. And it leaves them known when only a computed value changes
// (a restore planned by "deleted"), which does write.
func plannedWrite(ctx context.Context, plan *tfsdk.Plan, state tfsdk.State, diags *diag.Diagnostics, moved ...string) bool {
	for _, attr := range moved {
		var v types.String
		diags.Append(state.GetAttribute(ctx, path.Root(attr), &v)...)
		diags.Append(plan.SetAttribute(ctx, path.Root(attr), v)...)
	}
	if plan.Raw.Equal(state.Raw) {
		return false
	}
	for _, attr := range moved {
		diags.Append(plan.SetAttribute(ctx, path.Root(attr), types.StringUnknown())...)
	}
	return true
}

// setPlanned sets each attribute of the plan, by name, to its value: the
// values a ModifyPlan derives together are written as one table.
func setPlanned(ctx context.Context, plan *tfsdk.Plan, values map[string]attr.Value, diags *diag.Diagnostics) {
	for name, v := range values {
		diags.Append(plan.SetAttribute(ctx, path.Root(name), v)...)
	}
}

// nullOf is the null value of v's type, for the types a resource's
// file-derived values have (resourceModel.derivedFromFile); any other value
// is returned as it is.
func nullOf(v attr.Value) attr.Value {
	switch x := v.(type) {
	case types.String:
		return types.StringNull()
	case types.Int64:
		return types.Int64Null()
	case types.Object:
		return types.ObjectNull(x.AttributeTypes(context.Background()))
	}
	return v
}
