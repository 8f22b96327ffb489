package validators

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Email checks an optional e-mail address the way udata's check_is_email
// (python-email-validator, without a DNS lookup) refuses the common
// mistakes: no "@", white space, a domain without a dot, or a special-use
// domain that can receive no mail (.local, .localhost, .test, .invalid,
// .onion, .arpa). An empty string passes: it stands for no address.
func Email() validator.String { return email{} }

type email struct{}

var emailShape = regexp.MustCompile(`^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$`)

var specialUseDomains = []string{"local", "localhost", "test", "invalid", "onion", "arpa"}

func (email) Description(context.Context) string { return "must be an e-mail address" }
func (v email) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (email) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return
	}
	if err := CheckEmail(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid e-mail address",
			fmt.Sprintf("data.gouv.fr would refuse this address: %s.", err))
	}
}

// CheckEmail returns why udata would refuse s as an e-mail address, or nil.
func CheckEmail(s string) error {
	if !emailShape.MatchString(s) {
		return fmt.Errorf("%q is not an e-mail address (name@domain.tld, without spaces)", s)
	}
	tld := strings.ToLower(s[strings.LastIndex(s, ".")+1:])
	for _, d := range specialUseDomains {
		if tld == d {
			return fmt.Errorf("%q is in the special-use domain .%s, which receives no mail", s, tld)
		}
	}
	return nil
}
