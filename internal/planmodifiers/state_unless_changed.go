package planmodifiers

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// UseStateUnlessChanged keeps a computed string's prior value in the plan
// unless one of the attributes it derives from changes, e.g. a slug made
// from the title. Then it stays unknown, as apply will compute it anew.
func UseStateUnlessChanged(sources ...path.Path) planmodifier.String {
	return useStateUnlessChanged{sources: sources}
}

type useStateUnlessChanged struct{ sources []path.Path }

func (m useStateUnlessChanged) Description(context.Context) string {
	return fmt.Sprintf("Keeps the prior value unless %v changes.", m.sources)
}
func (m useStateUnlessChanged) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m useStateUnlessChanged) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	// Create, destroy or a value set by configuration: nothing to keep. A
	// null prior is kept like any other (a dataservice's page on a udata
	// without a web front end).
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	for _, p := range m.sources {
		var planned, prior attr.Value
		if d := req.Plan.GetAttribute(ctx, p, &planned); d.HasError() {
			return
		}
		if d := req.State.GetAttribute(ctx, p, &prior); d.HasError() {
			return
		}
		if planned == nil || prior == nil || !planned.Equal(prior) {
			return
		}
	}
	resp.PlanValue = req.StateValue
}
