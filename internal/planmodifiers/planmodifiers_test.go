package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var testSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"title": schema.StringAttribute{Required: true},
	"slug":  schema.StringAttribute{Computed: true},
}}

var objType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"title": tftypes.String, "slug": tftypes.String}}

// object returns the raw resource value; nil title means the whole object is null.
func object(title, slug any) tftypes.Value {
	if title == nil {
		return tftypes.NewValue(objType, nil)
	}
	return tftypes.NewValue(objType, map[string]tftypes.Value{
		"title": tftypes.NewValue(tftypes.String, title),
		"slug":  tftypes.NewValue(tftypes.String, slug),
	})
}

func stringRequest(state, plan tftypes.Value, stateSlug, planSlug types.String) planmodifier.StringRequest {
	return planmodifier.StringRequest{
		Path:       path.Root("slug"),
		State:      tfsdk.State{Schema: testSchema, Raw: state},
		Plan:       tfsdk.Plan{Schema: testSchema, Raw: plan},
		StateValue: stateSlug,
		PlanValue:  planSlug,
	}
}

func TestUseStateUnlessChanged(t *testing.T) {
	unknown := tftypes.UnknownValue
	tests := []struct {
		name string
		req  planmodifier.StringRequest
		want types.String
	}{
		{
			name: "title unchanged keeps the slug",
			req:  stringRequest(object("A", "a"), object("A", unknown), types.StringValue("a"), types.StringUnknown()),
			want: types.StringValue("a"),
		},
		{
			name: "title changed leaves it unknown",
			req:  stringRequest(object("A", "a"), object("B", unknown), types.StringValue("a"), types.StringUnknown()),
			want: types.StringUnknown(),
		},
		{
			name: "title unknown leaves it unknown",
			req:  stringRequest(object("A", "a"), object(unknown, unknown), types.StringValue("a"), types.StringUnknown()),
			want: types.StringUnknown(),
		},
		{
			name: "title unchanged keeps a null page",
			req:  stringRequest(object("A", nil), object("A", unknown), types.StringNull(), types.StringUnknown()),
			want: types.StringNull(),
		},
		{
			name: "create leaves it unknown",
			req:  stringRequest(object(nil, nil), object("A", unknown), types.StringNull(), types.StringUnknown()),
			want: types.StringUnknown(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := planmodifier.StringResponse{PlanValue: tt.req.PlanValue}
			UseStateUnlessChanged(path.Root("title")).PlanModifyString(context.Background(), tt.req, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(tt.want) {
				t.Errorf("plan = %v, want %v", resp.PlanValue, tt.want)
			}
		})
	}
}

func TestNullAfterApply(t *testing.T) {
	deleted := types.StringValue("2025-01-01T00:00:00Z")
	tests := []struct {
		name string
		req  planmodifier.StringRequest
		want types.String
	}{
		{
			name: "deleted out of band: planned null, so the plan shows an update",
			req:  stringRequest(object("A", "x"), object("A", tftypes.UnknownValue), deleted, types.StringUnknown()),
			want: types.StringNull(),
		},
		{
			name: "not deleted: stays null",
			req:  stringRequest(object("A", nil), object("A", nil), types.StringNull(), types.StringNull()),
			want: types.StringNull(),
		},
		{
			name: "create: null",
			req:  stringRequest(object(nil, nil), object("A", tftypes.UnknownValue), types.StringNull(), types.StringUnknown()),
			want: types.StringNull(),
		},
		{
			name: "destroy: untouched",
			req:  stringRequest(object("A", "x"), object(nil, nil), deleted, types.StringNull()),
			want: types.StringNull(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := planmodifier.StringResponse{PlanValue: tt.req.PlanValue}
			NullAfterApply("restores").PlanModifyString(context.Background(), tt.req, &resp)
			if !resp.PlanValue.Equal(tt.want) {
				t.Errorf("plan = %v, want %v", resp.PlanValue, tt.want)
			}
		})
	}
}
