package emulator

import (
	"strings"
	"testing"
)

// Differential sequences on datasets (API v1 and v2).

const dfDS = "/api/1/datasets/"

func dfDatasetCreateDefaults(t *testing.T, d *differ) {
	d.dataset(t, "ds", nil)
	for _, as := range []string{"", "main", "other", "admin"} {
		d.call(t, "get as "+as, dfGet(dfDS+"{{ds}}/", as))
	}
	d.call(t, "get v2", dfGet("/api/2/datasets/{{ds}}/", "main"))
	d.call(t, "get v2 resources", dfGet("/api/2/datasets/{{ds}}/resources/", ""))
	// Without organization, the caller owns it.
	own := d.call(t, "create as other without organization", dfPost(dfDS, "other", jo{"title": "Other's {{run}}", "description": "d", "tags": []any{"{{run}}"}}))
	d.bind(t, "owned", own, "id")
	d.call(t, "get owned as owner", dfGet(dfDS+"{{owned}}/", "other"))
	d.call(t, "get owned as main", dfGet(dfDS+"{{owned}}/", "main"))
}

func dfDatasetValidation(t *testing.T, d *differ) {
	long := strings.Repeat("x", 351)
	base := func(extra jo) jo {
		b := jo{"title": "Invalid {{run}}", "description": "d"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	d.each(t, []dfCase{
		{"missing title", dfPost(dfDS, "main", jo{"description": "d"})},
		{"blank title", dfPost(dfDS, "main", jo{"title": "  ", "description": "d"})},
		{"title too long", dfPost(dfDS, "main", jo{"title": long, "description": "d"})},
		{"title not a string", dfPost(dfDS, "main", jo{"title": d.runNumber, "description": "d"})},
		{"missing description", dfPost(dfDS, "main", jo{"title": "t"})},
		{"description_short too long", dfPost(dfDS, "main", base(jo{"description_short": strings.Repeat("y", 201)}))},
		{"short tag", dfPost(dfDS, "main", base(jo{"tags": []any{"ok-tag", "ab"}}))},
		{"long tag", dfPost(dfDS, "main", base(jo{"tags": []any{strings.Repeat("a", 97)}}))},
		{"invalid frequency", dfPost(dfDS, "main", base(jo{"frequency": "foo"}))},
		{"frequency number", dfPost(dfDS, "main", base(jo{"frequency": 12}))},
		{"org not a member", dfPost(dfDS, "main", base(jo{"organization": "{{otherorg}}"}))},
		{"org bad id", dfPost(dfDS, "main", base(jo{"organization": "nope"}))},
		{"org unknown", dfPost(dfDS, "main", base(jo{"organization": "0123456789abcdef01234567"}))},
		{"other cannot publish as org", dfPost(dfDS, "other", base(jo{"organization": "{{org}}"}))},
		{"unknown zone", dfPost(dfDS, "main", base(jo{"spatial": jo{"zones": []any{"mars:1"}}}))},
		{"extras not an object", dfPost(dfDS, "main", base(jo{"extras": []any{1}}))},
		{"acronym too long", dfPost(dfDS, "main", base(jo{"acronym": strings.Repeat("a", 129)}))},
		{"custom extras without catalogue", dfPost(dfDS, "main", base(jo{"extras": jo{"custom:x": 1}}))},
		{"wrong content type", dfRaw("POST", dfDS, "main", "text/plain", `{"title": "t", "description": "d"}`)},
		{"malformed JSON", dfRaw("POST", dfDS, "main", "application/json", `{"title": `)},
		{"JSON list", dfRaw("POST", dfDS, "main", "application/json", `[1, 2]`)},
		{"no key", dfPost(dfDS, "", base(nil))},
		{"bad key", dfPost(dfDS, "bad", base(nil))},
	})
	// Nothing of the run was created by the failures.
	d.call(t, "nothing created", dfGet(dfDS+"?q=Invalid+{{run}}", "admin"))
}

func dfDatasetNormalisation(t *testing.T, d *differ) {
	cases := []struct {
		name string
		in   jo
	}{
		{"tags", jo{"tags": []any{"Énergie Solaire", "b-tag", "énergie solaire", "{{run}}"}}},
		{"comma tags", jo{"tags": []any{"open data, Transport,open data"}}},
		{"tag string", jo{"tags": "alpha,beta"}},
		{"unknown license", jo{"license": "no-such-licence"}},
		{"known license", jo{"license": "lov2"}},
		{"legacy frequency", jo{"frequency": "fortnighly"}},
		{"null frequency", jo{"frequency": nil}},
		{"empty strings", jo{"description_short": "", "acronym": ""}},
		{"temporal swapped", jo{"temporal_coverage": jo{"start": "2024-12-31T10:00:00Z", "end": "2020-01-01"}}},
		{"temporal open", jo{"temporal_coverage": jo{"start": "2020-01-01", "end": nil}}},
		{"temporal string", jo{"temporal_coverage": "2020-01-01 - 2021-06-30"}},
		{"spatial", jo{"spatial": jo{"zones": []any{"country:fr"}, "granularity": "country"}}},
		{"spatial zones only", jo{"spatial": jo{"zones": []any{"fr:region:11"}}}},
		{"spatial granularity only", jo{"spatial": jo{"granularity": "fr:departement"}}},
		{"frequency date", jo{"frequency_date": "2030-01-02T03:04:05Z"}},
		{"private", jo{"private": true}},
		{"extras", jo{"extras": jo{"k": 1.5, "s": "v", "b": true, "n": jo{"x": []any{1, "y"}}}}},
		{"description markdown", jo{"description": "# Title\n\n*Some* text", "description_short": "short"}},
		{"acronym", jo{"acronym": "ACR"}},
	}
	for i, c := range cases {
		name := "n" + string(rune('a'+i))
		c.in["title"] = "Normalised " + c.name + " {{run}}"
		if _, ok := c.in["tags"]; !ok {
			c.in["tags"] = nil // no run tag: the case tests tags itself
		}
		d.dataset(t, name, c.in)
		d.call(t, "read back "+c.name, dfGet(dfDS+"{{"+name+"}}/", "main"))
	}
}

func dfDatasetSlugs(t *testing.T, d *differ) {
	d.dataset(t, "sa", jo{"title": "Qualité de l'air {{run}}"})
	d.dataset(t, "sb", jo{"title": "Qualité de l'air {{run}}"})
	d.dataset(t, "sc", jo{"title": "QUALITE DE L AIR {{run}}"})
	d.dataset(t, "sd", jo{"title": "L’été — “quotes” & more (v2.1) {{run}}"})
	d.dataset(t, "se", jo{"title": "Données 1,5 % Œuvre Straße {{run}}"})
	d.call(t, "delete a", dfDel(dfDS+"{{sa}}/", "main"))
	d.dataset(t, "sf", jo{"title": "Qualité de l'air {{run}}"})
	d.call(t, "get by slug", dfGet(dfDS+"qualite-de-lair-{{run}}-1/", ""))
	d.call(t, "rename", dfPut(dfDS+"{{sb}}/", "main", jo{"title": "Pollution {{run}}"}))
	d.call(t, "old slug redirects", dfGet(dfDS+"qualite-de-lair-{{run}}-1/", ""))
	d.call(t, "old slug redirects before auth", dfPut(dfDS+"qualite-de-lair-{{run}}-1/", "bad", jo{}))
	d.call(t, "rename again", dfPut(dfDS+"{{sb}}/", "main", jo{"title": "Pollution 2 {{run}}"}))
	d.call(t, "oldest slug redirects to newest", dfGet(dfDS+"qualite-de-lair-{{run}}-1/", ""))
	d.dataset(t, "sg", jo{"title": "Pollution {{run}}"})
	d.call(t, "freed slug taken", dfGet(dfDS+"pollution-{{run}}/", ""))
	d.call(t, "unknown id", dfGet(dfDS+"0123456789abcdef01234567/", ""))
	d.call(t, "unknown slug", dfGet(dfDS+"no-such-slug-{{run}}/", ""))
	d.call(t, "same slugified title", dfPut(dfDS+"{{sg}}/", "main", jo{"title": "POLLUTION! {{run}}"}))
	d.call(t, "non-slug spelling", dfGet(dfDS+"Pollution-{{run}}/", ""))
	d.call(t, "no trailing slash", dfGet(dfDS+"{{sg}}", ""))
}

func dfDatasetPutSemantics(t *testing.T, d *differ) {
	c := d.dataset(t, "p", jo{
		"tags": []any{"alpha", "beta"}, "temporal_coverage": jo{"start": "2020-01-01", "end": "2020-12-31"},
		"license": "lov2", "frequency": "daily", "description_short": "short", "private": true,
		"acronym": "ACR", "extras": jo{"a": "1", "b": "2"}, "frequency_date": "2030-01-01T00:00:00Z",
		"spatial": jo{"zones": []any{"country:fr"}, "granularity": "country"},
	})
	path := dfDS + "{{p}}/"
	p1 := d.call(t, "empty body", dfPut(path, "main", jo{}))
	p2 := d.call(t, "empty body again", dfPut(path, "main", jo{}))
	bumped := func(a, b [2]dfAnswer, i int) bool { return a[i].str("last_modified") != b[i].str("last_modified") }
	d.fact(t, "first PUT bumps last_modified", bumped(c, p1, 0), bumped(c, p1, 1))
	d.fact(t, "second PUT bumps last_modified", bumped(p1, p2, 0), bumped(p1, p2, 1))
	d.call(t, "explicit nulls", dfPut(path, "main", jo{"license": nil, "frequency": nil, "description_short": nil,
		"acronym": nil, "private": false, "frequency_date": nil, "temporal_coverage": nil, "tags": nil}))
	d.call(t, "extras replace", dfPut(path, "main", jo{"extras": jo{"c": "3"}}))
	d.call(t, "extras null", dfPut(path, "main", jo{"extras": nil}))
	d.call(t, "read-only keys ignored", dfPut(path, "main", jo{"id": "x", "slug": "y", "uri": "z", "created_at": "2000-01-01",
		"last_modified": "2000-01-01", "nope": 1, "featured": true, "resources": nil, "quality": jo{}}))
	d.call(t, "owner someone else", dfPut(path, "main", jo{"owner": "{{other.id}}"}))
	d.call(t, "owner unknown", dfPut(path, "main", jo{"owner": "0123456789abcdef01234567"}))
	d.call(t, "owner garbage", dfPut(path, "main", jo{"owner": "nope"}))
	d.call(t, "owner null", dfPut(path, "main", jo{"owner": nil}))
	d.call(t, "organization other", dfPut(path, "main", jo{"organization": "{{otherorg}}"}))
	d.call(t, "organization same", dfPut(path, "main", jo{"organization": "{{org}}"}))
	d.call(t, "organization as object", dfPut(path, "main", jo{"organization": jo{"id": "{{org}}"}}))
	d.call(t, "organization null", dfPut(path, "main", jo{"organization": nil}))
	d.call(t, "patch", dfReq{method: "PATCH", path: path, as: "main", json: jo{}})
	d.call(t, "form body", dfRaw("PUT", path, "main", "application/x-www-form-urlencoded", "title=x"))
	d.call(t, "blank title", dfPut(path, "main", jo{"title": ""}))
	d.call(t, "bad frequency", dfPut(path, "main", jo{"frequency": "hourlyish"}))
	d.call(t, "full state", dfPut(path, "main", jo{"title": "Full {{run}}", "description": "New", "tags": []any{"x-tag"},
		"temporal_coverage": jo{"start": "2021-01-01", "end": nil}, "license": "cc-by", "frequency": "monthly", "private": false}))
	d.call(t, "admin edits", dfPut(path, "admin", jo{"title": "By admin {{run}}"}))
	d.call(t, "admin moves to another organization", dfPut(path, "admin", jo{"organization": "{{otherorg}}"}))
	d.call(t, "read after move", dfGet(path, "main"))
}

func dfDatasetSpatialClearing(t *testing.T, d *differ) {
	d.dataset(t, "sp", jo{"spatial": jo{"zones": []any{"country:fr", "fr:region:11"}, "granularity": "fr:region"}})
	path := dfDS + "{{sp}}/"
	d.each(t, []dfCase{
		{"spatial omitted", dfPut(path, "main", jo{"title": "Spatial {{run}}"})},
		{"spatial null", dfPut(path, "main", jo{"spatial": nil})},
		{"spatial empty object", dfPut(path, "main", jo{"spatial": jo{}})},
		{"zones empty list", dfPut(path, "main", jo{"spatial": jo{"zones": []any{}}})},
		{"granularity only", dfPut(path, "main", jo{"spatial": jo{"granularity": "country"}})},
		{"granularity null", dfPut(path, "main", jo{"spatial": jo{"granularity": nil}})},
		{"granularity empty", dfPut(path, "main", jo{"spatial": jo{"granularity": ""}})},
		{"granularity unknown", dfPut(path, "main", jo{"spatial": jo{"granularity": "planet"}})},
		{"zones as string", dfPut(path, "main", jo{"spatial": jo{"zones": "fr:departement:75,fr:departement:69"}})},
		{"zones as objects", dfPut(path, "main", jo{"spatial": jo{"zones": []any{jo{"id": "country:fr"}}}})},
		{"zones unknown", dfPut(path, "main", jo{"spatial": jo{"zones": []any{"country:fr", "mars:1"}}})},
		{"zones number", dfPut(path, "main", jo{"spatial": jo{"zones": []any{5}}})},
		{"spatial not an object", dfPut(path, "main", jo{"spatial": "country:fr"})},
		{"zones null clears", dfPut(path, "main", jo{"spatial": jo{"zones": nil}})},
		{"read after clear", dfGet(path, "main")},
		{"zones and granularity null", dfPut(path, "main", jo{"spatial": jo{"zones": []any{"country:fr"}, "granularity": "other"}})},
		{"both null", dfPut(path, "main", jo{"spatial": jo{"zones": nil, "granularity": "other"}})},
	})
	d.dataset(t, "sp2", jo{"spatial": jo{"zones": nil, "granularity": "country"}})
	d.dataset(t, "sp3", jo{"spatial": jo{}})
}

// dfDatasetGeometry is spatial.geom: a MultiPolygon only, its coordinates
// rounded to 6 decimals, never with zones; which PUT keeps or clears it.
func dfDatasetGeometry(t *testing.T, d *differ) {
	ring := func(x0 float64) []any {
		return []any{[]any{x0, 48.1234565}, []any{2.5, 48.1}, []any{2.5, 48.9}, []any{x0, 48.1234565}}
	}
	multi := jo{"type": "MultiPolygon", "coordinates": []any{[]any{ring(2.1234567)}}}
	d.dataset(t, "geo", jo{"spatial": jo{"geom": multi, "granularity": "fr:commune"}})
	path := dfDS + "{{geo}}/"
	d.each(t, []dfCase{
		{"read", dfGet(path, "main")},
		{"spatial omitted keeps it", dfPut(path, "main", jo{"title": "Geometry {{run}}"})},
		{"zones while it is stored", dfPut(path, "main", jo{"spatial": jo{"zones": []any{"country:fr"}}})},
		{"zones null and granularity keep it", dfPut(path, "main", jo{"spatial": jo{"zones": nil, "granularity": "country"}})},
		{"as text", dfPut(path, "main", jo{"spatial": jo{"geom": `{"type": "MultiPolygon", "coordinates": [[[[0.0000005, 0.0000015], [1.0000025, 0], [1, 1], [0.0000005, 0.0000015]]]]}`}})},
		{"not json", dfPut(path, "main", jo{"spatial": jo{"geom": "nope"}})},
		{"a polygon", dfPut(path, "main", jo{"spatial": jo{"geom": jo{"type": "Polygon", "coordinates": []any{ring(2.1)}}}})},
		{"a point", dfPut(path, "main", jo{"spatial": jo{"geom": jo{"type": "Point", "coordinates": []any{2.1, 48.1}}}})},
		{"ring not closed", dfPut(path, "main", jo{"spatial": jo{"geom": jo{"type": "MultiPolygon", "coordinates": []any{[]any{[]any{[]any{0, 0}, []any{1, 0}, []any{1, 1}, []any{0, 1}}}}}}})},
		{"ring too short", dfPut(path, "main", jo{"spatial": jo{"geom": jo{"type": "MultiPolygon", "coordinates": []any{[]any{[]any{[]any{0, 0}, []any{1, 0}, []any{0, 0}}}}}}})},
		{"no polygon", dfPut(path, "main", jo{"spatial": jo{"geom": jo{"type": "MultiPolygon", "coordinates": []any{}}}})},
		{"empty object", dfPut(path, "main", jo{"spatial": jo{"geom": jo{}}})},
		{"with zones", dfPut(path, "main", jo{"spatial": jo{"geom": multi, "zones": []any{"country:fr"}}})},
		{"replaced by zones", dfPut(path, "main", jo{"spatial": jo{"geom": nil, "zones": []any{"country:fr"}}})},
		{"read after", dfGet(path, "main")},
		{"back, zones cleared", dfPut(path, "main", jo{"spatial": jo{"geom": multi, "zones": nil}})},
		{"geom null clears it", dfPut(path, "main", jo{"spatial": jo{"geom": nil}})},
	})
}

func dfDatasetExtras(t *testing.T, d *differ) {
	d.dataset(t, "x", jo{"extras": jo{"a": "1", "b": 2, "nested": jo{"k": []any{1, 2}}}})
	v1, v2 := dfDS+"{{x}}/", "/api/2/datasets/{{x}}/extras/"
	d.each(t, []dfCase{
		{"v2 get", dfGet(v2, "")},
		{"v2 put merges", dfPut(v2, "main", jo{"b": nil, "c": "3", "d": jo{"deep": true}})},
		{"v2 put null of a missing key", dfPut(v2, "main", jo{"zz": nil})},
		{"v2 put list", dfPut(v2, "main", []any{"a"})},
		{"v2 put other", dfPut(v2, "other", jo{"e": 1})},
		{"v2 put anonymous", dfPut(v2, "", jo{"e": 1})},
		{"v2 put bad key", dfPut(v2, "bad", jo{"e": 1})},
		{"v2 put form body", dfRaw("PUT", v2, "main", "text/plain", `{"e": 1}`)},
		{"v2 put dollar key", dfPut(v2, "main", jo{"$set": 1})},
		{"v2 put dotted key", dfPut(v2, "main", jo{"a.b": 1})},
		{"v2 put custom key", dfPut(v2, "main", jo{"custom:x": 1})},
		{"v2 get after", dfGet(v2, "")},
		{"v1 read", dfGet(v1, "")},
		{"v2 delete", dfReq{method: "DELETE", path: v2, as: "main", json: []any{"a", "missing"}}},
		{"v2 delete object", dfReq{method: "DELETE", path: v2, as: "main", json: jo{"a": 1}}},
		{"v2 delete other", dfReq{method: "DELETE", path: v2, as: "other", json: []any{"c"}}},
		{"v2 get after delete", dfGet(v2, "")},
		{"v1 put replaces", dfPut(v1, "main", jo{"extras": jo{"only": "this"}})},
		{"v1 put dollar key", dfPut(v1, "main", jo{"extras": jo{"$where": "x"}})},
		{"v1 put dotted key", dfPut(v1, "main", jo{"extras": jo{"a.b": "x"}})},
		{"v1 put empty", dfPut(v1, "main", jo{"extras": jo{}})},
		{"v2 unknown dataset", dfGet("/api/2/datasets/0123456789abcdef01234567/extras/", "")},
	})
	d.call(t, "delete dataset", dfDel(v1, "main"))
	d.each(t, []dfCase{
		{"v2 get deleted anonymous", dfGet(v2, "")},
		{"v2 get deleted owner", dfGet(v2, "main")},
		{"v2 put deleted", dfPut(v2, "main", jo{"e": 1})},
		{"v2 delete deleted", dfReq{method: "DELETE", path: v2, as: "main", json: []any{"only"}}},
	})
}

func dfDatasetPrivateArchived(t *testing.T, d *differ) {
	d.dataset(t, "pr", jo{"private": true, "title": "Secret {{run}}"})
	d.dataset(t, "pub", nil)
	priv := dfDS + "{{pr}}/"
	d.each(t, []dfCase{
		{"private anonymous", dfGet(priv, "")},
		{"private other", dfGet(priv, "other")},
		{"private main", dfGet(priv, "main")},
		{"private admin", dfGet(priv, "admin")},
		{"private v2 anonymous", dfGet("/api/2/datasets/{{pr}}/", "")},
		{"private v2 main", dfGet("/api/2/datasets/{{pr}}/", "main")},
		{"private write other", dfPut(priv, "other", jo{"title": "x"})},
		{"private delete other", dfDel(priv, "other")},
		{"public write other", dfPut(dfDS+"{{pub}}/", "other", jo{"title": "x"})},
		{"public delete other", dfDel(dfDS+"{{pub}}/", "other")},
		{"public write anonymous", dfPut(dfDS+"{{pub}}/", "", jo{"title": "x"})},
		{"public delete anonymous", dfDel(dfDS+"{{pub}}/", "")},
		{"archive", dfPut(dfDS+"{{pub}}/", "main", jo{"archived": "2024-05-06T07:08:09Z"})},
		{"archived readable", dfGet(dfDS+"{{pub}}/", "")},
		{"archived listed for nobody", dfGet(dfDS+"?tag={{run}}&q=Dataset+pub", "")},
		{"archived filter", dfGet(dfDS+"?tag={{run}}&archived=true", "main")},
		{"bad archived", dfPut(dfDS+"{{pub}}/", "main", jo{"archived": "someday"})},
		{"unarchive", dfPut(dfDS+"{{pub}}/", "main", jo{"archived": nil})},
		// Followers: any dataset that exists, whoever reads (the provider's
		// existence check of a dataservice's datasets).
		{"private followers other", dfGet(priv+"followers/", "other")},
		{"unknown followers", dfGet(dfDS+"0123456789abcdef01234567/followers/", "other")},
		{"publish", dfPut(priv, "main", jo{"private": false})},
		{"published anonymous", dfGet(priv, "")},
		{"private string", dfPut(priv, "main", jo{"private": "false"})},
		{"private number", dfPut(priv, "main", jo{"private": 0})},
	})
}

func dfDatasetSoftDeleteRestore(t *testing.T, d *differ) {
	d.dataset(t, "del", jo{"tags": []any{"keep-me"}})
	path := dfDS + "{{del}}/"
	d.remote(t, "del", "dr", nil)
	d.each(t, []dfCase{
		{"delete other", dfDel(path, "other")},
		{"delete anonymous", dfDel(path, "")},
		{"delete", dfDel(path, "main")},
		{"get owner", dfGet(path, "main")},
		{"get admin", dfGet(path, "admin")},
		{"get anonymous", dfGet(path, "")},
		{"get other", dfGet(path, "other")},
		{"get v2 anonymous", dfGet("/api/2/datasets/{{del}}/", "")},
		{"get resource anonymous", dfGet(path+"resources/{{dr}}/", "")},
		{"get resource owner", dfGet(path+"resources/{{dr}}/", "main")},
		{"get resource v2", dfGet("/api/2/datasets/resources/{{dr}}/", "")},
		{"permalink", dfGet(dfDS+"r/{{dr}}", "")},
		{"delete again", dfDel(path, "main")},
		{"put title", dfPut(path, "main", jo{"title": "x"})},
		{"put deleted date", dfPut(path, "main", jo{"deleted": "2026-01-01T00:00:00Z"})},
		{"restore other", dfPut(path, "other", jo{"deleted": nil})},
		{"restore anonymous", dfPut(path, "", jo{"deleted": nil})},
		{"resource write on deleted", dfPost(path+"resources/", "main", jo{"title": "T", "url": "https://example.com/x", "filetype": "remote"})},
		{"resource put on deleted", dfPut(path+"resources/{{dr}}/", "main", jo{"title": "Renamed"})},
		{"listed for nobody", dfGet(dfDS+"?tag=keep-me&q={{run}}", "")},
		{"deleted filter anonymous", dfGet(dfDS+"?deleted=true&tag=keep-me", "")},
		{"deleted filter owner", dfGet(dfDS+"?deleted=true&tag=keep-me", "main")},
		{"restore", dfPut(path, "main", jo{"deleted": nil})},
		{"restored anonymous", dfGet(path, "")},
		{"delete by admin", dfDel(path, "admin")},
		{"restore by admin with fields", dfPut(path, "admin", jo{"deleted": nil, "title": "Restored {{run}}", "tags": []any{"keep-me"}})},
	})
}

func dfDatasetListing(t *testing.T, d *differ) {
	tag := "list-{{run}}"
	for i := 0; i < 5; i++ {
		n := string(rune('A' + i))
		d.dataset(t, "l"+strings.ToLower(n), jo{"title": "Listed " + n + " {{run}}", "tags": []any{tag, "tag-" + strings.ToLower(n)},
			"license": []string{"lov2", "cc-by"}[i%2]})
	}
	d.remote(t, "la", "lres", jo{"format": "CSV"})
	d.dataset(t, "lpriv", jo{"title": "Hidden private {{run}}", "private": true, "tags": []any{tag}})
	d.dataset(t, "ldel", jo{"title": "Hidden deleted {{run}}", "tags": []any{tag}})
	d.call(t, "delete", dfDel(dfDS+"{{ldel}}/", "main"))
	own := d.call(t, "create as other", dfPost(dfDS, "other", jo{"title": "Other solo {{run}}", "description": "d", "tags": []any{tag}}))
	d.bind(t, "lother", own, "id")
	q := dfDS + "?tag=" + tag
	d.each(t, []dfCase{
		{"anonymous", dfGet(q, "")},
		{"other", dfGet(q, "other")},
		{"main", dfGet(q, "main")},
		{"admin", dfGet(q, "admin")},
		{"main not deleted not private", dfGet(q+"&deleted=false&private=false", "main")},
		{"main private", dfGet(q+"&private=true", "main")},
		{"main deleted", dfGet(q+"&deleted=true", "main")},
		{"anonymous deleted filter", dfGet(q+"&deleted=true", "")},
		{"anonymous private filter", dfGet(q+"&private=false", "")},
		{"bad boolean", dfGet(q+"&private=maybe", "main")},
		{"page size", dfGet(q+"&page_size=2", "")},
		{"page 2", dfGet(q+"&page_size=2&page=2", "")},
		{"page 3", dfGet(q+"&page_size=2&page=3", "")},
		{"page past the end", dfGet(q+"&page=9", "")},
		{"page 0", dfGet(q+"&page=0", "")},
		{"negative page size", dfGet(q+"&page_size=-1", "")},
		{"page not a number", dfGet(q+"&page=x", "")},
		{"bad organization", dfGet(q+"&organization=nope", "")},
		{"bad owner", dfGet(q+"&owner=nope", "")},
		{"bad sort", dfGet(q+"&sort=bogus", "")},
		{"one tag", dfGet(dfDS+"?tag=tag-c&q={{run}}", "")},
		{"two tags", dfGet(q+"&tag=tag-a", "")},
		{"owner", dfGet(q+"&owner={{other.id}}", "")},
		{"organization", dfGet(q+"&organization={{org}}", "")},
		{"organization and page size", dfGet(q+"&organization={{org}}&page_size=3", "")},
		{"license", dfGet(q+"&license=cc-by", "")},
		{"format", dfGet(q+"&format=csv", "")},
		{"search no match", dfGet(q+"&q=listed+zz", "")},
		{"search words", dfGet(q+"&q=listed+b", "")},
		{"search accents", dfGet(q+"&q=lísted", "")},
		{"sort title", dfGet(q+"&sort=title", "")},
		{"sort title desc", dfGet(q+"&sort=-title", "")},
		{"sort created", dfGet(q+"&sort=created", "")},
		{"sort last_update", dfGet(q+"&sort=-last_update", "")},
		{"no trailing slash", dfGet("/api/1/datasets?tag="+tag, "")},
		{"method not allowed", dfDel(dfDS, "main")},
	})
}

// dfDatasetListingOrganization: an organization's listing as
// datagouv_datasets reads it, to a member: udata lists the member's
// organization's private, archived and soft-deleted datasets with the
// public ones, unless the visibility filters say otherwise.
func dfDatasetListingOrganization(t *testing.T, d *differ) {
	tag := "org-list-{{run}}"
	for _, name := range []string{"opub", "opriv", "oarch", "odel"} {
		d.dataset(t, name, jo{"tags": []any{tag}, "private": name == "opriv"})
	}
	d.call(t, "archive", dfPut(dfDS+"{{oarch}}/", "main", jo{"archived": "2024-05-06T07:08:09Z"}))
	d.call(t, "delete", dfDel(dfDS+"{{odel}}/", "main"))
	q := dfDS + "?organization={{org}}&tag=" + tag
	d.each(t, []dfCase{
		{"member", dfGet(q, "main")},
		{"member not deleted", dfGet(q+"&deleted=false", "main")},
		{"member as the provider lists", dfGet(q+"&deleted=false&sort=created&page_size=2", "main")},
		{"member as the provider lists page 2", dfGet(q+"&deleted=false&sort=created&page_size=2&page=2", "main")},
		{"member deleted only", dfGet(q+"&deleted=true&sort=created", "main")},
		{"member not archived", dfGet(q+"&archived=false", "main")},
		{"member public only", dfGet(q+"&deleted=false&archived=false&private=false", "main")},
		{"anonymous", dfGet(q, "")},
		{"anonymous not deleted", dfGet(q+"&deleted=false", "")},
		{"other", dfGet(q, "other")},
		{"other not deleted", dfGet(q+"&deleted=false", "other")},
		{"admin", dfGet(q, "admin")},
		{"admin not deleted", dfGet(q+"&deleted=false", "admin")},
	})
}

// dfTimestampsPrecision: udata answers a write with the datetimes it just
// made (microseconds), and every read with what MongoDB kept
// (milliseconds). Values are masked in comparisons, so this compares what a
// client sees of their precision.
func dfTimestampsPrecision(t *testing.T, d *differ) {
	created := d.dataset(t, "ts", nil)
	path := dfDS + "{{ts}}/"
	writes := [][2]dfAnswer{created}
	for i := 0; i < 3; i++ {
		writes = append(writes, d.call(t, "put", dfPut(path, "main", jo{"title": "Timestamps {{run}}"})))
	}
	read := d.call(t, "get", dfGet(path, "main"))
	var micro [2]bool
	for i := range d.sites {
		for _, w := range writes {
			micro[i] = micro[i] || dfHasMicroseconds(w[i].str("last_modified"))
		}
	}
	d.fact(t, "writes answer microseconds", micro[0], micro[1])
	for _, k := range []string{"created_at", "last_modified", "last_update", "internal.created_at_internal", "internal.last_modified_internal"} {
		d.fact(t, "read "+k+" has microseconds", dfHasMicroseconds(read[0].str(k)), dfHasMicroseconds(read[1].str(k)))
	}
}

// dfHasMicroseconds: a fraction of second finer than the millisecond.
func dfHasMicroseconds(s string) bool {
	_, frac, ok := strings.Cut(s, ".")
	frac, _, _ = strings.Cut(frac, "+")
	return ok && len(frac) == 6 && frac[3:] != "000"
}

// dfBadInput: the emulator's TestBadInput requests (chunked uploads and
// the front proxy's 413 apart); none may change the dataset.
func dfBadInput(t *testing.T, d *differ) {
	d.dataset(t, "bad", nil)
	path := dfDS + "{{bad}}/"
	before := d.call(t, "before", dfGet(path, "main"))
	raw := func(label, method, p, ct, body string) dfCase {
		return dfCase{label, dfRaw(method, p, "main", ct, body)}
	}
	const js = "application/json"
	d.each(t, []dfCase{
		raw("malformed JSON", "PUT", path, js, `{"title": "x"`),
		raw("empty body", "PUT", path, js, ``),
		raw("trailing garbage", "PUT", path, js, `{} {}`),
		raw("JSON string", "PUT", path, js, `"x"`),
		raw("JSON null", "PUT", path, js, `null`),
		raw("form body", "PUT", path, "application/x-www-form-urlencoded", `title=x`),
		raw("no content type", "PUT", path, "", `{"title": "x"}`),
		raw("json suffix content type", "PUT", path, "application/merge-patch+json", `{"title": "x"}`),
		raw("huge title", "PUT", path, js, `{"title": "`+strings.Repeat("é", 100000)+`"}`),
		raw("tags not a list", "PUT", path, js, `{"tags": {"a": 1}}`),
		raw("tags of numbers", "PUT", path, js, `{"tags": [1, 2]}`),
		raw("temporal garbage", "PUT", path, js, `{"temporal_coverage": {"start": "yesterday"}}`),
		raw("temporal no start", "PUT", path, js, `{"temporal_coverage": {"end": "2020-01-01"}}`),
		raw("temporal number", "PUT", path, js, `{"temporal_coverage": 5}`),
		raw("bad date", "PUT", path, js, `{"frequency_date": "soon"}`),
		raw("frequency number", "PUT", path, js, `{"frequency": 12}`),
		raw("organization object garbage", "PUT", path, js, `{"organization": {"id": 5}}`),
		raw("invalid UTF-8", "PUT", path, js, "{\"title\": \"\xff\xfe\"}"),
		raw("reorder not a list", "PUT", path+"resources/", js, `{"a": 1}`),
		raw("unknown dataset", "PUT", dfDS+"ffffffffffffffffffffffff/", js, `{}`),
		raw("unknown resource", "PUT", path+"resources/00000000-0000-4000-8000-000000000000/", js, `{}`),
		raw("truncated multipart", "POST", path+"upload/", "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc"),
		raw("multipart without boundary", "POST", path+"upload/", "multipart/form-data", "whatever"),
	})
	after := d.call(t, "after", dfGet(path, "main"))
	d.fact(t, "unchanged", string(after[0].raw) == string(before[0].raw), string(after[1].raw) == string(before[1].raw))
}
