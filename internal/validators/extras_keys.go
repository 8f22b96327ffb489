package validators

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// ExtrasKeys refuses an extras key starting with "$": udata stores extras
// in a MongoEngine DictField, whose validation refuses such keys (400
// "Invalid dictionary key name - keys may not startswith \"$\" characters")
// on datasets, resources and dataservices alike. Keys with dots, and the
// empty key, are accepted by udata 17.6.0, and so here.
func ExtrasKeys() validator.Map { return extrasKeys{} }

type extrasKeys struct{}

func (extrasKeys) Description(context.Context) string { return `keys must not start with "$"` }
func (v extrasKeys) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (extrasKeys) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	keys := make([]string, 0, len(req.ConfigValue.Elements()))
	for k := range req.ConfigValue.Elements() {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.HasPrefix(k, "$") {
			at := req.Path.AtMapKey(k)
			resp.Diagnostics.AddAttributeError(at, "Extras key starting with \"$\"",
				fmt.Sprintf("%s: data.gouv.fr refuses extras keys that start with \"$\" (MongoDB reserves them). Rename the key, e.g. %q.",
					at, strings.TrimLeft(k, "$")))
		}
	}
}
