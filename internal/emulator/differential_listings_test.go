package emulator

import "testing"

// dfAdoptionListings: the listings the adoption data sources read
// (datagouv_dataservices, datagouv_contact_points), on an organization of
// their own so that nothing else is listed. udata lists a member the
// organization's private, archived and deleted dataservices (its listing
// ORs "owned by the caller or their organizations" with "visible"), and
// anyone the public, unarchived, undeleted ones; an organization's
// contact points are public, in creation order.
func dfAdoptionListings(t *testing.T, d *differ) {
	org := d.call(t, "create organization", dfPost("/api/1/organizations/", "main", jo{"name": "Listings {{run}}", "description": "d"}))
	d.bind(t, "lorg", org, "id")
	// Deleted at the end: the main user's organizations are compared
	// elsewhere, and the oracle may serve other runs.
	t.Cleanup(func() { d.call(t, "delete organization", dfDel("/api/1/organizations/{{lorg}}/", "main")) })
	d.contactPoint(t, "lcp1", jo{"organization": "{{lorg}}"})
	d.contactPoint(t, "lcp2", jo{"organization": "{{lorg}}", "email": nil, "contact_form": "https://example.org/form", "role": "publisher"})
	d.dataservice(t, "lpub", jo{"organization": "{{lorg}}", "contact_points": []any{"{{lcp1}}"}})
	d.dataservice(t, "lpriv", jo{"organization": "{{lorg}}", "private": true})
	d.dataservice(t, "larch", jo{"organization": "{{lorg}}"})
	d.dataservice(t, "ldel", jo{"organization": "{{lorg}}"})
	byOrg := dfDSV + "?organization={{lorg}}&sort=created"
	cps := "/api/1/organizations/{{lorg}}/contacts/"
	d.each(t, []dfCase{
		{"archive", dfPatch(dfDSV+"{{larch}}/", "main", jo{"archived_at": "2024-01-02T03:04:05Z"})},
		{"delete", dfDel(dfDSV+"{{ldel}}/", "main")},
		{"dataservices, member", dfGet(byOrg, "main")},
		{"dataservices, member, second page", dfGet(byOrg+"&page_size=2&page=2", "main")},
		{"dataservices, anonymous", dfGet(byOrg, "")},
		{"dataservices, other", dfGet(byOrg, "other")},
		{"dataservices, admin", dfGet(byOrg, "admin")},
		{"contact points, anonymous", dfGet(cps, "")},
		{"contact points, member, pages", dfGet(cps+"?page=2&page_size=1", "main")},
		{"contact points, by slug", dfGet("/api/1/organizations/listings-{{run}}/contacts/", "")},
		{"contact points, unknown organization", dfGet("/api/1/organizations/0123456789abcdef01234567/contacts/", "")},
	})
}
