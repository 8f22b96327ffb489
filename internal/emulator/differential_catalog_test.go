package emulator

import (
	"strings"
	"testing"
)

// TestDifferentialCatalog is TestDifferential for the rest of a producer's
// catalogue: contact points, dataservices, access rules. Same harness, same
// oracle (DATAGOUV_BASE_URL), its own sequences and allow-list.
func TestDifferentialCatalog(t *testing.T) {
	d := newDiffer(t)
	d.allowed, d.used = dfCatalogAllowList, map[int]bool{}
	passed := map[string]bool{}
	for _, sq := range []dfSequence{
		{"contact_points", dfContactPoints},
		{"dataservice_create", dfDataserviceCreate},
		{"dataservice_patch", dfDataservicePatch},
		{"dataservice_validation", dfDataserviceValidation},
		{"dataservice_access", dfDataserviceAccess},
		{"dataservice_lifecycle", dfDataserviceLifecycle},
		{"dataservice_datasets", dfDataserviceDatasets},
		{"dataset_access", dfDatasetAccess},
		{"transfers", dfTransfers},
		{"adoption_listings", dfAdoptionListings}, // differential_listings_test.go
	} {
		ran := false
		ok := t.Run(sq.name, func(t *testing.T) { ran = true; sq.fn(t, d) })
		passed[sq.name] = ran && ok
	}
	for i, a := range d.allowed {
		seq, _, _ := strings.Cut(strings.TrimPrefix(a.step, "TestDifferentialCatalog/"), "/")
		if passed[seq] && !d.used[i] {
			t.Errorf("allow-list entry %q %q matched no difference: remove it (%s)", a.step, a.field, a.reason)
		}
	}
}

var dfCatalogAllowList = []dfAllowance{
	{"*", "body.*page", "page links: null on a udata without front end (oracle), set on data.gouv.fr"},
	{"*", "body.self_web_url", "page links: null on a udata without front end (oracle), set on data.gouv.fr"},
	{"*", "body.data.*.self_web_url", "page links: null on a udata without front end (oracle), set on data.gouv.fr"},
	// A dataset's metrics belong to the dataset emulator, which counts no
	// dataservice (udata counts those serving the dataset).
	{"TestDifferentialCatalog/dataservice_datasets/*", "body.data.*.metrics.dataservices", "datasets' dataservice metrics are not counted by the emulator"},
}

const (
	dfDSV = "/api/1/dataservices/"
	dfCP  = "/api/1/contacts/"
)

// contactPoint creates a contact point as the main user, for the main
// organization unless fields say otherwise, and binds its id to name.
func (d *differ) contactPoint(t *testing.T, name string, fields jo) {
	t.Helper()
	body := jo{"name": "Contact " + name + " {{run}}", "email": name + "-{{run}}@example.org", "role": "contact", "organization": "{{org}}"}
	for k, v := range fields {
		if v == nil {
			delete(body, k)
		} else {
			body[k] = v
		}
	}
	ans := d.call(t, "create contact "+name, dfPost(dfCP, "main", body))
	if ans[0].status != 201 || ans[1].status != 201 {
		t.Fatalf("creating contact point %s: emulator %d, udata %d", name, ans[0].status, ans[1].status)
	}
	d.bind(t, name, ans, "id")
}

// dataservice creates a dataservice as the main user in the main
// organization and binds its id (and slug, as name.slug) to name.
func (d *differ) dataservice(t *testing.T, name string, fields jo) [2]dfAnswer {
	t.Helper()
	body := jo{"title": "API " + name + " {{run}}", "organization": "{{org}}", "tags": []any{"{{run}}"}}
	for k, v := range fields {
		if v == nil {
			delete(body, k)
		} else {
			body[k] = v
		}
	}
	ans := d.call(t, "create "+name, dfPost(dfDSV, "main", body))
	if ans[0].status != 201 || ans[1].status != 201 {
		t.Fatalf("creating dataservice %s: emulator %d, udata %d", name, ans[0].status, ans[1].status)
	}
	d.bind(t, name, ans, "id")
	d.bind(t, name+".slug", ans, "slug")
	return ans
}

func dfPatch(p, as string, body any) dfReq {
	return dfReq{method: "PATCH", path: p, as: as, json: body}
}

func dfContactPoints(t *testing.T, d *differ) {
	d.each(t, []dfCase{{"roles", dfGet(dfCP+"roles/", "")}, {"reason categories", dfGet("/api/1/access_type/reason_categories/", "")}})
	d.contactPoint(t, "cp", nil)
	d.contactPoint(t, "cp_user", jo{"organization": nil, "role": "creator", "email": nil})
	cp := dfCP + "{{cp}}/"
	d.each(t, []dfCase{
		{"same fields again", dfPost(dfCP, "main", jo{"name": "Contact cp {{run}}", "email": "cp-{{run}}@example.org", "role": "contact", "organization": "{{org}}"})},
		{"contact without email", dfPost(dfCP, "main", jo{"name": "No way {{run}}", "role": "contact"})},
		{"unknown role", dfPost(dfCP, "main", jo{"name": "Bad role {{run}}", "role": "boss", "email": "x@example.org"})},
		{"url in name", dfPost(dfCP, "main", jo{"name": "https://example.org/{{run}}", "role": "creator"})},
		{"empty name", dfPost(dfCP, "main", jo{"name": "", "role": "creator"})},
		{"no role", dfPost(dfCP, "main", jo{"name": "No role {{run}}"})},
		{"bad email", dfPost(dfCP, "main", jo{"name": "Bad email {{run}}", "role": "creator", "email": "nope"})},
		{"bad contact form", dfPost(dfCP, "main", jo{"name": "Bad form {{run}}", "role": "creator", "contact_form": "nope"})},
		{"other's organization", dfPost(dfCP, "other", jo{"name": "Intruder {{run}}", "role": "creator", "organization": "{{org}}"})},
		{"unknown organization", dfPost(dfCP, "main", jo{"name": "Lost {{run}}", "role": "creator", "organization": "0123456789abcdef01234567"})},
		{"not a key", dfPost(dfCP, "", jo{"name": "Anonymous {{run}}", "role": "creator"})},
		{"get", dfGet(cp, "")},
		{"get as other", dfGet(cp, "other")},
		{"get unknown", dfGet(dfCP+"0123456789abcdef01234567/", "")},
		{"put keeps absent fields", dfPut(cp, "main", jo{"name": "Renamed cp {{run}}"})},
		{"put null contact form", dfPut(cp, "main", jo{"contact_form": nil, "role": "publisher"})},
		{"put blank email", dfPut(cp, "main", jo{"email": " ", "contact_form": "https://example.org/form"})},
		{"put contact without means", dfPut(cp, "main", jo{"role": "contact", "contact_form": nil})},
		{"put same as another", dfPut(cp, "main", jo{"name": "Contact cp_user {{run}}", "role": "creator", "email": nil, "contact_form": nil})},
		{"put organization", dfPut(cp, "main", jo{"organization": "{{otherorg}}"})},
		{"put as other", dfPut(cp, "other", jo{"name": "Hijack"})},
		{"delete as other", dfDel(cp, "other")},
		{"delete", dfDel(cp, "main")},
		{"get deleted", dfGet(cp, "main")},
		{"delete again", dfDel(cp, "main")},
		{"list user contacts, bad page size", dfGet("/api/1/users/{{main.id}}/contacts/?page=1&page_size=0", "")},
	})
}

func dfDataserviceCreate(t *testing.T, d *differ) {
	d.contactPoint(t, "dcp", nil)
	d.dataservice(t, "min", jo{"organization": nil, "tags": nil})
	d.dataservice(t, "full", jo{
		"acronym": "API", "description": "What it serves.", "base_api_url": "https://api.example.org/v1/",
		"machine_documentation_url": "https://api.example.org/openapi.json", "technical_documentation_url": "https://doc.example.org/",
		"business_documentation_url": "https://example.org/business", "rate_limiting": "100 requests/s",
		"rate_limiting_url": "https://example.org/limits", "availability": 99.5, "availability_url": "https://status.example.org/",
		"format": "REST", "license": "lov2", "tags": []any{"{{run}}", "Open Data"}, "private": true,
		"extras": jo{"tfacc:one": "1", "number": 2, "nested": jo{"a": []any{1, "b"}}}, "contact_points": []any{"{{dcp}}"},
	})
	d.each(t, []dfCase{
		{"get min", dfGet(dfDSV+"{{min}}/", "main")},
		{"get full", dfGet(dfDSV+"{{full}}/", "main")},
		{"get full by slug", dfGet(dfDSV+"{{full.slug}}/", "main")},
		{"private, anonymous", dfGet(dfDSV+"{{full}}/", "")},
		{"private, other", dfGet(dfDSV+"{{full}}/", "other")},
		{"private, admin", dfGet(dfDSV+"{{full}}/", "admin")},
		{"unknown", dfGet(dfDSV+"0123456789abcdef01234567/", "")},
		{"unknown slug", dfGet(dfDSV+"no-such-api-{{run}}/", "")},
		{"list by tag", dfGet(dfDSV+"?tag={{run}}", "main")},
		{"list by tag, anonymous", dfGet(dfDSV+"?tag={{run}}", "")},
		{"list by tag, newest first", dfGet(dfDSV+"?tag={{run}}&sort=-created", "main")},
		{"list bad sort", dfGet(dfDSV+"?sort=nope", "")},
		{"list bad page size", dfGet(dfDSV+"?page_size=0", "")},
		{"list bad page", dfGet(dfDSV+"?page=x", "")},
		{"list bad organization", dfGet(dfDSV+"?organization=nope", "")},
		{"create anonymous", dfPost(dfDSV, "", jo{"title": "x"})},
		{"create in other's organization", dfPost(dfDSV, "other", jo{"title": "Intruder {{run}}", "organization": "{{org}}"})},
		{"create as someone else", dfPost(dfDSV, "other", jo{"title": "Impostor {{run}}", "owner": "{{main.id}}"})},
		{"put is not allowed", dfPut(dfDSV+"{{min}}/", "main", jo{"title": "x"})},
	})
}

func dfDataservicePatch(t *testing.T, d *differ) {
	d.dataservice(t, "p", jo{"acronym": "P", "rate_limiting": "10/s", "format": "WMS", "license": "cc-by",
		"availability": 90, "extras": jo{"a": "1", "b": "2"}, "base_api_url": "https://p.example.org/"})
	p := dfDSV + "{{p}}/"
	d.each(t, []dfCase{
		{"absent fields kept", dfPatch(p, "main", jo{"description": "Changed."})},
		{"null clears", dfPatch(p, "main", jo{"acronym": nil, "license": nil, "format": nil, "availability": nil, "base_api_url": nil})},
		{"blank is null", dfPatch(p, "main", jo{"rate_limiting": "  ", "description": ""})},
		{"extras replaced", dfPatch(p, "main", jo{"extras": jo{"c": "3"}})},
		{"extras null", dfPatch(p, "main", jo{"extras": nil})},
		{"tags string", dfPatch(p, "main", jo{"tags": "{{run}},Second Tag"})},
		{"tags cleared", dfPatch(p, "main", jo{"tags": []any{}})},
		{"private null", dfPatch(p, "main", jo{"private": nil})},
		{"title renames slug", dfPatch(p, "main", jo{"title": "API p renamed {{run}}"})},
		{"old slug redirects", dfGet(dfDSV+"{{p.slug}}/", "")},
		{"organization kept", dfPatch(p, "main", jo{"organization": "{{org}}"})},
		{"organization changed", dfPatch(p, "main", jo{"organization": "{{otherorg}}"})},
		{"owner changed", dfPatch(p, "main", jo{"owner": "{{main.id}}"})},
		{"read-only fields ignored", dfPatch(p, "main", jo{"slug": "forced", "featured": true, "created_at": "2000-01-01", "id": "0123456789abcdef01234567"})},
		{"as other", dfPatch(p, "other", jo{"title": "Hijack"})},
		{"anonymous", dfPatch(p, "", jo{"title": "Hijack"})},
		{"null datasets crash", dfPatch(p, "main", jo{"datasets": nil})},
		{"null contact points crash", dfPatch(p, "main", jo{"contact_points": nil})},
	})
}

func dfDataserviceValidation(t *testing.T, d *differ) {
	d.dataservice(t, "v", nil)
	v := dfDSV + "{{v}}/"
	d.each(t, []dfCase{
		{"no title", dfPost(dfDSV, "main", jo{"description": "x"})},
		{"blank title", dfPatch(v, "main", jo{"title": "   "})},
		{"many save errors", dfPost(dfDSV, "main", jo{"base_api_url": "bad", "availability": "x", "tags": []any{"a"}, "archived_at": "zz"})},
		{"unknown licence", dfPatch(v, "main", jo{"license": "nope"})},
		{"empty licence", dfPatch(v, "main", jo{"license": ""})},
		{"unknown format", dfPatch(v, "main", jo{"format": "SOAP"})},
		{"lower-case format", dfPatch(v, "main", jo{"format": "rest"})},
		{"first patch error wins", dfPatch(v, "main", jo{"format": "bad", "license": "nope"})},
		{"first patch error wins, other order", dfPatch(v, "main", jo{"license": "nope", "format": "bad"})},
		{"availability above 100", dfPatch(v, "main", jo{"availability": 101})},
		{"availability string", dfPatch(v, "main", jo{"availability": "99"})},
		{"url not a url", dfPatch(v, "main", jo{"machine_documentation_url": "notaurl"})},
		{"acronym too long", dfPatch(v, "main", jo{"acronym": strings.Repeat("a", 129)})},
		{"unknown dataset", dfPatch(v, "main", jo{"datasets": []any{"0123456789abcdef01234567"}})},
		{"malformed dataset id", dfPatch(v, "main", jo{"datasets": []any{"xyz"}})},
		{"unknown contact point", dfPatch(v, "main", jo{"contact_points": []any{"0123456789abcdef01234567"}})},
		{"bad archive date", dfPatch(v, "main", jo{"archived_at": "someday"})},
		{"title not a string", dfPatch(v, "main", jo{"title": 12})},
		{"private not a bool", dfPatch(v, "main", jo{"private": "yes"})},
		{"acronym not a string", dfPatch(v, "main", jo{"acronym": 12})},
		{"format not a string", dfPatch(v, "main", jo{"format": 12})},
		{"extras not an object", dfPatch(v, "main", jo{"extras": []any{1}})},
		{"tags not a list", dfPatch(v, "main", jo{"tags": 12})},
		{"availability true", dfPatch(v, "main", jo{"availability": true})},
	})
}

func dfDataserviceAccess(t *testing.T, d *differ) {
	d.dataservice(t, "a", jo{"license": "lov2"})
	a := dfDSV + "{{a}}/"
	d.each(t, []dfCase{
		{"restricted with audiences", dfPatch(a, "main", jo{"access_type": "restricted",
			"access_audiences":          []any{jo{"role": "private", "condition": "no"}, jo{"role": "company_and_association", "condition": "under_condition"}},
			"authorization_request_url": "https://example.org/ask", "access_type_reason_category": "confidentiality_of_personal_data",
			"access_type_reason": "Personal data."})},
		{"licence kept when restricted", dfGet(a, "main")},
		{"audiences absent kept", dfPatch(a, "main", jo{"access_type": "restricted"})},
		{"open drops audiences", dfPatch(a, "main", jo{"access_type": "open_with_account", "access_audiences": []any{jo{"role": "private", "condition": "yes"}}})},
		{"audience without condition", dfPatch(a, "main", jo{"access_type": "restricted", "access_audiences": []any{jo{"role": "private"}}})},
		{"two conditions for a role", dfPatch(a, "main", jo{"access_audiences": []any{jo{"role": "private", "condition": "no"}, jo{"role": "private", "condition": "yes"}}})},
		{"unknown role", dfPatch(a, "main", jo{"access_audiences": []any{jo{"role": "everyone", "condition": "no"}}})},
		{"unknown condition", dfPatch(a, "main", jo{"access_audiences": []any{jo{"role": "private", "condition": "maybe"}}})},
		{"null audiences crash", dfPatch(a, "main", jo{"access_audiences": nil})},
		{"unknown access type", dfPatch(a, "main", jo{"access_type": "closed"})},
		{"null access type", dfPatch(a, "main", jo{"access_type": nil})},
		{"unknown reason category", dfPatch(a, "main", jo{"access_type_reason_category": "because"})},
		{"blank reason category", dfPatch(a, "main", jo{"access_type_reason_category": ""})},
		{"bad authorization url", dfPatch(a, "main", jo{"authorization_request_url": "bad"})},
	})
}

func dfDataserviceLifecycle(t *testing.T, d *differ) {
	d.dataservice(t, "l", nil)
	l := dfDSV + "{{l}}/"
	d.each(t, []dfCase{
		{"archive", dfPatch(l, "main", jo{"archived_at": "2024-01-02T03:04:05Z"})},
		{"archived listed for owner", dfGet(dfDSV+"?tag={{run}}", "main")},
		{"archived hidden from listing", dfGet(dfDSV+"?tag={{run}}", "")},
		{"archived still readable", dfGet(l, "")},
		{"unarchive", dfPatch(l, "main", jo{"archived_at": nil})},
		{"delete as other", dfDel(l, "other")},
		{"delete", dfDel(l, "main")},
		{"deleted, owner reads", dfGet(l, "main")},
		{"deleted, anonymous", dfGet(l, "")},
		{"deleted, other", dfGet(l, "other")},
		{"patch deleted", dfPatch(l, "main", jo{"title": "x"})},
		{"patch deleted as other", dfPatch(l, "other", jo{"title": "x"})},
		{"delete deleted", dfDel(l, "main")},
		{"restore as other", dfPatch(l, "other", jo{"deleted_at": nil})},
		{"restore", dfPatch(l, "main", jo{"deleted_at": nil, "description": "Restored."})},
		{"delete by patch", dfPatch(l, "main", jo{"deleted_at": "2024-01-01T00:00:00Z"})},
		{"restore again", dfPatch(l, "main", jo{"deleted_at": nil})},
	})
	d.dataservice(t, "lp", jo{"private": true})
	d.each(t, []dfCase{
		{"delete private", dfDel(dfDSV+"{{lp}}/", "main")},
		{"deleted private, other", dfGet(dfDSV+"{{lp}}/", "other")},
	})
}

func dfDataserviceDatasets(t *testing.T, d *differ) {
	d.dataset(t, "sds1", nil)
	d.dataset(t, "sds2", jo{"private": true})
	d.contactPoint(t, "scp", nil)
	d.dataservice(t, "s", jo{"datasets": []any{"{{sds1}}", "{{sds2}}"}, "contact_points": []any{"{{scp}}"}})
	d.each(t, []dfCase{
		{"datasets counted", dfGet(dfDSV+"{{s}}/", "main")},
		{"datasets listed for the owner", dfGet(dfDS+"?dataservice={{s}}", "main")},
		{"datasets listed for anyone", dfGet(dfDS+"?dataservice={{s}}", "")},
		{"datasets listed, page size", dfGet(dfDS+"?dataservice={{s}}&page_size=1&page=2", "main")},
		{"datasets listed, bad id", dfGet(dfDS+"?dataservice=nope", "main")},
		{"datasets by dataset filter", dfGet(dfDSV+"?dataset={{sds1}}", "main")},
		{"delete the contact point", dfDel(dfCP+"{{scp}}/", "main")},
		{"contact point pulled", dfGet(dfDSV+"{{s}}/", "main")},
		{"delete a dataset", dfDel(dfDS+"{{sds1}}/", "main")},
		{"deleted dataset still served", dfGet(dfDS+"?dataservice={{s}}", "main")},
		{"datasets cleared", dfPatch(dfDSV+"{{s}}/", "main", jo{"datasets": []any{}})},
	})
}
