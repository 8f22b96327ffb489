package validators

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestDateRange(t *testing.T) {
	attrTypes := map[string]attr.Type{"start": types.StringType, "end": types.StringType}
	obj := func(start, end types.String) types.Object {
		return types.ObjectValueMust(attrTypes, map[string]attr.Value{"start": start, "end": end})
	}
	s := types.StringValue
	tests := []struct {
		name    string
		value   types.Object
		wantErr bool
	}{
		{"ordered", obj(s("2020-01-01"), s("2020-12-31")), false},
		{"same day", obj(s("2020-01-01"), s("2020-01-01")), false},
		{"open ended", obj(s("2020-01-01"), types.StringNull()), false},
		{"unknown end", obj(s("2020-01-01"), types.StringUnknown()), false},
		{"malformed is the Date validator's job", obj(s("2020-13-01"), s("2020-01-01")), false},
		{"inverted", obj(s("2021-01-01"), s("2020-12-31")), true},
		{"null object", types.ObjectNull(attrTypes), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp validator.ObjectResponse
			DateRange("start", "end").ValidateObject(context.Background(),
				validator.ObjectRequest{Path: path.Root("temporal_coverage"), ConfigValue: tt.value}, &resp)
			if resp.Diagnostics.HasError() != tt.wantErr {
				t.Fatalf("error = %v, want %v: %v", resp.Diagnostics.HasError(), tt.wantErr, resp.Diagnostics)
			}
			if tt.wantErr {
				if resp.Diagnostics.ErrorsCount() != 1 {
					t.Fatalf("want one diagnostic: %v", resp.Diagnostics)
				}
				d, ok := resp.Diagnostics.Errors()[0].(interface{ Path() path.Path })
				if !ok || !d.Path().Equal(path.Root("temporal_coverage").AtName("end")) {
					t.Errorf("diagnostic not on temporal_coverage.end: %v", resp.Diagnostics)
				}
			}
		})
	}
}
