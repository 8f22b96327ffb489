package provider

import "github.com/datagouv-community/terraform-provider-datagouv/internal/client"

// Whether the API key's user belongs to an organization: the plan-time
// checks of an owner organization, the organization data source's
// membership, and the Read that tells a deletion from a dataset this key
// may not see (read_outcome.go).

// membership tells whether me belongs to org, and with which role. The
// organization's `members` list gives the role; /api/1/me/'s organizations
// (which udata lists for every role) is the fallback when a portal leaves
// the members out.
func membership(me *client.Me, org *client.Organization) (member bool, role string) {
	for _, m := range org.Members {
		if m.User.ID != "" && m.User.ID == me.ID {
			return true, m.Role
		}
	}
	return memberOf(me, org.ID), ""
}

// memberOf tells whether /api/1/me/ lists the organization (by id or slug)
// among the user's organizations.
func memberOf(me *client.Me, idOrSlug string) bool {
	for _, o := range me.Organizations {
		if o.ID == idOrSlug || (o.Slug != "" && o.Slug == idOrSlug) {
			return true
		}
	}
	return false
}
