package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// env is an emulator behind a real HTTP server, as clients meet it.
type env struct {
	t   *testing.T
	srv *Server
	ts  *httptest.Server
}

func newEnv(t *testing.T, cfg Config) *env {
	t.Helper()
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() {
		ts.Close()
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
		if t.Failed() && cfg.Seed == 0 {
			t.Logf("emulator fault seed %d (Config.Seed replays its draws)", srv.Seed())
		}
	})
	return &env{t: t, srv: srv, ts: ts}
}

// resp is a decoded answer.
type resp struct {
	status int
	header http.Header
	raw    []byte
	body   any
}

func (r resp) obj() map[string]any {
	m, _ := r.body.(map[string]any)
	return m
}

func (r resp) list() []any {
	l, _ := r.body.([]any)
	return l
}

// str reads a string at a dotted path of the JSON body ("" when absent).
func (r resp) str(path string) string {
	s, _ := dig(r.body, path).(string)
	return s
}

func dig(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// do sends a request; a non-nil body that is not a string or []byte is
// sent as JSON with Content-Type application/json.
func (e *env) do(method, path, key string, body any, headers ...string) resp {
	e.t.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
		ct = "application/json"
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if key != "" {
		req.Header.Set("X-API-KEY", key)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := resp{status: res.StatusCode, header: res.Header, raw: raw}
	_ = json.Unmarshal(raw, &r.body)
	return r
}

// want fails the test unless the status is the expected one.
func (r resp) want(t *testing.T, status int) resp {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body: %s", r.status, status, r.raw)
	}
	return r
}

// multipartBody builds an upload body: the file part (when name is not
// "-") and the extra fields.
func multipartBody(t *testing.T, filename string, content []byte, fields ...string) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		_ = mw.WriteField(fields[i], fields[i+1])
	}
	if filename != "-" {
		fw, err := mw.CreateFormFile("file", filename)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(content)
	}
	_ = mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

func (e *env) upload(path, key, filename string, content []byte, fields ...string) resp {
	e.t.Helper()
	body, ct := multipartBody(e.t, filename, content, fields...)
	return e.do(http.MethodPost, path, key, body, "Content-Type", ct)
}

// createDataset creates a dataset as alice in the fixture org and returns it.
func (e *env) createDataset(fields map[string]any) resp {
	e.t.Helper()
	body := map[string]any{"title": "A dataset", "description": "Some description", "organization": OrgID}
	for k, v := range fields {
		if v == nil {
			delete(body, k)
		} else {
			body[k] = v
		}
	}
	return e.do(http.MethodPost, "/api/1/datasets/", AliceKey, body).want(e.t, http.StatusCreated)
}

func (e *env) createRemote(dsID string, fields map[string]any) resp {
	e.t.Helper()
	body := map[string]any{"title": "A link", "url": "https://example.com/data.csv", "filetype": "remote"}
	for k, v := range fields {
		body[k] = v
	}
	return e.do(http.MethodPost, "/api/1/datasets/"+dsID+"/resources/", AliceKey, body).want(e.t, http.StatusCreated)
}

// keysOf lists the keys of an error object, for shape assertions.
func hasKeys(t *testing.T, v any, keys ...string) {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("not an object: %v", v)
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Fatalf("missing key %q in %v", k, m)
		}
	}
}
