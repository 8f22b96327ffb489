package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// What every data source shares: the provider configured before a read,
// and the advice for a slug written where an id belongs.

// dataSourceConfigured reports a provider that was not configured before a
// data source read, which Terraform should never let happen.
func dataSourceConfigured(data *providerData, diags *diag.Diagnostics) bool {
	if data != nil {
		return true
	}
	diags.AddError("Provider not configured",
		"The datagouv provider was not configured before this data source was read. This is a bug in the provider; please report it.")
	return false
}

// lookUpBySlug is the advice for a slug written in a data source's id: the
// id is always the portal's canonical one, the slug goes in slug.
func lookUpBySlug(value string) string {
	return fmt.Sprintf("To look it up by its slug, write slug = %q instead of id; the data source then returns its id.", value)
}
