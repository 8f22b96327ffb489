package planmodifiers

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// SameInstant keeps the state's value of an RFC 3339 date and time when the
// configuration writes the same instant another way ("…T01:00:00+01:00"
// for "…T00:00:00Z"), compared at the millisecond as the portal stores it:
// a different spelling of the same instant is no change, and nothing is
// written.
func SameInstant() planmodifier.String { return sameInstant{} }

type sameInstant struct{}

func (sameInstant) Description(context.Context) string {
	return "The same instant written another way (another time zone) is no change."
}
func (m sameInstant) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (sameInstant) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() || req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() ||
		req.StateValue.IsNull() || req.StateValue.IsUnknown() || req.ConfigValue.Equal(req.StateValue) {
		return
	}
	configured, err1 := time.Parse(time.RFC3339Nano, req.ConfigValue.ValueString())
	stored, err2 := time.Parse(time.RFC3339Nano, req.StateValue.ValueString())
	if err1 == nil && err2 == nil && configured.Truncate(time.Millisecond).Equal(stored.Truncate(time.Millisecond)) {
		resp.PlanValue = req.StateValue
	}
}
