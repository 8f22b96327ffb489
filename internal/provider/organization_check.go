package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// checkOrganizationMembership adds an error on attr, at plan time, when the
// API key's user may not publish (a dataset, a dataservice, a contact point)
// as the organization orgID. udata
// would otherwise refuse the create at apply with a 400 on `organization`
// (its PublishAsField accepts members of any role, and site admins).
//
// The caller (/api/1/me/, with the user's organizations) is read once per
// configured provider, however many datasets are planned; the organization
// itself is read only when the user is not a member, to name it.
//
// Without an API key nothing is checked: the write itself needs a key and
// reports its absence.
func checkOrganizationMembership(ctx context.Context, data *providerData, orgID string, attr path.Path, diags *diag.Diagnostics) {
	if data == nil || !data.hasAPIKey || orgID == "" {
		return
	}
	me, err := data.reference.Me(ctx)
	if err != nil && data.lenient {
		return // validation: the plan checks again
	}
	if err != nil {
		diags.AddAttributeError(attr, "Could not check the organization",
			fmt.Sprintf("Reading the API key's user (GET /api/1/me/), to check that it may publish as organization %q, failed: %s",
				orgID, errorDetail(err)))
		return
	}
	if slices.Contains(me.Roles, "admin") || memberOf(me, orgID) {
		return
	}

	choices := "The user belongs to no organization: leave organization unset to publish under the user's own name."
	if len(me.Organizations) > 0 {
		names := make([]string, 0, len(me.Organizations))
		for _, o := range me.Organizations {
			names = append(names, fmt.Sprintf("%q (%s)", o.Name, o.ID))
		}
		choices = "The user's organizations: " + strings.Join(names, ", ") + "."
	}

	org, err := data.client.Reference.Organization(ctx, orgID)
	switch {
	case errors.Is(err, client.ErrNotFound):
		diags.AddAttributeError(attr, "Organization not found",
			fmt.Sprintf("data.gouv.fr has no organization %q. Set organization to the id of an organization the API key's user "+
				"belongs to. %s", orgID, choices))
	case errors.Is(err, client.ErrGone):
		diags.AddAttributeError(attr, "Organization deleted",
			fmt.Sprintf("The organization %q has been deleted on data.gouv.fr: nothing can be published as it any more. %s", orgID, choices))
	case err != nil && data.lenient:
		// validation: the plan checks again
	case err != nil:
		diags.AddAttributeError(attr, "Could not check the organization",
			fmt.Sprintf("Reading the organization %q, to name it in an error (the API key's user is not among its members), failed: %s",
				orgID, errorDetail(err)))
	case org.Deleted != nil:
		diags.AddAttributeError(attr, "Organization deleted",
			fmt.Sprintf("The organization %q (%s) was deleted on data.gouv.fr on %s: nothing can be published as it any more. %s",
				org.Name, org.ID, *org.Deleted, choices))
	default:
		diags.AddAttributeError(attr, "Not a member of the organization",
			fmt.Sprintf("The API key's user (%s) is not a member of the organization %q (%s), so data.gouv.fr would refuse to publish "+
				"as it. Ask an administrator of the organization to add the user as a member, or set organization "+
				"to an organization the user belongs to. %s", userLabel(me), org.Name, org.ID, choices))
	}
}

// userLabel names a user the way the portal displays them.
func userLabel(me *client.Me) string {
	name := strings.TrimSpace(me.FirstName + " " + me.LastName)
	switch {
	case name != "" && me.Slug != "":
		return name + ", " + me.Slug
	case name != "":
		return name
	case me.Slug != "":
		return me.Slug
	}
	return me.ID
}
