package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func runString(v validator.String, value types.String) validator.StringResponse {
	var resp validator.StringResponse
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("attr"), ConfigValue: value}, &resp)
	return resp
}

func TestStringValidators(t *testing.T) {
	tests := []struct {
		name  string
		v     validator.String
		value string
		ok    bool
	}{
		{"not blank", NotBlank(), "A title", true},
		{"not blank: empty", NotBlank(), "", false},
		{"not blank: spaces", NotBlank(), " \t\n", false},
		{"date", Date(), "2024-02-29", true},
		{"date: not a day", Date(), "2023-02-29", false},
		{"date: datetime", Date(), "2024-01-01T00:00:00Z", false},
		{"date: other order", Date(), "01/02/2024", false},
		{"rfc3339", RFC3339(), "2025-06-01T00:00:00Z", true},
		{"rfc3339: offset and fraction", RFC3339(), "2025-06-01T02:00:00.123+02:00", true},
		{"rfc3339: no zone", RFC3339(), "2025-06-01T00:00:00", false},
		{"rfc3339: date only", RFC3339(), "2025-06-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := runString(tt.v, types.StringValue(tt.value))
			if got := !resp.Diagnostics.HasError(); got != tt.ok {
				t.Fatalf("valid = %v, want %v (%v)", got, tt.ok, resp.Diagnostics)
			}
			if !tt.ok {
				if n := resp.Diagnostics.ErrorsCount(); n != 1 {
					t.Fatalf("want one diagnostic, got %d", n)
				}
				if p := resp.Diagnostics.Errors()[0]; !strings.Contains(p.Detail(), "attr") {
					t.Errorf("detail does not name the attribute: %q", p.Detail())
				}
			}
			for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
				if runString(tt.v, v).Diagnostics.HasError() {
					t.Errorf("error on %v", v)
				}
			}
		})
	}
}

func TestOneOfOrRenamed(t *testing.T) {
	v := OneOfOrRenamed("frequency", []string{"daily", "weekly", "continuous", "biweekly"},
		map[string]string{"realtime": "continuous", "fortnighly": "biweekly"})
	tests := []struct {
		value string
		want  []string // substrings of the detail; nil for valid
	}{
		{value: "daily"},
		{value: "realtime", want: []string{`legacy frequency name`, `attr = "continuous"`}},
		{value: "fortnighly", want: []string{`"biweekly"`}},
		{value: "dayly", want: []string{`Did you mean "daily"?`, `Valid values: "biweekly", "continuous", "daily", "weekly"`}},
		{value: "Daily", want: []string{`Did you mean "daily"?`}},
		{value: "zzzzzzzzzz", want: []string{`is not a frequency`}},
	}
	for _, tt := range tests {
		resp := runString(v, types.StringValue(tt.value))
		if tt.want == nil {
			if resp.Diagnostics.HasError() {
				t.Errorf("%q: unexpected %v", tt.value, resp.Diagnostics)
			}
			continue
		}
		if resp.Diagnostics.ErrorsCount() != 1 {
			t.Fatalf("%q: want one error, got %v", tt.value, resp.Diagnostics)
		}
		d := resp.Diagnostics.Errors()[0].Detail()
		for _, w := range tt.want {
			if !strings.Contains(d, w) {
				t.Errorf("%q: detail %q lacks %q", tt.value, d, w)
			}
		}
		if tt.value == "zzzzzzzzzz" && strings.Contains(d, "Did you mean") {
			t.Errorf("suggestion for a far value: %q", d)
		}
	}
}

func TestSuggest(t *testing.T) {
	ids := []string{"lov2", "fr-lo", "odc-odbl", "cc-by", "cc-by-sa", "cc-zero", "notspecified"}
	if got := Suggest("cc-bysa", ids, 3); len(got) == 0 || got[0] != "cc-by-sa" {
		t.Errorf("Suggest(cc-bysa) = %v", got)
	}
	if got := Suggest("lov-2", ids, 3); len(got) == 0 || got[0] != "lov2" {
		t.Errorf("Suggest(lov-2) = %v", got)
	}
	if got := Suggest("mit", ids, 3); len(got) != 0 {
		t.Errorf("Suggest(mit) = %v, want none", got)
	}
}
