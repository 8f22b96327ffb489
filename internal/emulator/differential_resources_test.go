package emulator

import (
	"testing"
)

// Differential sequences on resources: remote ones, hosted files
// (single-request uploads), extras, order, read rules.

func dfRemoteResources(t *testing.T, d *differ) {
	d.dataset(t, "rr", nil)
	path := dfDS + "{{rr}}/resources/"
	ok := func(extra jo) jo {
		b := jo{"title": "T", "url": "https://example.com/a.csv", "filetype": "remote"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	d.each(t, []dfCase{
		{"url trimmed", dfPost(path, "main", ok(jo{"url": " https://example.com/a.csv "}))},
		{"all fields", dfPost(path, "main", ok(jo{"description": "desc", "type": "main", "format": " CSV ", "mime": "text/csv",
			"filesize": 12, "checksum": jo{"type": "md5", "value": "abc"}, "extras": jo{"k": "v"}}))},
		{"filesize as string", dfPost(path, "main", ok(jo{"filesize": "42"}))},
		{"filesize garbage", dfPost(path, "main", ok(jo{"filesize": "big"}))},
		{"checksum default type", dfPost(path, "main", ok(jo{"checksum": jo{"value": "abc"}}))},
		{"checksum without value", dfPost(path, "main", ok(jo{"checksum": jo{"type": "sha1"}}))},
		{"checksum bad type", dfPost(path, "main", ok(jo{"checksum": jo{"type": "sha512", "value": "x"}}))},
		{"empty description and format", dfPost(path, "main", ok(jo{"description": "", "format": ""}))},
		{"filetype missing", dfPost(path, "main", jo{"title": "T", "url": "https://example.com/a.csv"})},
		{"filetype file", dfPost(path, "main", ok(jo{"filetype": "file"}))},
		{"bad filetype", dfPost(path, "main", ok(jo{"filetype": "api"}))},
		{"bad type", dfPost(path, "main", ok(jo{"type": "nope"}))},
		{"missing title", dfPost(path, "main", jo{"url": "https://example.com/a", "filetype": "remote"})},
		{"missing url", dfPost(path, "main", jo{"title": "T", "filetype": "remote"})},
		{"blank url", dfPost(path, "main", ok(jo{"url": "  "}))},
		{"ftp", dfPost(path, "main", ok(jo{"url": "ftp://ftp.example.com/a.csv"}))},
		{"other", dfPost(path, "other", ok(nil))},
		{"anonymous", dfPost(path, "", ok(nil))},
		{"bad key", dfPost(path, "bad", ok(nil))},
		{"form body", dfRaw("POST", path, "main", "text/plain", `{"title": "T"}`)},
		{"JSON list", dfRaw("POST", path, "main", "application/json", `[]`)},
		{"misspelt ressources", dfPost(dfDS+"{{rr}}/ressources/", "main", ok(nil))},
		{"unknown dataset", dfPost(dfDS+"0123456789abcdef01234567/resources/", "main", ok(nil))},
		{"get list", dfGet(path, "")},
		{"dataset", dfGet(dfDS+"{{rr}}/", "")},
		{"v2 list", dfGet("/api/2/datasets/{{rr}}/resources/?page_size=2", "")},
		{"v2 list page 2", dfGet("/api/2/datasets/{{rr}}/resources/?page_size=2&page=2", "")},
		{"v2 list type", dfGet("/api/2/datasets/{{rr}}/resources/?type=main", "")},
		{"v2 list q", dfGet("/api/2/datasets/{{rr}}/resources/?q=t", "")},
		{"v2 list bad page", dfGet("/api/2/datasets/{{rr}}/resources/?page=0", "")},
	})
	created := d.remote(t, "rr", "second", nil)
	d.call(t, "new first", dfGet(dfDS+"{{rr}}/", ""))
	ds := d.call(t, "dataset after", dfGet(dfDS+"{{rr}}/", ""))
	d.fact(t, "dataset last_update is the resource's",
		dfMillis(ds[0].str("last_update")) == dfMillis(created[0].str("last_modified")),
		dfMillis(ds[1].str("last_update")) == dfMillis(created[1].str("last_modified")))
}

// dfResourceURLChecks: udata.uris.validate on resource URLs. Each case may
// create a resource, in a dataset nothing else reads.
func dfResourceURLChecks(t *testing.T, d *differ) {
	d.dataset(t, "ru_urls", nil)
	path := dfDS + "{{ru_urls}}/resources/"
	url := func(label, u string) dfCase {
		return dfCase{label, dfPost(path, "main", jo{"title": "T", "url": u, "filetype": "remote"})}
	}
	d.each(t, []dfCase{
		url("not a url", "example"),
		url("no scheme", "//example.com/a.csv"),
		url("bad scheme", "file:///etc/passwd"),
		url("javascript scheme", "javascript://example.com/%0aalert(1)"),
		url("no tld", "http://intranet/x"),
		url("numeric tld", "http://example.123/x"),
		url("undelegated tld", "http://host.test/x"),
		url("credentials", "https://user:pass@example.com/a.csv"),
		url("port", "https://example.com:8443/a.csv"),
		url("query and fragment", "https://example.com/a.csv?x=1#y"),
		url("ipv6 public", "http://[2001:4860:4860::8888]/x"),
		url("local localhost", "http://localhost/x"),
		url("local loopback", "http://127.0.0.1:8080/x"),
		url("local private", "http://192.168.1.10/x"),
		url("local multicast", "http://224.0.0.1/x"),
		url("local mapped loopback v6", "http://[::ffff:7f00:1]/x"),
		url("tld unicode", "https://exemple.café/données.csv"),
	})
}

func dfResourceUpdateDelete(t *testing.T, d *differ) {
	d.dataset(t, "ru", nil)
	d.remote(t, "ru", "r1", jo{"checksum": jo{"type": "md5", "value": "abc"}, "format": "CSV", "description": "d", "mime": "text/csv", "filesize": 3})
	path := dfDS + "{{ru}}/resources/{{r1}}/"
	before := d.call(t, "dataset before", dfGet(dfDS+"{{ru}}/", ""))
	d.each(t, []dfCase{
		{"get", dfGet(path, "")},
		{"get v2", dfGet("/api/2/datasets/resources/{{r1}}/", "")},
		{"get unknown", dfGet(dfDS+"{{ru}}/resources/00000000-0000-4000-8000-000000000000/", "")},
		{"get unknown v2", dfGet("/api/2/datasets/resources/00000000-0000-4000-8000-000000000000/", "")},
		{"get not a uuid", dfGet(dfDS+"{{ru}}/resources/not-a-uuid/", "")},
		{"put keeps absent", dfPut(path, "main", jo{"title": "Renamed"})},
		{"put checksum null", dfPut(path, "main", jo{"checksum": nil, "url": "https://example.org/b.json"})},
		{"put nulls", dfPut(path, "main", jo{"description": nil, "format": nil, "mime": nil, "filesize": nil})},
		{"put empty", dfPut(path, "main", jo{})},
		{"put filetype change", dfPut(path, "main", jo{"filetype": "file"})},
		{"put filetype same", dfPut(path, "main", jo{"filetype": "remote"})},
		{"put bad type", dfPut(path, "main", jo{"type": "x"})},
		{"put bad checksum type", dfPut(path, "main", jo{"checksum": jo{"type": "sha512", "value": "x"}})},
		{"put blank title", dfPut(path, "main", jo{"title": " "})},
		{"put blank url", dfPut(path, "main", jo{"url": ""})},
		{"put other", dfPut(path, "other", jo{"title": "x"})},
		{"put admin", dfPut(path, "admin", jo{"title": "By admin"})},
		{"put anonymous", dfPut(path, "", jo{"title": "x"})},
		{"put form body", dfRaw("PUT", path, "main", "text/plain", "title=x")},
		{"put extras replace", dfPut(path, "main", jo{"extras": jo{"a": 1}})},
		{"put extras again", dfPut(path, "main", jo{"extras": jo{"b": 2}})},
		{"permalink", dfGet(dfDS+"r/{{r1}}", "")},
		{"permalink not a uuid", dfGet(dfDS+"r/not-a-uuid", "")},
		{"permalink unknown", dfGet(dfDS+"r/00000000-0000-4000-8000-000000000000", "")},
	})
	after := d.call(t, "dataset after puts", dfGet(dfDS+"{{ru}}/", ""))
	d.fact(t, "resource PUT bumps the dataset's last_modified",
		before[0].str("last_modified") != after[0].str("last_modified"), before[1].str("last_modified") != after[1].str("last_modified"))
	d.each(t, []dfCase{
		{"delete other", dfDel(path, "other")},
		{"delete anonymous", dfDel(path, "")},
		{"delete", dfDel(path, "main")},
		{"get deleted", dfGet(path, "")},
		{"delete again", dfDel(path, "main")},
		{"permalink deleted", dfGet(dfDS+"r/{{r1}}", "")},
		{"dataset after delete", dfGet(dfDS+"{{ru}}/", "")},
	})
}

func dfResourceSchema(t *testing.T, d *differ) {
	d.dataset(t, "rs", nil)
	d.remote(t, "rs", "sch", nil)
	path := dfDS + "{{rs}}/resources/{{sch}}/"
	d.each(t, []dfCase{
		{"catalogue", dfGet(dfDS+"schemas/", "")},
		{"name and version", dfPut(path, "main", jo{"schema": jo{"name": "etalab/schema-irve", "version": "2.3.0"}})},
		{"absent keeps", dfPut(path, "main", jo{"title": "Still"})},
		{"name only", dfPut(path, "main", jo{"schema": jo{"name": "etalab/schema-irve"}})},
		{"url only", dfPut(path, "main", jo{"schema": jo{"url": "https://example.com/schema.json"}})},
		{"url and name", dfPut(path, "main", jo{"schema": jo{"url": "https://example.com/schema.json", "name": "n", "version": "1"}})},
		{"version only", dfPut(path, "main", jo{"schema": jo{"version": "1.0"}})},
		{"bad url", dfPut(path, "main", jo{"schema": jo{"url": "not a url"}})},
		{"name not a string", dfPut(path, "main", jo{"schema": jo{"name": 5}})},
		{"schema not an object", dfPut(path, "main", jo{"schema": "etalab/schema-irve"})},
		{"empty object", dfPut(path, "main", jo{"schema": jo{}})},
		{"set again", dfPut(path, "main", jo{"schema": jo{"name": "etalab/schema-irve"}})},
		{"null removes", dfPut(path, "main", jo{"schema": nil})},
		{"on create", dfPost(dfDS+"{{rs}}/resources/", "main", jo{"title": "S", "url": "https://example.com/s.csv", "filetype": "remote",
			"schema": jo{"name": "etalab/schema-irve", "version": "2.3.0"}})},
		{"version alone on create", dfPost(dfDS+"{{rs}}/resources/", "main", jo{"title": "V", "url": "https://example.com/v.csv", "filetype": "remote",
			"schema": jo{"version": "1.0"}})},
		{"null name and url leave a version alone", dfPut(path, "main", jo{"schema": jo{"name": "n", "version": "1"}})},
		{"then null name", dfPut(path, "main", jo{"schema": jo{"name": nil}})},
		{"v2 dataset schemas", dfGet("/api/2/datasets/{{rs}}/schemas/", "")},
	})
	d.remote(t, "rs", "sch_none", nil)
	d.call(t, "v2 dataset schemas with a resource without schema", dfGet("/api/2/datasets/{{rs}}/schemas/", ""))
}

func dfResourceExtras(t *testing.T, d *differ) {
	d.dataset(t, "rx", nil)
	d.remote(t, "rx", "rxr", jo{"extras": jo{"a": 1, "b": 2}})
	path := "/api/2/datasets/{{rx}}/resources/{{rxr}}/extras/"
	before := d.call(t, "dataset before", dfGet(dfDS+"{{rx}}/", ""))
	d.each(t, []dfCase{
		{"get", dfGet(path, "")},
		{"put merges", dfPut(path, "main", jo{"b": nil, "c": 3})},
		{"put list", dfPut(path, "main", []any{"a"})},
		{"put other", dfPut(path, "other", jo{"x": 1})},
		{"put anonymous", dfPut(path, "", jo{"x": 1})},
		{"put dollar key", dfPut(path, "main", jo{"$x": 1})},
		{"put form body", dfRaw("PUT", path, "main", "text/plain", `{"x": 1}`)},
		{"delete keys", dfReq{method: "DELETE", path: path, as: "main", json: []any{"a"}}},
		{"delete missing key", dfReq{method: "DELETE", path: path, as: "main", json: []any{"zz"}}},
		{"delete object", dfReq{method: "DELETE", path: path, as: "main", json: jo{"c": 1}}},
		{"delete other", dfReq{method: "DELETE", path: path, as: "other", json: []any{"c"}}},
		{"get after", dfGet(path, "")},
		{"unknown resource", dfGet("/api/2/datasets/{{rx}}/resources/00000000-0000-4000-8000-000000000000/extras/", "")},
		{"unknown resource put", dfPut("/api/2/datasets/{{rx}}/resources/00000000-0000-4000-8000-000000000000/extras/", "main", jo{"a": 1})},
		{"v1 resource", dfGet(dfDS+"{{rx}}/resources/{{rxr}}/", "")},
	})
	after := d.call(t, "dataset after", dfGet(dfDS+"{{rx}}/", ""))
	d.fact(t, "extras writes leave the dataset's last_modified",
		before[0].str("last_modified") == after[0].str("last_modified"), before[1].str("last_modified") == after[1].str("last_modified"))
	d.call(t, "delete dataset", dfDel(dfDS+"{{rx}}/", "main"))
	d.each(t, []dfCase{
		{"get on deleted anonymous", dfGet(path, "")},
		{"get on deleted owner", dfGet(path, "main")},
		{"put on deleted", dfPut(path, "main", jo{"x": 1})},
		{"delete on deleted", dfReq{method: "DELETE", path: path, as: "main", json: []any{"c"}}},
	})
}

func dfResourceReorder(t *testing.T, d *differ) {
	d.dataset(t, "ro", nil)
	for _, n := range []string{"ra", "rb", "rc"} {
		d.remote(t, "ro", n, nil)
	}
	path := dfDS + "{{ro}}/resources/"
	before := d.call(t, "dataset before", dfGet(dfDS+"{{ro}}/", ""))
	d.each(t, []dfCase{
		{"ids", dfPut(path, "main", []any{"{{ra}}", "{{rb}}", "{{rc}}"})},
		{"objects", dfPut(path, "main", []any{jo{"id": "{{rc}}"}, jo{"id": "{{rb}}"}, jo{"id": "{{ra}}"}})},
	})
	after := d.call(t, "dataset after", dfGet(dfDS+"{{ro}}/", ""))
	d.fact(t, "reorder leaves the dataset's last_modified",
		before[0].str("last_modified") == after[0].str("last_modified"), before[1].str("last_modified") == after[1].str("last_modified"))
	d.fact(t, "reorder leaves the dataset's last_update",
		before[0].str("last_update") == after[0].str("last_update"), before[1].str("last_update") == after[1].str("last_update"))
	d.each(t, []dfCase{
		{"partial", dfPut(path, "main", []any{"{{ra}}", "{{rb}}"})},
		{"unknown id", dfPut(path, "main", []any{"{{ra}}", "{{rb}}", "x"})},
		{"duplicate", dfPut(path, "main", []any{"{{ra}}", "{{ra}}", "{{rb}}"})},
		{"missing id key", dfPut(path, "main", []any{jo{"title": "x"}, "{{ra}}", "{{rb}}"})},
		{"objects with fields", dfPut(path, "main", []any{jo{"id": "{{ra}}", "title": "Changed"}, jo{"id": "{{rb}}"}, jo{"id": "{{rc}}"}})},
		{"not a list", dfPut(path, "main", jo{"a": 1})},
		{"other", dfPut(path, "other", []any{"{{ra}}", "{{rb}}", "{{rc}}"})},
		{"anonymous", dfPut(path, "", []any{"{{ra}}", "{{rb}}", "{{rc}}"})},
		{"form body", dfRaw("PUT", path, "main", "text/plain", "[]")},
		{"read", dfGet(dfDS+"{{ro}}/", "")},
	})
}

func dfResourceReadRules(t *testing.T, d *differ) {
	d.dataset(t, "rp", jo{"private": true})
	d.remote(t, "rp", "rpr", nil)
	res := dfDS + "{{rp}}/resources/{{rpr}}/"
	v2 := "/api/2/datasets/resources/{{rpr}}/"
	d.each(t, []dfCase{
		{"private other", dfGet(res, "other")},
		{"private anonymous v2", dfGet(v2, "")},
		{"private main v2", dfGet(v2, "main")},
		{"private v2 list", dfGet("/api/2/datasets/{{rp}}/resources/", "")},
		{"private extras", dfGet("/api/2/datasets/{{rp}}/resources/{{rpr}}/extras/", "")},
		{"private permalink", dfGet(dfDS+"r/{{rpr}}", "")},
		{"publish", dfPut(dfDS+"{{rp}}/", "main", jo{"private": false})},
		{"delete", dfDel(dfDS+"{{rp}}/", "main")},
		{"deleted other", dfGet(res, "other")},
		{"deleted anonymous v2", dfGet(v2, "")},
		{"deleted main v2", dfGet(v2, "main")},
		{"deleted v2 list", dfGet("/api/2/datasets/{{rp}}/resources/", "")},
	})
}

// dfUploads: single-request uploads and re-uploads (chunked uploads and
// same-second same-name uploads are another test's business).
func dfUploads(t *testing.T, d *differ) {
	d.dataset(t, "up", jo{"title": "Uploads {{run}}"})
	path := dfDS + "{{up}}/upload/"
	up := func(label, as, name, content string, fields ...string) dfCase {
		return dfCase{label, dfReq{method: "POST", path: path, as: as, file: &dfFile{name: name, content: content, fields: fields}}}
	}
	first := d.call(t, "upload", up("", "main", "Mon Fichier (v2) Été.CSV", "col1,col2\n1,2\n").req)
	d.bind(t, "f1", first, "id")
	d.each(t, []dfCase{
		up("upload json", "main", "data.json", `{"a": 1}`),
		up("upload archive", "main", "data.csv.gz", "not really gzip"),
		up("upload tar archive", "main", "data.csv.tar.gz", "not really a tarball"),
		up("upload geojson", "main", "zones.geojson", `{"type": "FeatureCollection", "features": []}`),
		up("upload name with dot word", "main", "Mon Fichier (v2).CSV", "a,b\n"),
		up("upload upper-case extension", "main", "REPORT.PDF", "%PDF-1.4"),
		up("upload no extension", "main", "README", "text"),
		up("upload disallowed extension", "main", "data.parquet", "x"),
		up("upload html", "main", "page.html", "<html></html>"),
		up("upload empty file", "main", "empty.csv", ""),
		up("upload other", "other", "o.csv", "x"),
		up("upload anonymous", "", "a.csv", "x"),
		{"upload without file", dfReq{method: "POST", path: path, as: "main", file: &dfFile{fields: []string{"a", "b"}}}},
		{"upload JSON body", dfPost(path, "main", jo{"file": "x"})},
		{"upload unknown dataset", dfReq{method: "POST", path: dfDS + "0123456789abcdef01234567/upload/", as: "main", file: &dfFile{name: "a.csv", content: "x"}}},
		{"get", dfGet(dfDS+"{{up}}/resources/{{f1}}/", "")},
		{"permalink", dfGet(dfDS+"r/{{f1}}", "")},
		{"put protected fields", dfPut(dfDS+"{{up}}/resources/{{f1}}/", "main", jo{"title": "Managed", "url": "https://example.com/x.csv",
			"checksum": nil, "filesize": 1, "mime": "text/plain", "format": "txt", "description": "desc", "type": "documentation"})},
		{"put filetype remote", dfPut(dfDS+"{{up}}/resources/{{f1}}/", "main", jo{"filetype": "remote"})},
	})
	re := dfDS + "{{up}}/resources/{{f1}}/upload/"
	reup := func(label, as, name, content string) dfCase {
		return dfCase{label, dfReq{method: "POST", path: re, as: as, file: &dfFile{name: name, content: content}}}
	}
	d.each(t, []dfCase{
		reup("re-upload", "main", "new-name.csv", "col1,col2\n3,4\n"),
		reup("re-upload other", "other", "x.csv", "x"),
		reup("re-upload disallowed", "main", "x.exe", "x"),
		{"re-upload unknown resource", dfReq{method: "POST", path: dfDS + "{{up}}/resources/00000000-0000-4000-8000-000000000000/upload/", as: "main", file: &dfFile{name: "a.csv", content: "x"}}},
		{"re-upload without file", dfReq{method: "POST", path: re, as: "main", file: &dfFile{fields: []string{"a", "b"}}}},
		{"after re-upload", dfGet(dfDS+"{{up}}/resources/{{f1}}/", "")},
		{"v2 lookup", dfGet("/api/2/datasets/resources/{{f1}}/", "")},
		{"dataset", dfGet(dfDS+"{{up}}/", "")},
	})
	// A remote resource cannot take a file.
	d.remote(t, "up", "upr", nil)
	d.call(t, "re-upload on remote", dfReq{method: "POST", path: dfDS + "{{up}}/resources/{{upr}}/upload/", as: "main", file: &dfFile{name: "a.csv", content: "x"}})
	d.call(t, "remote after", dfGet(dfDS+"{{up}}/resources/{{upr}}/", ""))
	d.call(t, "delete hosted", dfDel(dfDS+"{{up}}/resources/{{f1}}/", "main"))
}
