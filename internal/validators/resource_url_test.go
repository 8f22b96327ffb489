package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCheckResourceURL(t *testing.T) {
	cases := []struct {
		url     string
		wantErr string // substring of the error; "" for a valid URL
	}{
		{"https://example.org/data.csv", ""},
		{"  https://example.org/data.csv  ", ""}, // udata trims
		{"http://www.data.gouv.fr/fr/datasets/x/", ""},
		{"ftp://ftp.example.com/pub/file.zip", ""},
		{"ftps://files.example.fr:2121/file.zip", ""},
		{"https://user:secret@example.org/private.csv", ""}, // credentials allowed on data.gouv.fr
		{"https://sub_domain.example.co.uk/x?a=b#frag", ""},
		{"http://8.8.8.8/file.csv", ""},
		{"http://[2001:4860:4860::8888]/file.csv", ""},
		{"https://пример.рф/файл.csv", ""}, // the same in Unicode
		{"https://example.org:8443/data.csv", ""},

		{"", "empty"},
		{"example.org/data.csv", "not an absolute URL"},
		{"//example.org/data.csv", "not an absolute URL"},
		{"mailto:someone@example.org", "not an absolute URL"},
		{"file:///etc/passwd", "scheme \"file\""},
		{"gopher://example.org/", "scheme \"gopher\""},
		{"https://exa mple.org/", "white space"},
		{"http://localhost/file.csv", "local URL"},
		{"http://localhost:8080/file.csv", "local URL"},
		{"http://LOCALHOST.localdomain/file.csv", "local URL"},
		{"http://127.0.0.1/file.csv", "loopback"},
		{"http://[::1]/file.csv", "loopback"},
		{"http://10.1.2.3/file.csv", "private"},
		{"http://192.168.1.10/file.csv", "private"},
		{"http://172.16.0.1/file.csv", "private"},
		{"http://169.254.169.254/latest/meta-data", "private"},
		{"http://100.64.0.1/", "private"},
		{"http://[fd00::1]/", "private"},
		{"http://224.0.0.1/", "multicast"},
		{"http://0.0.0.0/", "unspecified"},
		{"http://255.255.255.0/", "mask"},
		{"http://999.1.1.1/", "invalid IP"},
		{"https://intranet/file.csv", "no top-level domain"},
		{"https://example.notarealtld/file.csv", "does not exist"},
		{"https://example.c/file.csv", "does not exist"},
		{"https://-bad-.example.org/", "invalid host name"},
		{"https://example.org:1/", "invalid port"},
		{"https:///data.csv", "no host"},
		// udata's host pattern allows single hyphens only, so it refuses
		// punycode labels ("xn--"); the Unicode form above passes.
		{"https://exemple.xn--p1ai/", "invalid host name"},
	}
	for _, c := range cases {
		t.Run(c.url, func(t *testing.T) {
			err := CheckResourceURL(c.url)
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("want valid, got %v", err)
			case c.wantErr != "" && err == nil:
				t.Fatalf("want an error containing %q, got none", c.wantErr)
			case c.wantErr != "" && !strings.Contains(err.Error(), c.wantErr):
				t.Fatalf("want an error containing %q, got %q", c.wantErr, err)
			}
		})
	}
}

func TestResourceURLValidator(t *testing.T) {
	v := ResourceURL()
	for _, tc := range []struct {
		name    string
		value   types.String
		wantErr bool
	}{
		{"null", types.StringNull(), false},
		{"unknown", types.StringUnknown(), false},
		{"valid", types.StringValue("https://example.org/a.csv"), false},
		{"localhost", types.StringValue("http://localhost/a.csv"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := &validator.StringResponse{}
			v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("url"), ConfigValue: tc.value}, resp)
			if got := resp.Diagnostics.HasError(); got != tc.wantErr {
				t.Fatalf("error = %v, want %v: %v", got, tc.wantErr, resp.Diagnostics)
			}
			if tc.wantErr && !resp.Diagnostics[0].(interface{ Path() path.Path }).Path().Equal(path.Root("url")) {
				t.Fatalf("diagnostic not on url: %v", resp.Diagnostics)
			}
		})
	}
}
