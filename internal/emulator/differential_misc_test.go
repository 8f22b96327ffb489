package emulator

import (
	"testing"
)

// Differential sequences on reference lists, users, organizations,
// authentication and routing, and organization roles.

func dfReferenceLists(t *testing.T, d *differ) {
	d.each(t, []dfCase{
		{"licenses", dfGet(dfDS+"licenses/", "")},
		{"frequencies", dfGet(dfDS+"frequencies/", "")},
		{"resource types", dfGet(dfDS+"resource_types/", "")},
		{"extensions", dfGet(dfDS+"extensions/", "")},
		{"schemas", dfGet(dfDS+"schemas/", "")},
		{"licenses with bad key", dfGet(dfDS+"licenses/", "bad")},
		{"licenses as main", dfGet(dfDS+"licenses/", "main")},
		{"spatial levels", dfGet("/api/1/spatial/levels/", "")},
		{"spatial granularities", dfGet("/api/1/spatial/granularities/", "")},
		{"spatial zone country", dfGet("/api/1/spatial/zone/country:fr/", "")},
		{"spatial zone region", dfGet("/api/1/spatial/zone/fr:region:11/", "")},
		{"spatial zone commune", dfGet("/api/1/spatial/zone/fr:commune:75056/", "")},
		{"spatial zone unknown", dfGet("/api/1/spatial/zone/fr:region:99/", "")},
	})
}

func dfMeAndOrganizations(t *testing.T, d *differ) {
	d.each(t, []dfCase{
		{"me main", dfGet("/api/1/me/", "main")},
		{"me other", dfGet("/api/1/me/", "other")},
		{"me admin", dfGet("/api/1/me/", "admin")},
		{"me anonymous", dfGet("/api/1/me/", "")},
		{"me bad key", dfGet("/api/1/me/", "bad")},
		{"org by id", dfGet("/api/1/organizations/{{org}}/", "")},
		{"org by slug", dfGet("/api/1/organizations/{{org.slug}}/", "")},
		{"org as member", dfGet("/api/1/organizations/{{org}}/", "main")},
		{"org as other", dfGet("/api/1/organizations/{{org}}/", "other")},
		{"other org", dfGet("/api/1/organizations/{{otherorg}}/", "main")},
		{"org unknown", dfGet("/api/1/organizations/nope/", "")},
		{"org unknown id", dfGet("/api/1/organizations/0123456789abcdef01234567/", "")},
		{"org bad key", dfGet("/api/1/organizations/{{org}}/", "bad")},
	})
}

func dfAuthAndRouting(t *testing.T, d *differ) {
	d.dataset(t, "au", nil)
	d.each(t, []dfCase{
		{"unknown api path", dfGet("/api/1/nope/", "")},
		{"unknown api path put", dfPut("/api/1/nope/", "main", jo{})},
		{"unknown dataset before auth", dfPut(dfDS+"0123456789abcdef01234567/", "bad", jo{})},
		{"bad key on public read", dfGet(dfDS+"{{au}}/", "bad")},
		{"bad key on write", dfPut(dfDS+"{{au}}/", "bad", jo{"title": "x"})},
		{"no key on write", dfPut(dfDS+"{{au}}/", "", jo{"title": "x"})},
		{"other key on write", dfPut(dfDS+"{{au}}/", "other", jo{"title": "x"})},
		{"other key on delete", dfDel(dfDS+"{{au}}/", "other")},
		{"no key on create", dfPost(dfDS, "", jo{})},
		{"bad key on create", dfPost(dfDS, "bad", jo{})},
		{"permalink not a uuid", dfGet(dfDS+"r/not-a-uuid", "")},
		{"permalink unknown", dfGet(dfDS+"r/00000000-0000-4000-8000-000000000000", "")},
		{"v2 unknown dataset", dfGet("/api/2/datasets/0123456789abcdef01234567/", "")},
		{"v2 unknown resource", dfGet("/api/2/datasets/resources/00000000-0000-4000-8000-000000000000/", "")},
		{"v2 resource not a uuid", dfGet("/api/2/datasets/resources/nope/", "")},
		{"resources list get", dfGet(dfDS+"{{au}}/resources/", "")},
		{"options", dfReq{method: "OPTIONS", path: dfDS, as: ""}},
		{"emulator control api", dfGet("/_emulator/requests", "admin")},
		{"head", dfReq{method: "HEAD", path: dfDS + "{{au}}/", as: ""}},
	})
}

// dfPartialEditor makes the other user a partial editor of the main
// organization (an invitation the other user accepts), then checks what
// that role may do: publish as the organization, edit what they created,
// nothing else.
func dfPartialEditor(t *testing.T, d *differ) {
	d.dataset(t, "pe_main", nil)
	inv := d.call(t, "invite", dfPost("/api/1/organizations/{{org}}/member/", "main", jo{"user": "{{other.id}}", "role": "partial_editor"}))
	d.bind(t, "invitation", inv, "id")
	d.call(t, "accept the invitation", dfPost("/api/1/me/org_invitations/{{invitation}}/accept/", "other", jo{}))
	d.call(t, "accept it again", dfPost("/api/1/me/org_invitations/{{invitation}}/accept/", "other", jo{}))
	// The oracle may serve other runs: give the other user back their
	// "no rights" role (the emulator's membership ends with the test).
	orc := d.sites[1]
	t.Cleanup(func() {
		if r := orc.send(t, dfDel("/api/1/organizations/{{org}}/member/{{other.id}}/", "main")); r.status != 204 {
			t.Errorf("udata: removing the other user from the organization: %d %s", r.status, dfClip(r.raw))
		}
	})

	d.call(t, "me", dfGet("/api/1/me/", "other"))
	d.call(t, "organization", dfGet("/api/1/organizations/{{org}}/", ""))
	own := d.call(t, "create as the organization", dfPost(dfDS, "other", jo{"title": "Partial {{run}}", "description": "d", "organization": "{{org}}", "tags": []any{"{{run}}"}}))
	d.bind(t, "pe_own", own, "id")
	d.each(t, []dfCase{
		{"edit own", dfPut(dfDS+"{{pe_own}}/", "other", jo{"title": "Partial edited {{run}}"})},
		{"add resource to own", dfPost(dfDS+"{{pe_own}}/resources/", "other", jo{"title": "T", "url": "https://example.com/a", "filetype": "remote"})},
		{"read own", dfGet(dfDS+"{{pe_own}}/", "other")},
		{"edit the organization's", dfPut(dfDS+"{{pe_main}}/", "other", jo{"title": "x"})},
		{"read the organization's", dfGet(dfDS+"{{pe_main}}/", "other")},
		{"main edits it", dfPut(dfDS+"{{pe_own}}/", "main", jo{"title": "Partial by main {{run}}"})},
		{"private own", dfPut(dfDS+"{{pe_own}}/", "other", jo{"private": true})},
		{"read private own", dfGet(dfDS+"{{pe_own}}/", "other")},
		{"listing", dfGet(dfDS+"?tag={{run}}&q=Partial", "other")},
		{"delete own", dfDel(dfDS+"{{pe_own}}/", "other")},
	})
}
