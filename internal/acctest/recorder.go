package acctest

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"
)

// recorder is a reverse proxy in front of the test site that remembers each
// request, so that a test counts what the provider sent the same way on
// every portal (the emulator, real udata, a staging site): the provider and
// the tests' own clients talk to the site through it.
type recorder struct {
	mu       sync.Mutex
	requests []Request
	// before, when set, runs before a request is forwarded.
	before func(method, path string)
}

// Request is one request that reached the site, with the status it got.
type Request struct {
	Method, Path string
	Status       int
}

// startRecorder serves a recording proxy to target and returns it with its
// base URL and a function that stops it.
func startRecorder(target string) (*recorder, string, func(), error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, "", nil, err
	}
	rec := &recorder{}
	// The site sees its own host, so that the URLs it answers (uri, page,
	// latest, the files' addresses) are those it answers without the proxy.
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(u)
		r.Out.Host = u.Host
	}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		before := rec.before
		rec.mu.Unlock()
		if before != nil {
			before(r.Method, r.URL.Path)
		}
		// The request is logged when its answer starts, before the client
		// can read it: a test that counts right after a step never misses
		// the step's last request.
		sw := &statusWriter{ResponseWriter: w, record: func(status int) {
			rec.mu.Lock()
			rec.requests = append(rec.requests, Request{Method: r.Method, Path: r.URL.Path, Status: status})
			rec.mu.Unlock()
		}}
		proxy.ServeHTTP(sw, r)
		sw.WriteHeader(http.StatusOK) // logs an answer that wrote nothing
	}))
	return rec, srv.URL, srv.Close, nil
}

type statusWriter struct {
	http.ResponseWriter
	record  func(status int)
	written bool
}

func (w *statusWriter) WriteHeader(code int) {
	if w.written {
		return
	}
	w.written = true
	w.record(code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

// Requests returns every request the site received so far in this test
// run, oldest first: count what a step sent with len() before and after.
// Tests that count must not run in parallel with others (resource.Test).
func Requests(t *testing.T) []Request {
	t.Helper()
	PreCheck(t)
	site.recorder.mu.Lock()
	defer site.recorder.mu.Unlock()
	return append([]Request(nil), site.recorder.requests...)
}

// BeforeRequest runs fn before each request reaches the site, for the rest
// of the test: how a test makes something happen on the portal between two
// requests of the provider (a portal service writing meanwhile). fn runs
// on the proxy's goroutine and may itself call the site. Not for parallel
// tests.
func BeforeRequest(t *testing.T, fn func(method, path string)) {
	t.Helper()
	PreCheck(t)
	site.recorder.mu.Lock()
	site.recorder.before = fn
	site.recorder.mu.Unlock()
	t.Cleanup(func() {
		site.recorder.mu.Lock()
		site.recorder.before = nil
		site.recorder.mu.Unlock()
	})
}

// CountRequests counts the requests of reqs with this method and path.
func CountRequests(reqs []Request, method, path string) int {
	n := 0
	for _, q := range reqs {
		if q.Method == method && q.Path == path {
			n++
		}
	}
	return n
}

// Writes keeps the requests of reqs other than GET and HEAD.
func Writes(reqs []Request) []Request {
	var out []Request
	for _, q := range reqs {
		if q.Method != http.MethodGet && q.Method != http.MethodHead {
			out = append(out, q)
		}
	}
	return out
}

// Unwrap lets http.ResponseController reach the connection (flushes).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
