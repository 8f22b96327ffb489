package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The one family of converters between the API client's strings and
// Terraform's: udata stores an optional string left empty as null and
// answers null or "" for it, so both are sent as null (optionalString) and
// read as null (optionalStringFromAPI, which keeps a configured "", and
// stringFromAPI where there is no prior value: data sources, comparisons);
// its datetimes are read at the millisecond (dateTimeFromAPI).

// optionalString is the value to send for an optional string: udata stores
// "" as null, so both are sent as null.
func optionalString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		return nil
	}
	s := v.ValueString()
	return &s
}

// optionalStringFromAPI reads an optional string that udata stores as null
// when empty: a prior "" (as configured) stays "" rather than null.
func optionalStringFromAPI(v *string, prior types.String) types.String {
	if v == nil || *v == "" {
		if !prior.IsNull() && !prior.IsUnknown() && prior.ValueString() == "" {
			return prior
		}
		return types.StringNull()
	}
	return types.StringValue(*v)
}

// dateTimeFromAPI reads a datetime of the portal. udata may re-read a
// datetime with less sub-second precision than it was written (or first
// answered) with, and writes "+00:00" for UTC: values are compared at the
// millisecond, prior's form is kept when it denotes the same instant, and
// otherwise the value is written in RFC 3339 UTC ("…Z") at the millisecond.
func dateTimeFromAPI(v *string, prior types.String) types.String {
	if v == nil || *v == "" {
		return types.StringNull()
	}
	t, err := parseAPIDateTime(*v)
	if err != nil {
		return types.StringValue(*v)
	}
	if !prior.IsNull() && !prior.IsUnknown() {
		if p, err := time.Parse(time.RFC3339Nano, prior.ValueString()); err == nil && p.Truncate(time.Millisecond).Equal(t) {
			return prior
		}
	}
	return types.StringValue(t.UTC().Format(time.RFC3339Nano))
}

// parseAPIDateTime parses udata's ISO 8601 datetimes, with or without a
// zone (naive ones are UTC), truncated to the millisecond.
func parseAPIDateTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Truncate(time.Millisecond).UTC(), nil
		}
	}
	return time.Parse(time.RFC3339Nano, s)
}

// stringFromAPI is optionalStringFromAPI without a prior value: a data
// source's optional string, or one compared with another (nil and "" are
// the same null).
func stringFromAPI(v *string) types.String { return optionalStringFromAPI(v, types.StringNull()) }
