package validators

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// OneOfOrRenamed accepts only the values of valid. A value of renamed (an
// old name the server still accepts but rewrites) is refused with the name
// to write instead, since accepting it would make every later plan show the
// server's rewrite as a change. what names the kind of value ("frequency")
// in messages.
func OneOfOrRenamed(what string, valid []string, renamed map[string]string) validator.String {
	sorted := append([]string(nil), valid...)
	sort.Strings(sorted)
	return oneOfOrRenamed{what: what, valid: sorted, renamed: renamed}
}

type oneOfOrRenamed struct {
	what    string
	valid   []string
	renamed map[string]string
}

func (v oneOfOrRenamed) Description(context.Context) string {
	return fmt.Sprintf("must be one of: %s", QuoteList(v.valid))
}
func (v oneOfOrRenamed) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v oneOfOrRenamed) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	for _, ok := range v.valid {
		if s == ok {
			return
		}
	}
	if now, ok := v.renamed[s]; ok {
		resp.Diagnostics.AddAttributeError(req.Path, fmt.Sprintf("Legacy %s name", v.what),
			fmt.Sprintf("%q is a legacy %s name that data.gouv.fr rewrites to %q. Write %s = %q.", s, v.what, now, req.Path, now))
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, fmt.Sprintf("Unknown %s", v.what),
		fmt.Sprintf("%q is not a %s of data.gouv.fr.%s Valid values: %s.", s, v.what, DidYouMean(s, v.valid), QuoteList(v.valid)))
}
