package planmodifiers

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NullAfterApply plans null for a computed value that apply always leaves
// null, such as the deletion date of an object apply restores. When the
// state holds a value (the object was deleted out of band), the plan then
// differs from the state and shows the in-place update that repairs it;
// otherwise the value stays null and the plan stays empty.
func NullAfterApply(description string) planmodifier.String {
	return nullAfterApply{description: description}
}

type nullAfterApply struct{ description string }

func (m nullAfterApply) Description(context.Context) string         { return m.description }
func (m nullAfterApply) MarkdownDescription(context.Context) string { return m.description }

func (nullAfterApply) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() { // destroy
		return
	}
	resp.PlanValue = types.StringNull()
}
