package emulator

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// stoppedClock is an emulator's time that stands still, so that the
// requests of a test share udata's storage prefix ({slug}/{YYYYMMDD-HHMMSS}/)
// by construction; nextSecond moves it on.
var stoppedClock = FixedClock(time.Date(2026, 3, 14, 15, 9, 26, 535_000_000, time.UTC))

// nextSecond makes a second pass on the emulator's clock.
func (e *env) nextSecond() { e.srv.AdvanceClock(time.Second) }

// internalError is udata's answer to flask-storage's FileExists and
// FileNotFound, which no error handler catches.
var internalError = map[string]any{"message": "Internal Server Error"}

// sendParts stores the parts of content (part bytes each) under uuid.
func (e *env) sendParts(path, uuid, filename string, content []byte, part int) int {
	e.t.Helper()
	n := (len(content) + part - 1) / part
	for i := 0; i < n; i++ {
		chunk := content[i*part : min((i+1)*part, len(content))]
		e.upload(path, AliceKey, "blob", chunk, "uuid", uuid, "filename", filename, "partindex", strconv.Itoa(i),
			"partbyteoffset", strconv.Itoa(i*part), "totalparts", strconv.Itoa(n), "chunksize", strconv.Itoa(len(chunk))).want(e.t, 200)
	}
	return n
}

func (e *env) finalCall(path, uuid, filename string, total int) resp {
	e.t.Helper()
	body, ct := multipartBody(e.t, "-", nil, "uuid", uuid, "filename", filename, "totalparts", strconv.Itoa(total))
	return e.do("POST", path, AliceKey, body, "Content-Type", ct)
}

func (e *env) resourceCount(id string) int {
	e.t.Helper()
	rs, _ := e.do("GET", "/api/1/datasets/"+id+"/", "", nil).obj()["resources"].([]any)
	return len(rs)
}

func (e *env) chunkDirs() []string {
	e.t.Helper()
	entries, _ := os.ReadDir(filepath.Join(e.srv.DataDir(), "chunks"))
	var names []string
	for _, en := range entries {
		names = append(names, en.Name())
	}
	return names
}

// TestUploadSamePathWithinASecond: udata stores a file at
// {slug}/{YYYYMMDD-HHMMSS}/{normalized name} and flask-storage refuses to
// overwrite: the second upload to the same path answers a bare 500 before
// anything is stored or created.
func TestUploadSamePathWithinASecond(t *testing.T) {
	tests := []struct {
		name string
		// second uploads into ds (or other, another dataset) right after
		// "Data.csv" was uploaded as resource rid of ds.
		second     func(e *env, ds, other, rid string) resp
		wantStatus int
	}{
		{"new resource, same name", func(e *env, ds, _, _ string) resp {
			return e.upload("/api/1/datasets/"+ds+"/upload/", AliceKey, "Data.csv", []byte("2"))
		}, 500},
		{"same normalized name", func(e *env, ds, _, _ string) resp {
			return e.upload("/api/1/datasets/"+ds+"/upload/", AliceKey, "data.CSV", []byte("2"))
		}, 500},
		{"same name, another case and spacing", func(e *env, ds, _, _ string) resp {
			return e.upload("/api/1/datasets/"+ds+"/upload/", AliceKey, " DATA.csv", []byte("2"))
		}, 500},
		{"a directory is part of the name", func(e *env, ds, _, _ string) resp {
			return e.upload("/api/1/datasets/"+ds+"/upload/", AliceKey, "2024/Data.csv", []byte("2"))
		}, 201},
		{"replace of the same resource", func(e *env, ds, _, rid string) resp {
			return e.upload("/api/1/datasets/"+ds+"/resources/"+rid+"/upload/", AliceKey, "Data.csv", []byte("2"))
		}, 500},
		{"chunked final call", func(e *env, ds, _, _ string) resp {
			path := "/api/1/datasets/" + ds + "/upload/"
			n := e.sendParts(path, "same-second", "Data.csv", []byte("0123456789"), 4)
			return e.finalCall(path, "same-second", "Data.csv", n)
		}, 500},
		{"another name", func(e *env, ds, _, _ string) resp {
			return e.upload("/api/1/datasets/"+ds+"/upload/", AliceKey, "other.csv", []byte("2"))
		}, 201},
		{"another dataset", func(e *env, _, other, _ string) resp {
			return e.upload("/api/1/datasets/"+other+"/upload/", AliceKey, "Data.csv", []byte("2"))
		}, 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, Config{Clock: stoppedClock})
			ds := e.createDataset(nil).str("id")
			other := e.createDataset(map[string]any{"title": "Another dataset"}).str("id")
			first := e.upload("/api/1/datasets/"+ds+"/upload/", AliceKey, "Data.csv", []byte("1")).want(t, 201)
			r := tt.second(e, ds, other, first.str("id")).want(t, tt.wantStatus)
			if tt.wantStatus != 500 {
				return
			}
			if !reflect.DeepEqual(r.body, internalError) {
				t.Errorf("body %s, want udata's bare 500", r.raw)
			}
			if n := e.resourceCount(ds); n != 1 {
				t.Errorf("%d resources after a refused upload, want 1", n)
			}
			got := e.do("GET", "/api/1/datasets/"+ds+"/resources/"+first.str("id")+"/", "", nil).want(t, 200)
			if got.str("url") != first.str("url") || got.str("checksum.value") != first.str("checksum.value") {
				t.Errorf("the first resource changed: %s", got.raw)
			}
			if s, b, _ := fetch(t, first.str("url")); s != 200 || string(b) != "1" {
				t.Errorf("the first file: %d %q", s, b)
			}
		})
	}
}

// TestUploadRefusedFinalKeepsParts: udata discards the parts only after the
// file is stored, so a final call refused for its path can be sent again
// once the second has changed.
func TestUploadRefusedFinalKeepsParts(t *testing.T) {
	e := newEnv(t, Config{Clock: stoppedClock})
	ds := e.createDataset(nil).str("id")
	path := "/api/1/datasets/" + ds + "/upload/"
	content := []byte("0123456789abcdef")
	n := e.sendParts(path, "kept", "big.csv", content, 5)
	e.upload(path, AliceKey, "big.csv", []byte("plain")).want(t, 201)
	e.finalCall(path, "kept", "big.csv", n).want(t, 500)
	if dirs := e.chunkDirs(); !reflect.DeepEqual(dirs, []string{"kept"}) {
		t.Fatalf("chunk dirs %v after a refused final call, want the parts kept", dirs)
	}
	e.nextSecond()
	r := e.finalCall(path, "kept", "big.csv", n).want(t, 201)
	if r.str("checksum.value") != sha1hex(content) {
		t.Errorf("assembled %s", r.raw)
	}
	if dirs := e.chunkDirs(); len(dirs) != 0 {
		t.Errorf("chunk dirs %v left after the assembly", dirs)
	}
	// Sent again once assembled: the parts are gone (FileNotFound), a bare
	// 500 whatever the second, and no second resource.
	e.nextSecond()
	r = e.finalCall(path, "kept", "big.csv", n).want(t, 500)
	if !reflect.DeepEqual(r.body, internalError) {
		t.Errorf("body %s", r.raw)
	}
	if c := e.resourceCount(ds); c != 2 {
		t.Errorf("%d resources, want 2", c)
	}
}

// TestUploadPartSentAgain: the chunks storage refuses to overwrite a part,
// so a part sent again (its first answer lost) is a bare 500 and the first
// copy is what gets assembled.
func TestUploadPartSentAgain(t *testing.T) {
	e := newEnv(t, Config{})
	ds := e.createDataset(nil).str("id")
	path := "/api/1/datasets/" + ds + "/upload/"
	part := func(i int, data string) resp {
		return e.upload(path, AliceKey, "blob", []byte(data), "uuid", "again", "filename", "a.csv", "partindex", strconv.Itoa(i),
			"partbyteoffset", strconv.Itoa(i*4), "totalparts", "2", "chunksize", strconv.Itoa(len(data)))
	}
	part(0, "abcd").want(t, 200)
	if r := part(0, "abcd").want(t, 500); !reflect.DeepEqual(r.body, internalError) {
		t.Errorf("body %s", r.raw)
	}
	part(0, "ABCD").want(t, 500)
	// The size is checked first: a lying size is still a 400.
	e.upload(path, AliceKey, "blob", []byte("abc"), "uuid", "again", "filename", "a.csv", "partindex", "0",
		"totalparts", "2", "chunksize", "4").want(t, 400)
	part(1, "ef").want(t, 200)
	r := e.finalCall(path, "again", "a.csv", 2).want(t, 201)
	if r.str("checksum.value") != sha1hex([]byte("abcdef")) {
		t.Errorf("assembled %s, want the first copy of part 0", r.raw)
	}
}

// TestUploadFinalCallURLEncoded: udata reads the chunked protocol's fields
// from request.form, which a urlencoded body fills as well as a multipart
// one.
func TestUploadFinalCallURLEncoded(t *testing.T) {
	e := newEnv(t, Config{})
	ds := e.createDataset(nil).str("id")
	path := "/api/1/datasets/" + ds + "/upload/"
	content := bytes.Repeat([]byte("x,y\n"), 10)
	n := e.sendParts(path, "urlencoded", "Form Data.csv", content, 16)
	form := url.Values{"uuid": {"urlencoded"}, "filename": {"Form Data.csv"}, "totalparts": {strconv.Itoa(n)}}
	r := e.do("POST", path, AliceKey, form.Encode(), "Content-Type", "application/x-www-form-urlencoded").want(t, 201)
	if r.str("title") != "form-data.csv" || r.str("checksum.value") != sha1hex(content) {
		t.Errorf("assembled %s", r.raw)
	}
	// Without totalparts a urlencoded body has no file.
	r = e.do("POST", path, AliceKey, "uuid=x", "Content-Type", "application/x-www-form-urlencoded").want(t, 400)
	if r.obj()["success"] != false || r.str("error") != "Missing file parameter" {
		t.Errorf("body %s", r.raw)
	}
	e.do("POST", path, AliceKey, strings.Repeat("a", maxURLEncodedForm+1), "Content-Type", "application/x-www-form-urlencoded").want(t, 400)
}

// TestUploadFinalCallMissingPart: udata opens the target, then fails reading
// the missing part (FileNotFound): a bare 500, what was read stays at the
// target path, and the parts stay.
func TestUploadFinalCallMissingPart(t *testing.T) {
	e := newEnv(t, Config{Clock: stoppedClock})
	ds := e.createDataset(nil).str("id")
	path := "/api/1/datasets/" + ds + "/upload/"
	e.upload(path, AliceKey, "blob", []byte("abcd"), "uuid", "gap", "filename", "g.csv", "partindex", "0",
		"partbyteoffset", "0", "totalparts", "3", "chunksize", "4").want(t, 200)
	e.upload(path, AliceKey, "blob", []byte("ij"), "uuid", "gap", "filename", "g.csv", "partindex", "2",
		"partbyteoffset", "8", "totalparts", "3", "chunksize", "2").want(t, 200)
	if r := e.finalCall(path, "gap", "g.csv", 3).want(t, 500); !reflect.DeepEqual(r.body, internalError) {
		t.Errorf("body %s", r.raw)
	}
	// The partial file holds the target path for the rest of the second.
	e.upload(path, AliceKey, "g.csv", []byte("plain")).want(t, 500)
	if c := e.resourceCount(ds); c != 0 {
		t.Errorf("%d resources, want none", c)
	}
	if dirs := e.chunkDirs(); !reflect.DeepEqual(dirs, []string{"gap"}) {
		t.Errorf("chunk dirs %v, want the parts kept", dirs)
	}
}

// TestUploadPartsInAnyOrder: the assembled file's checksum is the sha1 of
// the parts in index order, whatever order they came in, including a part
// that came only after a final call failed for want of it.
func TestUploadPartsInAnyOrder(t *testing.T) {
	e := newEnv(t, Config{Clock: stoppedClock})
	ds := e.createDataset(nil).str("id")
	path := "/api/1/datasets/" + ds + "/upload/"
	parts := []string{"abcd", "efgh", "ijkl", "mn"}
	send := func(i int) {
		e.upload(path, AliceKey, "blob", []byte(parts[i]), "uuid", "shuffled", "filename", "s.csv", "partindex", strconv.Itoa(i),
			"partbyteoffset", strconv.Itoa(i*4), "totalparts", "4", "chunksize", strconv.Itoa(len(parts[i]))).want(t, 200)
	}
	for _, i := range []int{3, 0, 2} {
		send(i)
	}
	e.finalCall(path, "shuffled", "s.csv", 4).want(t, 500)
	send(1)
	e.nextSecond()
	r := e.finalCall(path, "shuffled", "s.csv", 4).want(t, 201)
	if want := sha1hex([]byte(strings.Join(parts, ""))); r.str("checksum.value") != want || r.obj()["filesize"] != float64(14) {
		t.Errorf("assembled %s, want sha1 %s and 14 bytes", r.raw, want)
	}
	// Its url serves the parts as one file, ranges included.
	url := r.str("url")
	for _, tt := range []struct{ rangeHeader, want string }{{"", "abcdefghijklmn"}, {"bytes=3-9", "defghij"}, {"bytes=12-", "mn"}} {
		req, _ := http.NewRequest("GET", url, nil)
		if tt.rangeHeader != "" {
			req.Header.Set("Range", tt.rangeHeader)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if string(body) != tt.want || res.Header.Get("Content-Type") != "text/csv" {
			t.Errorf("GET %s (Range %q) = %d %q (%s), want %q", url, tt.rangeHeader, res.StatusCode, body, res.Header.Get("Content-Type"), tt.want)
		}
	}
	// Deleting the resource removes its stored parts.
	e.do("DELETE", "/api/1/datasets/"+ds+"/resources/"+r.str("id")+"/", AliceKey, nil).want(t, 204)
	if res, err := http.Get(url); err != nil || res.StatusCode != 404 {
		t.Errorf("GET %s after the delete: %v %v", url, res.StatusCode, err)
	}
}
