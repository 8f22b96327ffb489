package emulator

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func sha1hex(b []byte) string {
	h := sha1.Sum(b)
	return hex.EncodeToString(h[:])
}

func fetch(t *testing.T, url string) (int, []byte, http.Header) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b, res.Header
}

func TestRemoteResourceCreate(t *testing.T) {
	e := newEnv(t, Config{})
	id := e.createDataset(nil).str("id")
	path := "/api/1/datasets/" + id + "/resources/"
	cases := []struct {
		name   string
		key    string
		body   map[string]any
		status int
		field  string // errors key, or "" with msg
		msg    string
	}{
		{"ok", AliceKey, map[string]any{"title": "T", "url": " https://example.com/a.csv ", "filetype": "remote"}, 201, "", ""},
		{"filetype missing", AliceKey, map[string]any{"title": "T", "url": "https://example.com/a.csv"}, 400, "", "This endpoint only supports remote resources"},
		{"filetype file", AliceKey, map[string]any{"title": "T", "url": "https://example.com/a.csv", "filetype": "file"}, 400, "", "This endpoint only supports remote resources"},
		{"bad filetype", AliceKey, map[string]any{"title": "T", "url": "https://example.com/a.csv", "filetype": "api"}, 400, "filetype", ""},
		{"bad type", AliceKey, map[string]any{"title": "T", "url": "https://example.com/a", "filetype": "remote", "type": "nope"}, 400, "type", ""},
		{"missing title", AliceKey, map[string]any{"url": "https://example.com/a", "filetype": "remote"}, 400, "title", ""},
		{"missing url", AliceKey, map[string]any{"title": "T", "filetype": "remote"}, 400, "url", ""},
		{"localhost", AliceKey, map[string]any{"title": "T", "url": "http://localhost/x", "filetype": "remote"}, 400, "url", ""},
		{"loopback", AliceKey, map[string]any{"title": "T", "url": "http://127.0.0.1:8080/x", "filetype": "remote"}, 400, "url", ""},
		{"private", AliceKey, map[string]any{"title": "T", "url": "http://192.168.1.10/x", "filetype": "remote"}, 400, "url", ""},
		{"multicast", AliceKey, map[string]any{"title": "T", "url": "http://224.0.0.1/x", "filetype": "remote"}, 400, "url", ""},
		{"mapped loopback v6", AliceKey, map[string]any{"title": "T", "url": "http://[::ffff:7f00:1]/x", "filetype": "remote"}, 400, "url", ""},
		{"bad scheme", AliceKey, map[string]any{"title": "T", "url": "file:///etc/passwd", "filetype": "remote"}, 400, "url", ""},
		{"no tld", AliceKey, map[string]any{"title": "T", "url": "http://intranet/x", "filetype": "remote"}, 400, "url", ""},
		{"bob", BobKey, map[string]any{"title": "T", "url": "https://example.com/a", "filetype": "remote"}, 403, "", msgForbidden},
		{"anonymous", "", map[string]any{"title": "T", "url": "https://example.com/a", "filetype": "remote"}, 401, "", msgUnauthorized},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do("POST", path, tc.key, tc.body).want(t, tc.status)
			switch {
			case tc.status == 201:
			case tc.field != "":
				hasKeys(t, r.obj()["errors"], tc.field)
				if tc.field == "url" {
					if l, _ := r.obj()["errors"].(map[string]any)["url"].([]any); len(l) == 0 || !strings.HasPrefix(l[0].(string), "Invalid URL") && l[0] != msgRequired {
						t.Errorf("url error %v", l)
					}
				}
			default:
				if r.str("message") != tc.msg {
					t.Errorf("message %q, want %q", r.str("message"), tc.msg)
				}
			}
		})
	}
	// The created one: url trimmed, type other, latest permalink.
	d := e.do("GET", "/api/1/datasets/"+id+"/", "", nil).want(t, 200)
	res := d.obj()["resources"].([]any)
	if len(res) != 1 {
		t.Fatalf("resources %v", res)
	}
	r0 := res[0].(map[string]any)
	if r0["url"] != "https://example.com/a.csv" || r0["type"] != "other" || r0["filetype"] != "remote" ||
		r0["latest"] != e.ts.URL+"/api/1/datasets/r/"+r0["id"].(string) {
		t.Errorf("resource %v", r0)
	}
	// New resources come first.
	second := e.createRemote(id, map[string]any{"title": "Second"}).str("id")
	d = e.do("GET", "/api/1/datasets/"+id+"/", "", nil)
	if d.obj()["resources"].([]any)[0].(map[string]any)["id"] != second {
		t.Error("new resource not first")
	}
}

func TestResourceReadUpdateDelete(t *testing.T) {
	e := newEnv(t, Config{})
	ds := e.createDataset(nil)
	id := ds.str("id")
	rem := e.createRemote(id, map[string]any{"checksum": map[string]any{"type": "md5", "value": "abc"}, "format": " CSV ", "description": ""})
	rid := rem.str("id")
	if rem.obj()["format"] != "csv" || rem.obj()["description"] != nil {
		t.Errorf("format %v description %v", rem.obj()["format"], rem.obj()["description"])
	}
	path := "/api/1/datasets/" + id + "/resources/" + rid + "/"

	// GET v1 and v2.
	e.do("GET", path, "", nil).want(t, 200)
	v2 := e.do("GET", "/api/2/datasets/resources/"+rid+"/", "", nil).want(t, 200)
	if v2.str("dataset_id") != id || v2.str("resource.id") != rid {
		t.Errorf("v2: %s", v2.raw)
	}
	unknown := "/api/1/datasets/" + id + "/resources/00000000-0000-4000-8000-000000000000/"
	if r := e.do("GET", unknown, "", nil).want(t, 404); r.str("message") != msgNoResource {
		t.Errorf("message %q", r.str("message"))
	}
	e.do("GET", "/api/2/datasets/resources/00000000-0000-4000-8000-000000000000/", "", nil).want(t, 404)
	e.do("GET", "/api/1/datasets/"+id+"/resources/not-a-uuid/", "", nil).want(t, 404)

	// PUT remote: absent fields kept, checksum null removes it.
	before := e.do("GET", "/api/1/datasets/"+id+"/", "", nil).str("last_modified")
	r := e.do("PUT", path, AliceKey, map[string]any{"title": "Renamed", "checksum": nil, "url": "https://example.org/b.json"}).want(t, 200)
	if r.str("title") != "Renamed" || r.obj()["checksum"] != nil || r.str("url") != "https://example.org/b.json" || r.obj()["format"] != "csv" {
		t.Errorf("after PUT: %s", r.raw)
	}
	if after := e.do("GET", "/api/1/datasets/"+id+"/", "", nil).str("last_modified"); after == before {
		t.Error("resource PUT did not bump the dataset's last_modified")
	}
	cases := []struct {
		name   string
		key    string
		body   any
		status int
		msg    string
	}{
		{"filetype change", AliceKey, map[string]any{"filetype": "file"}, 400, "Cannot modify filetype after creation"},
		{"bad type", AliceKey, map[string]any{"type": "x"}, 400, ""},
		{"bad checksum type", AliceKey, map[string]any{"checksum": map[string]any{"type": "sha512", "value": "x"}}, 400, ""},
		{"bob", BobKey, map[string]any{"title": "x"}, 403, msgForbidden},
		{"wrong content type", AliceKey, "title=x", 400, ""},
		{"schema", AliceKey, map[string]any{"schema": map[string]any{"name": "etalab/schema-irve", "version": "2.3.0"}}, 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var r resp
			if s, ok := tc.body.(string); ok {
				r = e.do("PUT", path, tc.key, s, "Content-Type", "text/plain")
			} else {
				r = e.do("PUT", path, tc.key, tc.body)
			}
			r.want(t, tc.status)
			if tc.msg != "" && r.str("message") != tc.msg {
				t.Errorf("message %q", r.str("message"))
			}
		})
	}
	if r := e.do("PUT", path, AliceKey, map[string]any{"schema": nil}).want(t, 200); r.obj()["schema"] != nil {
		t.Errorf("schema not removed: %v", r.obj()["schema"])
	}

	// v2 extras merge; null removes a key.
	e.do("PUT", path, AliceKey, map[string]any{"extras": map[string]any{"a": 1, "b": 2}}).want(t, 200)
	x := e.do("PUT", "/api/2/datasets/"+id+"/resources/"+rid+"/extras/", AliceKey, map[string]any{"b": nil, "c": 3}).want(t, 200)
	if !reflect.DeepEqual(x.body, map[string]any{"a": 1.0, "c": 3.0}) {
		t.Errorf("extras %v", x.body)
	}

	// v2 paginated list.
	e.createRemote(id, nil)
	l := e.do("GET", "/api/2/datasets/"+id+"/resources/?page_size=1", "", nil).want(t, 200)
	if l.obj()["total"] != 2.0 || len(l.obj()["data"].([]any)) != 1 || l.str("next_page") == "" {
		t.Errorf("v2 list %s", l.raw)
	}

	// Delete.
	e.do("DELETE", path, BobKey, nil).want(t, 403)
	e.do("DELETE", path, AliceKey, nil).want(t, 204)
	e.do("GET", path, "", nil).want(t, 404)
	e.do("DELETE", path, AliceKey, nil).want(t, 404)
}

func TestResourceReadRulesFollowDataset(t *testing.T) {
	e := newEnv(t, Config{})
	id := e.createDataset(map[string]any{"private": true}).str("id")
	rid := e.createRemote(id, nil).str("id")
	e.do("GET", "/api/1/datasets/"+id+"/resources/"+rid+"/", BobKey, nil).want(t, 404)
	e.do("GET", "/api/2/datasets/resources/"+rid+"/", "", nil).want(t, 404)
	e.do("GET", "/api/2/datasets/resources/"+rid+"/", AliceKey, nil).want(t, 200)
	e.do("PUT", "/api/1/datasets/"+id+"/", AliceKey, map[string]any{"private": false}).want(t, 200)
	e.do("DELETE", "/api/1/datasets/"+id+"/", AliceKey, nil).want(t, 204)
	e.do("GET", "/api/1/datasets/"+id+"/resources/"+rid+"/", BobKey, nil).want(t, 410)
	e.do("GET", "/api/2/datasets/resources/"+rid+"/", "", nil).want(t, 410)
	e.do("GET", "/api/2/datasets/resources/"+rid+"/", AliceKey, nil).want(t, 200)
}

func TestReorderResources(t *testing.T) {
	e := newEnv(t, Config{})
	id := e.createDataset(nil).str("id")
	a := e.createRemote(id, map[string]any{"title": "a"}).str("id")
	b := e.createRemote(id, map[string]any{"title": "b"}).str("id")
	c := e.createRemote(id, map[string]any{"title": "c"}).str("id")
	path := "/api/1/datasets/" + id + "/resources/"
	r := e.do("PUT", path, AliceKey, []string{a, b, c}).want(t, 200)
	var got []string
	for _, x := range r.list() {
		got = append(got, x.(map[string]any)["id"].(string))
	}
	if !reflect.DeepEqual(got, []string{a, b, c}) {
		t.Errorf("order %v", got)
	}
	e.do("PUT", path, AliceKey, []any{map[string]any{"id": c}, map[string]any{"id": b}, map[string]any{"id": a}}).want(t, 200)
	d := e.do("GET", "/api/1/datasets/"+id+"/", "", nil)
	if d.obj()["resources"].([]any)[0].(map[string]any)["id"] != c {
		t.Error("order not stored")
	}
	for name, body := range map[string]any{
		"partial": []string{a, b}, "unknown id": []string{a, b, "x"}, "duplicate": []string{a, a, b},
		"missing id key": []any{map[string]any{"title": "x"}, a, b},
	} {
		t.Run(name, func(t *testing.T) {
			r := e.do("PUT", path, AliceKey, body).want(t, 400)
			hasKeys(t, r.body, "message")
		})
	}
	e.do("PUT", path, BobKey, []string{a, b, c}).want(t, 403)
}

func TestUploadNewFile(t *testing.T) {
	e := newEnv(t, Config{})
	ds := e.createDataset(nil)
	id := ds.str("id")
	path := "/api/1/datasets/" + id + "/upload/"
	content := []byte("col1,col2\n1,2\n")
	r := e.upload(path, AliceKey, "Mon Fichier (v2) Été.CSV", content).want(t, 201)
	want := map[string]any{
		"title": "mon-fichier-v2-ete.csv", "filetype": "file", "type": "main", "format": "csv",
		"mime": "text/csv", "filesize": float64(len(content)), "success": true,
		"checksum": map[string]any{"type": "sha1", "value": sha1hex(content)},
	}
	for k, v := range want {
		if !reflect.DeepEqual(r.obj()[k], v) {
			t.Errorf("%s = %#v, want %#v", k, r.obj()[k], v)
		}
	}
	if !strings.HasPrefix(r.str("url"), e.ts.URL+"/s/resources/a-dataset/") || !strings.HasSuffix(r.str("url"), "/mon-fichier-v2-ete.csv") {
		t.Errorf("url %q", r.str("url"))
	}
	// Served back at its url, and through the permalink.
	status, body, h := fetch(t, r.str("url"))
	if status != 200 || !bytes.Equal(body, content) || h.Get("Content-Type") != "text/csv" {
		t.Errorf("GET url: %d %q %q", status, body, h.Get("Content-Type"))
	}
	perm := e.do("GET", "/api/1/datasets/r/"+r.str("id"), "", nil).want(t, 302)
	if perm.header.Get("Location") != r.str("url") {
		t.Errorf("permalink Location %q", perm.header.Get("Location"))
	}
	// Listed first in the dataset.
	d := e.do("GET", "/api/1/datasets/"+id+"/", "", nil)
	if d.obj()["resources"].([]any)[0].(map[string]any)["id"] != r.str("id") {
		t.Error("upload not first")
	}

	cases := []struct {
		name, key, filename string
		status              int
		check               func(t *testing.T, r resp)
	}{
		{"archive format", AliceKey, "data.csv.tar.gz", 201, func(t *testing.T, r resp) {
			if r.obj()["format"] != "csv.tar.gz" || r.obj()["mime"] != "application/x-tar" {
				t.Errorf("format %v mime %v", r.obj()["format"], r.obj()["mime"])
			}
		}},
		{"geojson", AliceKey, "zones.geojson", 201, func(t *testing.T, r resp) {
			if r.obj()["format"] != "geojson" {
				t.Errorf("format %v", r.obj()["format"])
			}
		}},
		{"parquet refused", AliceKey, "data.parquet", 400, func(t *testing.T, r resp) {
			if !strings.HasPrefix(r.str("message"), "This file type is not allowed") {
				t.Errorf("message %q", r.str("message"))
			}
		}},
		{"no extension refused", AliceKey, "README", 400, nil},
		{"missing file", AliceKey, "-", 400, func(t *testing.T, r resp) {
			if r.obj()["success"] != false || r.str("error") != "Missing file parameter" {
				t.Errorf("body %s", r.raw)
			}
		}},
		{"bob", BobKey, "x.csv", 403, nil},
		{"anonymous", "", "x.csv", 401, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.upload(path, tc.key, tc.filename, []byte("x")).want(t, tc.status)
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
	// Not multipart at all: no file.
	e.do("POST", path, AliceKey, map[string]any{"file": "x"}).want(t, 400)
	// Unknown dataset.
	e.upload("/api/1/datasets/0123456789abcdef01234567/upload/", AliceKey, "x.csv", []byte("x")).want(t, 404)
}

func TestReuploadInPlace(t *testing.T) {
	e := newEnv(t, Config{})
	id := e.createDataset(nil).str("id")
	first := e.upload("/api/1/datasets/"+id+"/upload/", AliceKey, "first.csv", []byte("1\n")).want(t, 201)
	rid := first.str("id")
	path := "/api/1/datasets/" + id + "/resources/" + rid + "/"
	e.do("PUT", path, AliceKey, map[string]any{"title": "Managed title", "description": "Kept", "type": "documentation",
		"extras": map[string]any{"k": "v"}, "url": "https://evil.example.com/x", "checksum": map[string]any{"type": "md5", "value": "0"},
		"filesize": 1, "mime": "text/plain", "format": "txt"}).want(t, 200)
	// Hosted-file fields are ignored silently.
	g := e.do("GET", path, "", nil).want(t, 200)
	if g.str("url") != first.str("url") || g.str("checksum.value") != first.str("checksum.value") || g.obj()["format"] != "csv" || g.obj()["filesize"] != 2.0 || g.obj()["mime"] != "text/csv" {
		t.Errorf("hosted fields changed: %s", g.raw)
	}
	if g.str("title") != "Managed title" {
		t.Errorf("title %q", g.str("title"))
	}
	// Filetype change refused.
	e.do("PUT", path, AliceKey, map[string]any{"filetype": "remote"}).want(t, 400)

	content := []byte(`{"a": 1}`)
	r := e.upload(path+"upload/", AliceKey, "Second.JSON", content).want(t, 200)
	if r.str("id") != rid || r.str("title") != "second.json" || r.str("description") != "Kept" || r.str("type") != "documentation" ||
		r.str("extras.k") != "v" || r.obj()["format"] != "json" || r.obj()["mime"] != "application/json" ||
		r.str("checksum.value") != sha1hex(content) || r.obj()["filesize"] != float64(len(content)) || r.str("url") == first.str("url") {
		t.Errorf("after re-upload: %s", r.raw)
	}
	if s, _, _ := fetch(t, first.str("url")); s != 404 {
		t.Errorf("old file still served: %d", s)
	}
	if s, b, _ := fetch(t, r.str("url")); s != 200 || !bytes.Equal(b, content) {
		t.Errorf("new file: %d %q", s, b)
	}
	if loc := e.do("GET", "/api/1/datasets/r/"+rid, "", nil).want(t, 302).header.Get("Location"); loc != r.str("url") {
		t.Errorf("permalink %q", loc)
	}
	e.upload("/api/1/datasets/"+id+"/resources/00000000-0000-4000-8000-000000000000/upload/", AliceKey, "x.csv", []byte("x")).want(t, 404)

	// Deleting the resource removes its file.
	e.do("DELETE", path, AliceKey, nil).want(t, 204)
	if s, _, _ := fetch(t, r.str("url")); s != 404 {
		t.Errorf("deleted resource's file still served: %d", s)
	}
	e.do("GET", "/api/1/datasets/r/"+rid, "", nil).want(t, 404)
}

func TestChunkedUpload(t *testing.T) {
	e := newEnv(t, Config{MaxUpload: 2 << 10})
	id := e.createDataset(nil).str("id")
	path := "/api/1/datasets/" + id + "/upload/"
	content := bytes.Repeat([]byte("0123456789abcdef"), 200) // 3200 bytes, above MaxUpload
	// A single upload that big is refused by the front proxy.
	e.upload(path, AliceKey, "big.csv", content).want(t, 413)

	const part = 500
	n := (len(content) + part - 1) / part
	uuid := "6b1c1a4e-2d37-4a88-9a4e-5d0c3b1f7e21"
	// Send the parts out of order: the final POST assembles them in order.
	for _, i := range []int{2, 0, 3, 1, 6, 5, 4} {
		chunk := content[i*part : min((i+1)*part, len(content))]
		r := e.upload(path, AliceKey, "blob", chunk, "uuid", uuid, "filename", "Big Data.csv", "partindex", strconv.Itoa(i),
			"partbyteoffset", strconv.Itoa(i*part), "totalparts", strconv.Itoa(n), "chunksize", strconv.Itoa(len(chunk))).want(t, 200)
		if !reflect.DeepEqual(r.body, map[string]any{"success": true, "error": nil}) {
			t.Fatalf("chunk answer %s", r.raw)
		}
	}
	// A lying chunk size.
	r := e.upload(path, AliceKey, "blob", []byte("abc"), "uuid", "other", "filename", "x.csv", "partindex", "0", "totalparts", "2", "chunksize", "4").want(t, 400)
	// flask-restx merges its {"message": str(exception)} into the storage
	// API's answer: an empty message.
	if !reflect.DeepEqual(r.body, map[string]any{"success": false, "error": "Chunk size mismatch", "message": ""}) {
		t.Errorf("mismatch body %s", r.raw)
	}
	// Final POST: no file.
	body, ct := multipartBody(t, "-", nil, "uuid", uuid, "filename", "Big Data.csv", "totalparts", strconv.Itoa(n))
	r = e.do("POST", path, AliceKey, body, "Content-Type", ct).want(t, 201)
	if r.str("title") != "big-data.csv" || r.str("checksum.value") != sha1hex(content) || r.obj()["filesize"] != float64(len(content)) {
		t.Errorf("assembled: %s", r.raw)
	}
	if s, b, _ := fetch(t, r.str("url")); s != 200 || !bytes.Equal(b, content) {
		t.Errorf("assembled file served: %d, %d bytes", s, len(b))
	}
	// The parts are gone.
	if entries, _ := os.ReadDir(filepath.Join(e.srv.DataDir(), "chunks")); len(entries) != 0 {
		t.Errorf("chunks left: %v", entries)
	}
	// Finalizing an upload with missing parts.
	body, ct = multipartBody(t, "-", nil, "uuid", "never-sent", "filename", "x.csv", "totalparts", "3")
	e.do("POST", path, AliceKey, body, "Content-Type", ct).want(t, 500) // udata: FileNotFound, a bare 500
	// Non-integer part fields.
	e.upload(path, AliceKey, "blob", []byte("abc"), "uuid", "u", "totalparts", "two").want(t, 400)
}

func TestUploadLastModifiedBumps(t *testing.T) {
	e := newEnv(t, Config{})
	d := e.createDataset(nil)
	id := d.str("id")
	lm := d.str("last_modified")
	r := e.upload("/api/1/datasets/"+id+"/upload/", AliceKey, "a.csv", []byte("a")).want(t, 201)
	g := e.do("GET", "/api/1/datasets/"+id+"/", "", nil)
	// The upload's answer carries microseconds; reads, what MongoDB kept.
	if g.str("last_modified") == lm || g.str("last_update") != msPrecision(r.str("last_modified")) {
		t.Errorf("last_modified %s→%s last_update %s resource %s", lm, g.str("last_modified"), g.str("last_update"), r.str("last_modified"))
	}
	r2 := e.upload("/api/1/datasets/"+id+"/resources/"+r.str("id")+"/upload/", AliceKey, "b.csv", []byte("b")).want(t, 200)
	if r2.str("last_modified") == r.str("last_modified") {
		t.Error("re-upload did not bump the resource's last_modified")
	}
	e.do("DELETE", "/api/1/datasets/"+id+"/resources/"+r.str("id")+"/", AliceKey, nil).want(t, 204)
	if g2 := e.do("GET", "/api/1/datasets/"+id+"/", "", nil); g2.str("last_modified") == g.str("last_modified") {
		t.Error("resource delete did not bump the dataset's last_modified")
	}
}

// msPrecision cuts a datetime answered by a write to what a later read
// gives: the millisecond.
func msPrecision(s string) string {
	base, frac, ok := strings.Cut(strings.TrimSuffix(s, "+00:00"), ".")
	if !ok || len(frac) < 3 {
		return s
	}
	if frac[:3] == "000" {
		return base + "+00:00"
	}
	return base + "." + frac[:3] + "000+00:00"
}

// udata stores a file at {slug}/{YYYYMMDD-HHMMSS}/{name} and never over
// another: the same name again within the same second is a bare 500
// (flask-storage's FileExists); a second later it is stored beside the first.
func TestUploadConflictingNames(t *testing.T) {
	e := newEnv(t, Config{Clock: stoppedClock})
	id := e.createDataset(nil).str("id")
	urls := map[string]bool{}
	for i := 0; i < 3; i++ {
		e.nextSecond()
		r := e.upload("/api/1/datasets/"+id+"/upload/", AliceKey, "same.csv", []byte(fmt.Sprint(i))).want(t, 201)
		urls[r.str("url")] = true
		if s, b, _ := fetch(t, r.str("url")); s != 200 || string(b) != fmt.Sprint(i) {
			t.Errorf("file %d: %d %q", i, s, b)
		}
		e.upload("/api/1/datasets/"+id+"/upload/", AliceKey, "same.csv", []byte("again")).want(t, 500)
	}
	if len(urls) != 3 {
		t.Errorf("urls collide: %v", urls)
	}
}
