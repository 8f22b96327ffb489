package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// PublicURL checks an optional URL attribute (a dataservice's documentation
// and API URLs, a contact form) against udata's URLField rules, the same as
// a remote resource's URL (CheckResourceURL). An empty string is no URL and
// passes: such attributes treat "" as unset. White space around the URL is
// refused: udata strips it when it stores the URL, so the plan would never
// converge.
func PublicURL() validator.String { return publicURL{} }

type publicURL struct{}

func (publicURL) Description(context.Context) string {
	return "must be an http, https, ftp or ftps URL of a public host with a real top-level domain"
}
func (v publicURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (publicURL) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return
	}
	s := req.ConfigValue.ValueString()
	if strings.TrimSpace(s) != s {
		resp.Diagnostics.AddAttributeError(req.Path, "URL with surrounding white space",
			fmt.Sprintf("data.gouv.fr stores %q without its surrounding white space: write %q.", s, strings.TrimSpace(s)))
		return
	}
	if err := CheckResourceURL(s); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
			fmt.Sprintf("data.gouv.fr would refuse this URL: %s. Write the public address, e.g. https://example.org/.", err))
	}
}
