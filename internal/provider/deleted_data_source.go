package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// The one rule of the singular data sources (datagouv_dataset,
// datagouv_dataservice) for a soft-deleted object: an error, whoever reads
// it. udata shows a deleted object to its editors (200 with the deletion
// date) and answers 410 to everyone else; returning it to the editors only
// would make the same configuration work or fail by key, and a
// configuration built on a deleted object (its files, its id) would go on
// silently until the portal purges it. The error names the date and how to
// get it back.

// deletedDataSourceRule is the sentence the data sources' descriptions
// carry, so that the documentation states the rule in the same words.
func deletedDataSourceRule(object, resourceType string) string {
	return fmt.Sprintf("A deleted %[1]s is an error, whatever the API key (its editors can restore it until the portal purges it: "+
		"a `%[2]s` resource that imports it restores it on the next apply).", object, resourceType)
}

// addDeletedObjectError reports a soft-deleted object its editor read
// (with its title and deletion date).
func addDeletedObjectError(diags *diag.Diagnostics, attr path.Path, object, resourceType, title, id, deletedAt string) {
	diags.AddAttributeError(attr, fmt.Sprintf("%s deleted", upperFirst(object)),
		fmt.Sprintf("The %s %q (%s) was deleted on data.gouv.fr on %s. Its editors can restore it until the portal purges it "+
			"(a %s resource that manages it restores it on the next apply).", object, title, id, deletedAt, resourceType))
}

// addGoneObjectError reports a soft-deleted object udata answered 410 for
// (the key is not one of its editors', or there is none).
func addGoneObjectError(diags *diag.Diagnostics, attr path.Path, object, lookup string, err error) {
	diags.AddAttributeError(attr, fmt.Sprintf("%s deleted", upperFirst(object)),
		fmt.Sprintf("The %s %q has been deleted on data.gouv.fr. Its editors can restore it until the portal purges it.\n\n%s",
			object, lookup, errorDetail(err)))
}
