package validators

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// DateRange checks an object holding two YYYY-MM-DD dates: the one named
// start must not come after the one named end. udata would swap them
// silently and every later plan would show the swap. Malformed dates are
// left to the Date validator of each attribute.
func DateRange(start, end string) validator.Object { return dateRange{start: start, end: end} }

type dateRange struct{ start, end string }

func (v dateRange) Description(context.Context) string {
	return fmt.Sprintf("%s must not be after %s", v.start, v.end)
}
func (v dateRange) MarkdownDescription(context.Context) string {
	return fmt.Sprintf("`%s` must not be after `%s`", v.start, v.end)
}

func (v dateRange) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	start, okStart := knownDate(attrs[v.start])
	end, okEnd := knownDate(attrs[v.end])
	if !okStart || !okEnd || !start.After(end) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path.AtName(v.end), "Inverted date range",
		fmt.Sprintf("%s (%s) is before %s (%s). Swap them: data.gouv.fr would swap them itself and every later plan would show a change.",
			req.Path.AtName(v.end), end.Format(time.DateOnly), req.Path.AtName(v.start), start.Format(time.DateOnly)))
}

func knownDate(v attr.Value) (time.Time, bool) {
	s, ok := v.(types.String)
	if !ok || s.IsNull() || s.IsUnknown() {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s.ValueString())
	return t, err == nil
}
