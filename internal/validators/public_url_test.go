package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestPublicURL(t *testing.T) {
	for value, wantErr := range map[string]string{
		"https://api.example.org/v1/": "",
		"":                            "", // no URL
		" https://api.example.org/":   "surrounding white space",
		"api.example.org":             "Invalid URL",
		"http://localhost:8080/":      "Invalid URL",
	} {
		resp := &validator.StringResponse{}
		PublicURL().ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("base_api_url"), ConfigValue: types.StringValue(value),
		}, resp)
		got := ""
		if resp.Diagnostics.HasError() {
			got = resp.Diagnostics[0].Summary()
		}
		if wantErr == "" && got != "" || wantErr != "" && !strings.Contains(got, wantErr) {
			t.Errorf("PublicURL(%q): %q, want %q", value, got, wantErr)
		}
	}
}
