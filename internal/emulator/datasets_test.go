package emulator

import (
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var reISODate = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$`)

func TestDatasetCreateDefaults(t *testing.T) {
	e := newEnv(t, Config{})
	r := e.createDataset(nil)
	d := r.obj()
	if !regexp.MustCompile(`^[0-9a-f]{24}$`).MatchString(r.str("id")) {
		t.Errorf("id %q is not an ObjectId", r.str("id"))
	}
	want := map[string]any{
		"private": false, "frequency": "unknown", "license": "notspecified", "tags": []any{},
		"extras": map[string]any{}, "resources": []any{}, "deleted": nil, "owner": nil,
		"slug": "a-dataset", "temporal_coverage": nil, "description_short": nil, "acronym": nil,
	}
	for k, v := range want {
		if !reflect.DeepEqual(d[k], v) {
			t.Errorf("%s = %#v, want %#v", k, d[k], v)
		}
	}
	if r.str("organization.id") != OrgID {
		t.Errorf("organization = %v", d["organization"])
	}
	for _, k := range []string{"created_at", "last_modified", "last_update"} {
		if !reISODate.MatchString(r.str(k)) {
			t.Errorf("%s = %q is not ISO 8601 with +00:00", k, r.str(k))
		}
	}
	if !strings.HasPrefix(r.str("uri"), e.ts.URL+"/api/1/datasets/") || !strings.HasPrefix(r.str("page"), e.ts.URL+"/datasets/") {
		t.Errorf("uri %q page %q not built from the request host", r.str("uri"), r.str("page"))
	}
	hasKeys(t, d, "metrics", "quality", "internal", "permissions", "badges", "featured", "harvest", "archived", "spatial")

	// Without organization, the caller owns it.
	r = e.do("POST", "/api/1/datasets/", BobKey, map[string]any{"title": "Bob's", "description": "d"}).want(t, 201)
	if r.str("owner.id") != BobID || r.obj()["organization"] != nil {
		t.Errorf("owner %v organization %v", r.obj()["owner"], r.obj()["organization"])
	}
}

func TestDatasetValidation(t *testing.T) {
	e := newEnv(t, Config{})
	long := strings.Repeat("x", 351)
	cases := []struct {
		name   string
		key    string
		body   any
		ct     string
		status int
		field  string // expected key of "errors", or "" for a {"message"} body
		msg    string // exact message when field == ""
	}{
		{"missing title", AliceKey, map[string]any{"description": "d"}, "", 400, "title", ""},
		{"blank title", AliceKey, map[string]any{"title": "  ", "description": "d"}, "", 400, "title", ""},
		{"title too long", AliceKey, map[string]any{"title": long, "description": "d"}, "", 400, "title", ""},
		{"missing description", AliceKey, map[string]any{"title": "t"}, "", 400, "description", ""},
		{"description_short too long", AliceKey, map[string]any{"title": "t", "description": "d", "description_short": strings.Repeat("y", 201)}, "", 400, "description_short", ""},
		{"short tag", AliceKey, map[string]any{"title": "t", "description": "d", "tags": []any{"ok-tag", "ab"}}, "", 400, "tags", ""},
		{"long tag", AliceKey, map[string]any{"title": "t", "description": "d", "tags": []any{strings.Repeat("a", 97)}}, "", 400, "tags", ""},
		{"invalid frequency", AliceKey, map[string]any{"title": "t", "description": "d", "frequency": "foo"}, "", 400, "", "'foo' is not a valid UpdateFrequency"},
		{"org not a member", AliceKey, map[string]any{"title": "t", "description": "d", "organization": OtherOrgID}, "", 400, "organization", ""},
		{"org bad id", AliceKey, map[string]any{"title": "t", "description": "d", "organization": "nope"}, "", 400, "organization", ""},
		{"org unknown", AliceKey, map[string]any{"title": "t", "description": "d", "organization": "0123456789abcdef01234567"}, "", 400, "organization", ""},
		{"bob cannot publish as org", BobKey, map[string]any{"title": "t", "description": "d", "organization": OrgID}, "", 400, "organization", ""},
		{"unknown zone", AliceKey, map[string]any{"title": "t", "description": "d", "spatial": map[string]any{"zones": []any{"mars:1"}}}, "", 400, "spatial", ""},
		{"extras not an object", AliceKey, map[string]any{"title": "t", "description": "d", "extras": []any{1}}, "", 400, "extras", ""},
		{"wrong content type", AliceKey, `{"title": "t", "description": "d"}`, "text/plain", 400, "Content-Type", ""},
		{"malformed JSON", AliceKey, `{"title": `, "application/json", 400, "", msgBadRequest},
		{"JSON list", AliceKey, `[1, 2]`, "application/json", 400, "request", ""},
		{"no key", "", map[string]any{"title": "t", "description": "d"}, "", 401, "", msgUnauthorized},
		{"bad key", "udata_nope", map[string]any{"title": "t", "description": "d"}, "", 401, "", "Invalid API token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var r resp
			if tc.ct != "" {
				r = e.do("POST", "/api/1/datasets/", tc.key, tc.body, "Content-Type", tc.ct)
			} else {
				r = e.do("POST", "/api/1/datasets/", tc.key, tc.body)
			}
			r.want(t, tc.status)
			if tc.field != "" {
				errs, ok := r.obj()["errors"].(map[string]any)
				if !ok || errs[tc.field] == nil {
					t.Fatalf("want errors.%s, got %s", tc.field, r.raw)
				}
				if _, hasMsg := r.obj()["message"]; hasMsg {
					t.Errorf("form validation body has a message: %s", r.raw)
				}
				return
			}
			if r.str("message") != tc.msg {
				t.Errorf("message %q, want %q", r.str("message"), tc.msg)
			}
		})
	}
	// Nothing was created by the failures.
	if r := e.do("GET", "/api/1/datasets/", AdminKey, nil).want(t, 200); r.obj()["total"] != 0.0 {
		t.Errorf("total = %v after failed creations", r.obj()["total"])
	}
	// 401 for a write without key carries the challenge.
	r := e.do("POST", "/api/1/datasets/", "", map[string]any{})
	if r.header.Get("WWW-Authenticate") != `Bearer realm="uData"` {
		t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
	}
	// Model validation: acronym too long.
	r = e.do("POST", "/api/1/datasets/", AliceKey, map[string]any{"title": "t", "description": "d", "acronym": strings.Repeat("a", 129)}).want(t, 400)
	hasKeys(t, r.body, "errors", "message")
}

func TestDatasetNormalization(t *testing.T) {
	e := newEnv(t, Config{})
	cases := []struct {
		name  string
		in    map[string]any
		field string
		want  any
	}{
		{"tags slugified sorted deduped", map[string]any{"tags": []any{"Énergie Solaire", "b-tag", "énergie solaire"}}, "tags", []any{"b-tag", "energie-solaire"}},
		{"one-element list split on commas", map[string]any{"tags": []any{"open data, Transport,open data"}}, "tags", []any{"open-data", "transport"}},
		{"unknown license stored null", map[string]any{"license": "no-such-licence"}, "license", "notspecified"},
		{"known license", map[string]any{"license": "lov2"}, "license", "lov2"},
		{"legacy frequency rewritten", map[string]any{"frequency": "fortnighly"}, "frequency", "biweekly"},
		{"null frequency reads unknown", map[string]any{"frequency": nil}, "frequency", "unknown"},
		{"empty description_short is null", map[string]any{"description_short": ""}, "description_short", nil},
		{"empty acronym is null", map[string]any{"acronym": ""}, "acronym", nil},
		{"temporal coverage cut to dates and swapped", map[string]any{"temporal_coverage": map[string]any{"start": "2024-12-31T10:00:00Z", "end": "2020-01-01"}}, "temporal_coverage", map[string]any{"start": "2020-01-01", "end": "2024-12-31"}},
		{"open temporal coverage", map[string]any{"temporal_coverage": map[string]any{"start": "2020-01-01", "end": nil}}, "temporal_coverage", map[string]any{"start": "2020-01-01", "end": nil}},
		{"spatial", map[string]any{"spatial": map[string]any{"zones": []any{"country:fr"}, "granularity": "country"}}, "spatial", map[string]any{"geom": nil, "zones": []any{"country:fr"}, "granularity": "country"}},
		{"private", map[string]any{"private": true}, "private", true},
		{"extras", map[string]any{"extras": map[string]any{"k": 1.5}}, "extras", map[string]any{"k": 1.5}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.createDataset(tc.in)
			if got := r.obj()[tc.field]; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s = %#v, want %#v", tc.field, got, tc.want)
			}
			// It reads back the same.
			g := e.do("GET", "/api/1/datasets/"+r.str("id")+"/", AliceKey, nil).want(t, 200)
			if got := g.obj()[tc.field]; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("read back %s = %#v, want %#v", tc.field, got, tc.want)
			}
		})
	}
}

func TestDatasetSlugs(t *testing.T) {
	e := newEnv(t, Config{})
	a := e.createDataset(map[string]any{"title": "Qualité de l'air"})
	if a.str("slug") != "qualite-de-lair" {
		t.Fatalf("slug %q", a.str("slug"))
	}
	b := e.createDataset(map[string]any{"title": "Qualité de l'air"})
	c := e.createDataset(map[string]any{"title": "QUALITE DE LAIR"})
	if b.str("slug") != "qualite-de-lair-1" || c.str("slug") != "qualite-de-lair-2" {
		t.Fatalf("slugs %q %q", b.str("slug"), c.str("slug"))
	}
	// Soft-deleted datasets keep their slug taken.
	e.do("DELETE", "/api/1/datasets/"+a.str("id")+"/", AliceKey, nil).want(t, 204)
	d := e.createDataset(map[string]any{"title": "Qualité de l'air"})
	if d.str("slug") != "qualite-de-lair-3" {
		t.Fatalf("slug %q", d.str("slug"))
	}
	// Address by slug.
	e.do("GET", "/api/1/datasets/qualite-de-lair-1/", "", nil).want(t, 200)
	// The slug follows a title change; the old one redirects with 308.
	id := b.str("id")
	r := e.do("PUT", "/api/1/datasets/"+id+"/", AliceKey, map[string]any{"title": "Pollution"}).want(t, 200)
	if r.str("slug") != "pollution" {
		t.Fatalf("slug after rename %q", r.str("slug"))
	}
	old := e.do("GET", "/api/1/datasets/qualite-de-lair-1/", "", nil).want(t, 308)
	if old.header.Get("Location") != "/api/1/datasets/pollution/" {
		t.Errorf("Location %q", old.header.Get("Location"))
	}
	// Redirects apply to every method, before authentication.
	e.do("PUT", "/api/1/datasets/qualite-de-lair-1/", "udata_bad", map[string]any{}).want(t, 308)
	// A second rename keeps old slugs pointing at the newest.
	e.do("PUT", "/api/1/datasets/"+id+"/", AliceKey, map[string]any{"title": "Pollution 2"}).want(t, 200)
	if loc := e.do("GET", "/api/1/datasets/qualite-de-lair-1/", "", nil).want(t, 308).header.Get("Location"); loc != "/api/1/datasets/pollution-2/" {
		t.Errorf("Location %q", loc)
	}
	// The freed slug can be taken again; it then stops redirecting.
	f := e.createDataset(map[string]any{"title": "Pollution"})
	if f.str("slug") != "pollution" {
		t.Errorf("slug %q", f.str("slug"))
	}
	e.do("GET", "/api/1/datasets/pollution/", "", nil).want(t, 200)
	// Unknown id or slug.
	e.do("GET", "/api/1/datasets/0123456789abcdef01234567/", "", nil).want(t, 404)
	e.do("GET", "/api/1/datasets/no-such-slug/", "", nil).want(t, 404)
	// Same slugified title keeps the slug, a non-slug spelling redirects.
	r = e.do("PUT", "/api/1/datasets/"+f.str("id")+"/", AliceKey, map[string]any{"title": "POLLUTION!"}).want(t, 200)
	if r.str("slug") != "pollution" {
		t.Errorf("slug %q", r.str("slug"))
	}
	e.do("GET", "/api/1/datasets/Pollution/", "", nil).want(t, 308)
}

func TestDatasetPutSemantics(t *testing.T) {
	e := newEnv(t, Config{})
	r := e.createDataset(map[string]any{
		"tags": []any{"alpha", "beta"}, "temporal_coverage": map[string]any{"start": "2020-01-01", "end": "2020-12-31"},
		"license": "lov2", "frequency": "daily", "description_short": "short", "private": true,
		"extras": map[string]any{"a": "1", "b": "2"},
	})
	id := r.str("id")
	path := "/api/1/datasets/" + id + "/"
	lm := r.str("last_modified")

	// {} is no form data at all: nothing changes.
	p := e.do("PUT", path, AliceKey, map[string]any{}).want(t, 200)
	if !reflect.DeepEqual(p.obj()["tags"], []any{"alpha", "beta"}) || p.obj()["temporal_coverage"] == nil {
		t.Errorf("{} changed tags/temporal_coverage: %v %v", p.obj()["tags"], p.obj()["temporal_coverage"])
	}
	// Any other body keeps absent fields, except tags and temporal
	// coverage, which are cleared (udata#2468).
	p = e.do("PUT", path, AliceKey, map[string]any{"title": "A dataset"}).want(t, 200)
	if !reflect.DeepEqual(p.obj()["tags"], []any{}) || p.obj()["temporal_coverage"] != nil {
		t.Errorf("absent tags/temporal_coverage not cleared: %v %v", p.obj()["tags"], p.obj()["temporal_coverage"])
	}
	for k, v := range map[string]any{"license": "lov2", "frequency": "daily", "description_short": "short", "private": true, "title": "A dataset"} {
		if p.obj()[k] != v {
			t.Errorf("%s = %v, want kept %v", k, p.obj()[k], v)
		}
	}
	if p.str("last_modified") == lm {
		t.Error("last_modified unchanged by a PUT")
	}
	// Every PUT bumps it, even one changing nothing.
	p2 := e.do("PUT", path, AliceKey, map[string]any{}).want(t, 200)
	if p2.str("last_modified") == p.str("last_modified") {
		t.Error("last_modified unchanged by a second PUT")
	}
	// Explicit null clears.
	p = e.do("PUT", path, AliceKey, map[string]any{"license": nil, "frequency": nil, "description_short": nil, "acronym": nil, "private": false}).want(t, 200)
	for k, v := range map[string]any{"license": "notspecified", "frequency": "unknown", "description_short": nil, "private": false} {
		if p.obj()[k] != v {
			t.Errorf("%s = %v, want %v", k, p.obj()[k], v)
		}
	}
	// extras, when sent, replace the whole object.
	p = e.do("PUT", path, AliceKey, map[string]any{"extras": map[string]any{"c": "3"}}).want(t, 200)
	if !reflect.DeepEqual(p.obj()["extras"], map[string]any{"c": "3"}) {
		t.Errorf("extras %v", p.obj()["extras"])
	}
	// Read-only keys sent back are ignored; unknown keys too.
	p = e.do("PUT", path, AliceKey, map[string]any{"id": "x", "slug": "y", "uri": "z", "created_at": "2000-01-01", "nope": 1}).want(t, 200)
	if p.str("id") != id || p.str("slug") != "a-dataset" {
		t.Errorf("read-only keys changed: %s %s", p.str("id"), p.str("slug"))
	}
	// The organization cannot change.
	e.do("PUT", path, AliceKey, map[string]any{"organization": OtherOrgID}).want(t, 400)
	e.do("PUT", path, AliceKey, map[string]any{"organization": OrgID}).want(t, 200)
	// No PATCH.
	e.do("PATCH", path, AliceKey, map[string]any{}).want(t, 405)
	// Non-JSON body: udata reads request.json first, so 415.
	e.do("PUT", path, AliceKey, "title=x", "Content-Type", "application/x-www-form-urlencoded").want(t, 415)
	// Validation on PUT.
	r = e.do("PUT", path, AliceKey, map[string]any{"title": ""}).want(t, 400)
	hasKeys(t, r.obj()["errors"], "title")
	e.do("PUT", path, AliceKey, map[string]any{"frequency": "hourlyish"}).want(t, 400)
}

func TestDatasetPermissionsAndPrivacy(t *testing.T) {
	e := newEnv(t, Config{})
	pub := e.createDataset(nil).str("id")
	priv := e.createDataset(map[string]any{"private": true, "title": "Secret"}).str("id")
	cases := []struct {
		name, method, id, key string
		body                  any
		status                int
	}{
		{"anonymous reads public", "GET", pub, "", nil, 200},
		{"bob reads public", "GET", pub, BobKey, nil, 200},
		{"bad key fails reads", "GET", pub, "udata_invalid", nil, 401},
		{"bob cannot update", "PUT", pub, BobKey, map[string]any{"title": "x"}, 403},
		{"bob cannot delete", "DELETE", pub, BobKey, nil, 403},
		{"anonymous cannot update", "PUT", pub, "", map[string]any{"title": "x"}, 401},
		{"private hidden from anonymous", "GET", priv, "", nil, 404},
		{"private hidden from bob", "GET", priv, BobKey, nil, 404},
		{"private visible to alice", "GET", priv, AliceKey, nil, 200},
		{"private visible to admin", "GET", priv, AdminKey, nil, 200},
		{"bob cannot write private", "PUT", priv, BobKey, map[string]any{"title": "x"}, 403},
		{"admin can update", "PUT", pub, AdminKey, map[string]any{"title": "By admin"}, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(tc.method, "/api/1/datasets/"+tc.id+"/", tc.key, tc.body).want(t, tc.status)
			if tc.status >= 400 {
				hasKeys(t, r.body, "message")
			}
			if tc.status == 403 && r.str("message") != msgForbidden {
				t.Errorf("403 message %q", r.str("message"))
			}
		})
	}
	// permissions reflect the caller.
	if e.do("GET", "/api/1/datasets/"+pub+"/", BobKey, nil).obj()["permissions"].(map[string]any)["edit"] != false {
		t.Error("bob has edit permission")
	}
	if e.do("GET", "/api/1/datasets/"+pub+"/", AliceKey, nil).obj()["permissions"].(map[string]any)["edit"] != true {
		t.Error("alice lacks edit permission")
	}
}

func TestDatasetSoftDeleteRestorePurge(t *testing.T) {
	e := newEnv(t, Config{})
	d := e.createDataset(map[string]any{"tags": []any{"keep-me"}})
	id := d.str("id")
	path := "/api/1/datasets/" + id + "/"
	res := e.upload(path+"upload/", AliceKey, "data.csv", []byte("a,b\n1,2\n")).want(t, 201)
	fileURL := res.str("url")

	e.do("DELETE", path, BobKey, nil).want(t, 403)
	e.do("DELETE", path, AliceKey, nil).want(t, 204)
	// Owner reads 200 with deleted set; others 410.
	r := e.do("GET", path, AliceKey, nil).want(t, 200)
	if r.str("deleted") == "" || len(r.obj()["resources"].([]any)) != 1 {
		t.Errorf("deleted %v resources %v", r.obj()["deleted"], r.obj()["resources"])
	}
	if r := e.do("GET", path, "", nil).want(t, 410); r.str("message") != "Dataset has been deleted" {
		t.Errorf("410 message %q", r.str("message"))
	}
	e.do("GET", path, BobKey, nil).want(t, 410)
	e.do("DELETE", path, AliceKey, nil).want(t, 410)
	// Any other PUT → 410; bob's restore → 403.
	e.do("PUT", path, AliceKey, map[string]any{"title": "x"}).want(t, 410)
	e.do("PUT", path, AliceKey, map[string]any{"deleted": "2026-01-01T00:00:00Z"}).want(t, 410)
	e.do("PUT", path, BobKey, map[string]any{"deleted": nil}).want(t, 403)
	// The file stays until the purge.
	if g, err := http.Get(fileURL); err != nil || g.StatusCode != 200 {
		t.Fatalf("file of a soft-deleted dataset: %v %v", err, g)
	}
	// Resource writes by editors are not blocked by the soft delete.
	e.createRemote(id, nil)
	// Restore: deleted null; the PUT rule still clears absent tags.
	r = e.do("PUT", path, AliceKey, map[string]any{"deleted": nil}).want(t, 200)
	if r.obj()["deleted"] != nil || !reflect.DeepEqual(r.obj()["tags"], []any{}) {
		t.Errorf("after restore: deleted %v tags %v", r.obj()["deleted"], r.obj()["tags"])
	}
	e.do("GET", path, "", nil).want(t, 200)

	// Purge only hits soft-deleted datasets; then 404 and the file is gone.
	other := e.createDataset(nil).str("id")
	e.do("DELETE", path, AliceKey, nil).want(t, 204)
	e.do("POST", "/_emulator/purge", AliceKey, nil).want(t, 403)
	e.do("POST", "/_emulator/purge", AdminKey, nil).want(t, 200)
	e.do("GET", path, AliceKey, nil).want(t, 404)
	e.do("GET", "/api/1/datasets/"+other+"/", "", nil).want(t, 200)
	if g, err := http.Get(fileURL); err != nil || g.StatusCode != 404 {
		t.Fatalf("file after purge: %v %v", err, g)
	}
	// Its resources' permalinks are gone too.
	e.do("GET", "/api/1/datasets/r/"+res.str("id"), "", nil).want(t, 404)
}

func TestDatasetListing(t *testing.T) {
	e := newEnv(t, Config{})
	var ids []string
	for i := 0; i < 5; i++ {
		ids = append(ids, e.createDataset(map[string]any{"title": "Listed " + string(rune('A'+i)), "tags": []any{"common", "tag-" + string(rune('a'+i))}}).str("id"))
	}
	priv := e.createDataset(map[string]any{"title": "Hidden private", "private": true}).str("id")
	del := e.createDataset(map[string]any{"title": "Hidden deleted"}).str("id")
	e.do("DELETE", "/api/1/datasets/"+del+"/", AliceKey, nil).want(t, 204)
	bobs := e.do("POST", "/api/1/datasets/", BobKey, map[string]any{"title": "Bob solo", "description": "d"}).want(t, 201).str("id")

	list := func(key, query string) resp {
		t.Helper()
		return e.do("GET", "/api/1/datasets/"+query, key, nil).want(t, 200)
	}
	idsOf := func(r resp) []string {
		var out []string
		for _, d := range r.obj()["data"].([]any) {
			out = append(out, d.(map[string]any)["id"].(string))
		}
		return out
	}
	total := func(r resp) int { return int(r.obj()["total"].(float64)) }

	// Anonymous: neither private nor deleted; newest first.
	r := list("", "")
	hasKeys(t, r.body, "data", "page", "page_size", "total", "next_page", "previous_page")
	if total(r) != 6 || r.obj()["page_size"] != 20.0 || r.obj()["next_page"] != nil {
		t.Errorf("anonymous listing: total %d page_size %v next %v", total(r), r.obj()["page_size"], r.obj()["next_page"])
	}
	if got := idsOf(r); got[0] != bobs || got[len(got)-1] != ids[0] {
		t.Errorf("order %v", got)
	}
	// Bob: the same (he owns only a public one).
	if total(list(BobKey, "")) != 6 {
		t.Error("bob sees hidden datasets")
	}
	// Alice sees her organization's private and deleted ones too (udata's
	// visible_by_user); the deleted filter excludes them.
	if total(list(AliceKey, "")) != 8 {
		t.Errorf("alice total %d", total(list(AliceKey, "")))
	}
	if got := idsOf(list(AliceKey, "?deleted=false&private=false")); len(got) != 6 {
		t.Errorf("alice filtered %v", got)
	}
	if got := idsOf(list(AliceKey, "?private=true")); len(got) != 1 || got[0] != priv {
		t.Errorf("private filter %v", got)
	}
	e.do("GET", "/api/1/datasets/?deleted=true", "", nil).want(t, 401)
	// Pagination.
	r = list("", "?page_size=2&tag=common")
	if total(r) != 5 || len(idsOf(r)) != 2 || r.obj()["previous_page"] != nil {
		t.Fatalf("page 1: %s", r.raw)
	}
	next := r.str("next_page")
	if next != e.ts.URL+"/api/1/datasets/?page_size=2&tag=common&page=2" {
		t.Errorf("next_page %q", next)
	}
	r = list("", "?page_size=2&tag=common&page=3")
	if len(idsOf(r)) != 1 || r.obj()["next_page"] != nil || r.str("previous_page") == "" {
		t.Errorf("last page: %s", r.raw)
	}
	e.do("GET", "/api/1/datasets/?page=9", "", nil).want(t, 404)
	for _, bad := range []string{"?page=0", "?page_size=-1", "?page=x", "?organization=nope", "?owner=nope", "?sort=bogus"} {
		e.do("GET", "/api/1/datasets/"+bad, "", nil).want(t, 400)
	}
	// Filters.
	if got := idsOf(list("", "?tag=tag-c")); len(got) != 1 || got[0] != ids[2] {
		t.Errorf("tag filter %v", got)
	}
	if got := idsOf(list("", "?tag=common&tag=tag-a")); len(got) != 1 || got[0] != ids[0] {
		t.Errorf("two tags %v", got)
	}
	if got := idsOf(list("", "?owner="+BobID)); len(got) != 1 || got[0] != bobs {
		t.Errorf("owner filter %v", got)
	}
	if got := idsOf(list("", "?organization="+OrgID)); len(got) != 5 {
		t.Errorf("organization filter %v", got)
	}
	if got := idsOf(list("", "?q=listed+zz")); len(got) != 0 {
		t.Errorf("q filter with no match %v", got)
	}
	if got := idsOf(list("", "?q=LISTED+b")); len(got) != 1 || got[0] != ids[1] {
		t.Errorf("q filter %v", got)
	}
	if got := idsOf(list("", "?sort=title&page_size=1")); got[0] != bobs {
		t.Errorf("sort by title %v", got)
	}
	// Trailing slash redirect, like werkzeug.
	e.do("GET", "/api/1/datasets", "", nil).want(t, 308)
}
