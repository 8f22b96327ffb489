package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestSlugifyTag(t *testing.T) {
	for in, want := range map[string]string{
		"open-data":              "open-data",
		"Open Data":              "open-data",
		"  données   ouvertes  ": "donnees-ouvertes",
		"Éducation_nationale":    "education-nationale",
		"l'eau":                  "leau",
		"a--b__c":                "a-b-c",
		"Straße":                 "strasse",
		"cœur":                   "coeur",
		"2024":                   "2024",
		"---":                    "",
		"foo,bar":                "foo-bar",
	} {
		if got := SlugifyTag(in); got != want {
			t.Errorf("SlugifyTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTagValidator(t *testing.T) {
	tests := []struct {
		tag      string
		wantErr  string // "" for no error; else a substring of the detail
		wantPath string
	}{
		{tag: "open-data"},
		{tag: "abc"},
		{tag: strings.Repeat("a", 96)},
		{tag: "Open Data", wantErr: `Write "open-data"`},
		{tag: "données", wantErr: `Write "donnees"`},
		{tag: "-lead", wantErr: `Write "lead"`},
		{tag: "ab", wantErr: `"ab" has 2 characters; a tag needs 3 to 96`},
		{tag: "à", wantErr: `stores the tag "à" as "a", which has 1 character;`},
		{tag: strings.Repeat("a", 97), wantErr: "has 97 characters; a tag needs 3 to 96"},
		{tag: "", wantErr: "A tag cannot be empty"},
		{tag: "  ", wantErr: "A tag cannot be empty"},
		{tag: "日本語", wantErr: "in that form"},
		{tag: "!!!", wantErr: "in that form"},
	}
	for _, tt := range tests {
		req := validator.StringRequest{Path: path.Root("tags"), ConfigValue: types.StringValue(tt.tag)}
		var resp validator.StringResponse
		Tag().ValidateString(context.Background(), req, &resp)
		if tt.wantErr == "" {
			if resp.Diagnostics.HasError() {
				t.Errorf("%q: unexpected error %v", tt.tag, resp.Diagnostics)
			}
			continue
		}
		if resp.Diagnostics.ErrorsCount() != 1 {
			t.Errorf("%q: want one error, got %v", tt.tag, resp.Diagnostics)
			continue
		}
		if d := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(d, tt.wantErr) {
			t.Errorf("%q: detail %q does not contain %q", tt.tag, d, tt.wantErr)
		}
	}
}

func TestTagValidatorSkipsUnknownAndNull(t *testing.T) {
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		var resp validator.StringResponse
		Tag().ValidateString(context.Background(), validator.StringRequest{ConfigValue: v}, &resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%v: unexpected error", v)
		}
	}
}
