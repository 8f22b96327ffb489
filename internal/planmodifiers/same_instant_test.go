package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestSameInstant(t *testing.T) {
	const z = "2027-01-01T00:00:00Z"
	cases := []struct {
		name, config, state, want string
	}{
		{"other zone, same instant: state kept", "2027-01-01T01:00:00+01:00", z, z},
		{"same instant below the millisecond: state kept", "2027-01-01T00:00:00.0004Z", z, z},
		{"another instant: configured", "2027-01-01T00:00:00+01:00", z, "2027-01-01T00:00:00+01:00"},
		{"unparsable state: configured", "2027-01-01T01:00:00+01:00", "soon", "2027-01-01T01:00:00+01:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := stringRequest(object("A", c.state), object("A", c.config), types.StringValue(c.state), types.StringValue(c.config))
			req.ConfigValue = types.StringValue(c.config)
			resp := planmodifier.StringResponse{PlanValue: req.PlanValue}
			SameInstant().PlanModifyString(context.Background(), req, &resp)
			if resp.PlanValue.ValueString() != c.want {
				t.Fatalf("plan = %s, want %s", resp.PlanValue, c.want)
			}
		})
	}
}
