package acctest

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
)

// recorder is a reverse proxy in front of the test site that files each
// request of a provider under its test's Log (see NewLog), so that a test
// counts what the provider sent the same way on every portal (the
// emulator, real udata, a staging site), while other tests run beside it:
// the provider and the tests' own clients talk to the site through it.
type recorder struct {
	mu    sync.Mutex
	logs  map[string]*Log
	count int // logs opened so far, for the next tag
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
	rec := &recorder{logs: map[string]*Log{}}
	// The site sees its own host, so that the URLs it answers (uri, page,
	// latest, the files' addresses) are those it answers without the proxy.
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(u)
		r.Out.Host = u.Host
	}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log := rec.logOf(r)
		if log == nil {
			proxy.ServeHTTP(w, r)
			return
		}
		if before := log.hook(); before != nil {
			before(r.Method, r.URL.Path)
		}
		// The request is logged when its answer starts, before the client
		// can read it: a test that counts right after a step never misses
		// the step's last request.
		sw := &statusWriter{ResponseWriter: w, record: func(status int) { log.add(Request{Method: r.Method, Path: r.URL.Path, Status: status}) }}
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
