package client_test

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"
)

// front stands between the client and a portal as the infrastructure in
// front of data.gouv.fr does: it forwards every request, and spoils the
// answers of the upload requests its rules pick.
type front struct {
	*httptest.Server
	upstream string
	mu       sync.Mutex
	rules    []*spoilRule
	log      []frontEntry
}

// Kinds of upload requests.
const (
	kindPlain = "plain" // a whole file
	kindPart  = "part"  // a part of a chunked upload
	kindFinal = "final" // the chunked protocol's final (assembly) call
	kindOther = "other"
)

// How an answer is spoiled. "-before" ones never reach the portal; the
// others are forwarded and the portal's answer replaced.
const (
	dropBefore = "drop-before" // connection closed before forwarding
	err503     = "503-before"  // a proxy's 503
	err500     = "500-before"  // udata's bare 500 for a path taken (FileExists): nothing stored
	dropAfter  = "drop-after"  // processed, then the connection is closed
	err502     = "502-after"   // processed, then a proxy's 502
	err504     = "504-after"   // processed, then a proxy's 504 (its timeout)
)

// spoilRule spoils the first times requests of a kind (per part index for
// parts; part -1 means any part).
type spoilRule struct {
	kind  string
	part  int
	times int
	how   string
	used  map[int]int
}

// frontEntry is one request the front saw.
type frontEntry struct {
	kind     string
	part     int
	uuid     string
	path     string
	spoiled  string
	upstream int // the portal's status, 0 when not forwarded
	at       time.Time
}

func newFront(t *testing.T, upstream string, rules ...*spoilRule) *front {
	t.Helper()
	f := &front{upstream: upstream}
	for _, r := range rules { // fresh counters: a table's rules serve each portal
		cp := *r
		cp.used = map[int]int{}
		f.rules = append(f.rules, &cp)
	}
	f.Server = httptest.NewServer(f)
	t.Cleanup(f.Close)
	return f
}

var forward = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	e := classify(r, body)
	e.at = time.Now()
	f.mu.Lock()
	for _, rule := range f.rules {
		if rule.kind == e.kind && (rule.part < 0 || rule.part == e.part) && rule.used[e.part] < rule.times {
			rule.used[e.part]++
			e.spoiled = rule.how
			break
		}
	}
	f.mu.Unlock()
	// The entry is logged before any answer leaves: once the connection is
	// dropped or answered, the client may return and the test read the log
	// at once.
	logged := false
	record := func() {
		if logged {
			return
		}
		logged = true
		f.mu.Lock()
		f.log = append(f.log, e)
		f.mu.Unlock()
	}
	defer record()

	switch e.spoiled {
	case dropBefore:
		record()
		drop(w)
		return
	case err503:
		record()
		proxyError(w, 503)
		return
	case err500:
		record()
		writeJSON(w, 500, `{"message": "Internal Server Error"}`)
		return
	}
	req, _ := http.NewRequest(r.Method, f.upstream+r.URL.RequestURI(), bytes.NewReader(body))
	req.Header = r.Header.Clone()
	res, err := forward.Do(req)
	if err != nil {
		record()
		proxyError(w, 502)
		return
	}
	answer, _ := io.ReadAll(res.Body)
	res.Body.Close()
	e.upstream = res.StatusCode
	record()
	switch e.spoiled {
	case dropAfter:
		drop(w)
	case err502:
		proxyError(w, 502)
	case err504:
		proxyError(w, 504)
	default:
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(res.StatusCode)
		_, _ = w.Write(answer)
	}
}

// classify tells an upload request's kind from its form.
func classify(r *http.Request, body []byte) frontEntry {
	e := frontEntry{kind: kindOther, part: -1, path: r.URL.Path}
	if r.Method != http.MethodPost {
		return e
	}
	var fields url.Values
	hasFile := false
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "multipart/form-data":
		form, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).ReadForm(int64(len(body)) + 1024)
		if err != nil {
			return e
		}
		defer func() { _ = form.RemoveAll() }()
		fields, hasFile = form.Value, len(form.File["file"]) > 0
	case "application/x-www-form-urlencoded":
		fields, _ = url.ParseQuery(string(body))
	default:
		return e
	}
	total, _ := strconv.Atoi(fields.Get("totalparts"))
	e.uuid = fields.Get("uuid")
	switch {
	case total > 1 && hasFile:
		e.kind = kindPart
		e.part, _ = strconv.Atoi(fields.Get("partindex"))
	case total > 1:
		e.kind = kindFinal
	case hasFile:
		e.kind = kindPlain
	}
	return e
}

func (f *front) entries() []frontEntry {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]frontEntry(nil), f.log...)
}

// spoiled counts the requests whose answer a rule spoiled.
func (f *front) spoiled() int {
	n := 0
	for _, e := range f.entries() {
		if e.spoiled != "" {
			n++
		}
	}
	return n
}

func (f *front) count(kind string) int {
	n := 0
	for _, e := range f.entries() {
		if e.kind == kind {
			n++
		}
	}
	return n
}

// drop closes the connection without an answer.
func drop(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// proxyError answers like nginx.
func proxyError(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, "<html><body><h1>"+strconv.Itoa(status)+" "+http.StatusText(status)+"</h1></body></html>")
}
