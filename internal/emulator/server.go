// Package emulator is a local, in-memory imitation of data.gouv.fr's API
// (udata 17.6) covering everything the provider touches: datasets,
// resources, uploads, reference lists, users and organizations. It exists so
// that the provider can be tested hermetically, and it reproduces udata's
// behaviour, quirks included, so a provider correct against it is correct
// against the real site. DESIGN.md (repository root) says how it is laid
// out, how to add an endpoint, and where the udata notes it follows live.
package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Config sets up an emulator.
type Config struct {
	APIKey    string        // main user's key; "" → AliceKey
	Latency   time.Duration // added to every API request
	FailRate  float64       // share of API requests answered with a transient failure (statuses 429/502/503/504)
	MaxUpload int64         // largest single (non-chunked) upload body; 0 → unlimited; larger → 413
	DataDir   string        // where files are stored; "" → a temp dir (removed by Close)
}

// Faults describes the transient failures injected in front of the API, as
// the infrastructure in front of data.gouv.fr produces them.
type Faults struct {
	Rate                float64 `json:"rate"`
	Statuses            []int   `json:"statuses"`
	Drop                bool    `json:"drop"`
	DropAfterProcessing bool    `json:"drop_after_processing"`
	LatencyMs           int     `json:"latency_ms"`
}

// RequestLog is one request the emulator answered. Status is 0 when the
// connection was dropped before the request was processed; when it was
// dropped after processing, Status is what would have been answered.
type RequestLog struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Status int    `json:"status"`
}

var defaultFaultStatuses = []int{429, 502, 503, 504}

const maxLoggedRequests = 100000

// Server is the emulator; it is an http.Handler.
type Server struct {
	cfg     Config
	mainKey string
	dataDir string
	ownDir  bool

	mu sync.RWMutex // guards st
	st *state

	ctlMu    sync.Mutex // guards faults, latency, readOnly, log
	faults   Faults
	latency  time.Duration
	readOnly bool
	log      []RequestLog
}

// New makes an emulator loaded with the fixtures.
func New(cfg Config) (*Server, error) {
	if cfg.FailRate < 0 || cfg.FailRate > 1 {
		return nil, fmt.Errorf("emulator: fail rate %v is not within [0, 1]", cfg.FailRate)
	}
	if cfg.MaxUpload < 0 {
		return nil, fmt.Errorf("emulator: negative max upload %d", cfg.MaxUpload)
	}
	s := &Server{cfg: cfg, mainKey: cfg.APIKey}
	if s.mainKey == "" {
		s.mainKey = AliceKey
	}
	if s.mainKey == BobKey || s.mainKey == AdminKey {
		return nil, fmt.Errorf("emulator: the main user's key cannot be %q", s.mainKey)
	}
	if cfg.DataDir == "" {
		dir, err := os.MkdirTemp("", "datagouv-emulator-")
		if err != nil {
			return nil, fmt.Errorf("emulator: %w", err)
		}
		s.dataDir, s.ownDir = dir, true
	} else {
		s.dataDir = cfg.DataDir
	}
	for _, sub := range []string{"resources", "chunks", "tmp"} {
		if err := os.MkdirAll(filepath.Join(s.dataDir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("emulator: %w", err)
		}
	}
	s.st = newState(s.mainKey)
	s.initFaults()
	return s, nil
}

func (s *Server) initFaults() {
	s.faults = Faults{Rate: s.cfg.FailRate}
	s.latency = s.cfg.Latency
}

// DataDir is where the emulator stores files.
func (s *Server) DataDir() string { return s.dataDir }

// Close removes the data dir if New created it.
func (s *Server) Close() error {
	if s.ownDir {
		return os.RemoveAll(s.dataDir)
	}
	return nil
}

// Reset brings the emulator back to its fixtures: no dataset, no file, no
// pending chunk, an empty request log, no read-only mode, the faults and
// latency of the Config.
func (s *Server) Reset() {
	s.mu.Lock()
	var files []string
	for _, d := range s.st.datasets {
		files = append(files, s.st.removeDataset(d)...)
	}
	s.st = newState(s.mainKey)
	s.mu.Unlock()
	removeStoredFiles(s.dataDir, files)
	_ = os.RemoveAll(filepath.Join(s.dataDir, "chunks"))
	_ = os.MkdirAll(filepath.Join(s.dataDir, "chunks"), 0o755)

	s.ctlMu.Lock()
	s.initFaults()
	s.readOnly = false
	s.log = nil
	s.ctlMu.Unlock()
}

// Purge runs what data.gouv.fr's daily jobs do: soft-deleted datasets, their
// resources and files, and soft-deleted dataservices are deleted for good
// (their ids then answer 404), and chunked uploads left unassembled for more
// than 24 hours are dropped.
func (s *Server) Purge() {
	s.purge()
}

func (s *Server) purge() []string {
	s.mu.Lock()
	var files, ids []string
	for _, id := range sortedKeys(s.st.datasets) {
		if d := s.st.datasets[id]; d.Deleted != nil {
			files = append(files, s.st.removeDataset(d)...)
			ids = append(ids, id)
		}
	}
	ids = append(ids, s.st.catalog.purgeDeleted()...)
	var staleChunks []string
	for id, c := range s.st.chunks {
		if time.Since(c.LastChunk) > 24*time.Hour {
			delete(s.st.chunks, id)
			staleChunks = append(staleChunks, id)
		}
	}
	s.mu.Unlock()
	removeStoredFiles(s.dataDir, files)
	for _, id := range staleChunks {
		_ = os.RemoveAll(filepath.Join(s.dataDir, "chunks", id))
	}
	if ids == nil {
		ids = []string{}
	}
	return ids
}

// SetReadOnly switches udata's READ_ONLY_MODE: creations by non-admin users
// answer 423.
func (s *Server) SetReadOnly(on bool) {
	s.ctlMu.Lock()
	s.readOnly = on
	s.ctlMu.Unlock()
}

func (s *Server) isReadOnly() bool {
	s.ctlMu.Lock()
	defer s.ctlMu.Unlock()
	return s.readOnly
}

// SetFaults replaces the injected faults (and the added latency).
func (s *Server) SetFaults(f Faults) {
	f.Statuses = slices.Clone(f.Statuses)
	s.ctlMu.Lock()
	s.faults = f
	s.latency = time.Duration(f.LatencyMs) * time.Millisecond
	s.ctlMu.Unlock()
}

// Requests lists the requests answered so far (control endpoints excluded).
func (s *Server) Requests() []RequestLog {
	s.ctlMu.Lock()
	defer s.ctlMu.Unlock()
	return append([]RequestLog{}, s.log...)
}

func (s *Server) logRequest(method, path string, status int) {
	s.ctlMu.Lock()
	if len(s.log) >= maxLoggedRequests {
		s.log = s.log[len(s.log)/2:]
	}
	s.log = append(s.log, RequestLog{Method: method, Path: path, Status: status})
	s.ctlMu.Unlock()
}

// ---------------------------------------------------------------------------
// Entry point

// ServeHTTP dispatches: control endpoints, static files, and the API (behind
// the injected latency and faults).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if strings.HasPrefix(p, "/_emulator/") {
		s.serveControl(w, r)
		return
	}
	rec := &statusRecorder{ResponseWriter: w}
	if strings.HasPrefix(p, "/s/") {
		s.serveStatic(rec, r)
		s.logRequest(r.Method, p, rec.status())
		return
	}

	s.ctlMu.Lock()
	f, latency := s.faults, s.latency
	s.ctlMu.Unlock()
	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
	}
	switch fault := pickFault(f); fault {
	case "status":
		statuses := f.Statuses
		if len(statuses) == 0 {
			statuses = defaultFaultStatuses
		}
		st := statuses[rand.IntN(len(statuses))]
		if st == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		writeProxyError(rec, st)
		s.logRequest(r.Method, p, st)
		return
	case "drop":
		s.logRequest(r.Method, p, 0)
		dropConnection(w)
		return
	case "drop_after":
		buf := &bufferedWriter{header: http.Header{}}
		s.serveAPI(buf, r)
		s.logRequest(r.Method, p, buf.status())
		dropConnection(w)
		return
	}
	s.serveAPI(rec, r)
	s.logRequest(r.Method, p, rec.status())
}

// pickFault draws the fate of one request: "" (served normally), "status",
// "drop" (before processing) or "drop_after" (after processing).
func pickFault(f Faults) string {
	if f.Rate <= 0 || rand.Float64() >= f.Rate {
		return ""
	}
	kinds := []string{"status"}
	if f.Drop {
		kinds = append(kinds, "drop")
	}
	if f.DropAfterProcessing {
		kinds = append(kinds, "drop_after")
	}
	return kinds[rand.IntN(len(kinds))]
}

// dropConnection closes the client connection without an answer. It
// hijacks the connection when it can; otherwise (HTTP/2, recorders) it
// aborts the handler, which net/http turns into a reset stream or closed
// connection.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *statusRecorder) status() int {
	if r.code == 0 {
		return http.StatusOK
	}
	return r.code
}

// bufferedWriter swallows a response that will never be sent.
type bufferedWriter struct {
	header http.Header
	code   int
}

func (b *bufferedWriter) Header() http.Header { return b.header }
func (b *bufferedWriter) WriteHeader(code int) {
	if b.code == 0 {
		b.code = code
	}
}
func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.code == 0 {
		b.code = http.StatusOK
	}
	return len(p), nil
}
func (b *bufferedWriter) status() int {
	if b.code == 0 {
		return http.StatusOK
	}
	return b.code
}

// ---------------------------------------------------------------------------
// Control endpoints

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-API-KEY") != AdminKey {
		writeMessage(w, http.StatusForbidden, "The emulator's control endpoints need the site admin's key.")
		return
	}
	type op struct {
		method string
		fn     func()
	}
	ops := map[string]op{
		"/_emulator/purge": {http.MethodPost, func() {
			writeJSON(w, http.StatusOK, map[string]any{"purged": s.purge()})
		}},
		"/_emulator/reset": {http.MethodPost, func() {
			s.Reset()
			writeJSON(w, http.StatusOK, map[string]any{"reset": true})
		}},
		"/_emulator/requests": {http.MethodGet, func() {
			writeJSON(w, http.StatusOK, s.Requests())
		}},
		"/_emulator/faults": {http.MethodPost, func() {
			var f Faults
			if !decodeControl(w, r, &f) {
				return
			}
			if f.Rate < 0 || f.Rate > 1 || f.LatencyMs < 0 {
				writeMessage(w, http.StatusBadRequest, "rate must be within [0, 1] and latency_ms positive")
				return
			}
			for _, st := range f.Statuses {
				if st < 400 || st > 599 {
					writeMessage(w, http.StatusBadRequest, fmt.Sprintf("status %d is not an error status", st))
					return
				}
			}
			s.SetFaults(f)
			writeJSON(w, http.StatusOK, f)
		}},
		"/_emulator/readonly": {http.MethodPost, func() {
			var body struct {
				Enabled *bool `json:"enabled"`
			}
			if !decodeControl(w, r, &body) {
				return
			}
			if body.Enabled == nil {
				writeMessage(w, http.StatusBadRequest, `expecting {"enabled": true|false}`)
				return
			}
			s.SetReadOnly(*body.Enabled)
			writeJSON(w, http.StatusOK, map[string]bool{"enabled": *body.Enabled})
		}},
	}
	o, ok := ops[r.URL.Path]
	if !ok {
		writeMessage(w, http.StatusNotFound, msgNotFound)
		return
	}
	if r.Method != o.method {
		w.Header().Set("Allow", o.method)
		writeMessage(w, http.StatusMethodNotAllowed, msgMethodNotAllowed)
		return
	}
	o.fn()
}

func decodeControl(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	if err := dec.Decode(v); err != nil {
		writeMessage(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return false
	}
	return true
}

// ---------------------------------------------------------------------------
// API routing

// call is one API request on its way through the handlers.
type call struct {
	s      *Server
	w      http.ResponseWriter
	r      *http.Request
	user   *user  // nil when anonymous
	base   string // scheme and host the client used, for absolute URLs
	dsID   string // resolved {ds}
	rid    string // canonical {rid}
	orgID  string // resolved {org}
	params []string
	// started is when the request came in. A datetime set since then is
	// rendered to the microsecond, as udata answers a write with the values
	// it just made; older ones are rendered to the millisecond, as MongoDB
	// keeps them.
	started time.Time
}

func (c *call) iso(t time.Time) string {
	if t.Before(c.started) {
		t = t.Truncate(time.Millisecond)
	}
	return isoTime(t)
}

func (c *call) isoPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := c.iso(*t)
	return &s
}

type endpoint struct {
	fn      func(*call)
	secure  bool // @api.secure: an authenticated user is required
	blocked bool // listed in udata's METHOD_BLOCKLIST: 423 in read-only mode
	upload  bool // body limited by the front proxy's MaxUpload
}

type route struct {
	segs    []string
	methods map[string]endpoint
}

var routes []route

func init() {
	add := func(pattern string, m map[string]endpoint) {
		routes = append(routes, route{segs: strings.Split(strings.TrimPrefix(pattern, "/"), "/"), methods: m})
	}
	get := func(fn func(*call)) map[string]endpoint { return map[string]endpoint{"GET": {fn: fn}} }
	// Static routes first: werkzeug prefers them to converter routes.
	add("/api/1/me/", map[string]endpoint{"GET": {fn: (*call).getMe, secure: true}})
	add("/api/1/organizations/", map[string]endpoint{"POST": {fn: (*call).createOrganization, secure: true, blocked: true}})
	add("/api/1/organizations/{org}/", map[string]endpoint{
		"GET":    {fn: (*call).getOrganization},
		"DELETE": {fn: (*call).deleteOrganization, secure: true, blocked: true},
	})
	add("/api/1/datasets/", map[string]endpoint{
		"GET":  {fn: (*call).listDatasets},
		"POST": {fn: (*call).createDataset, secure: true, blocked: true},
	})
	add("/api/1/datasets/licenses/", get(func(c *call) { writeJSON(c.w, 200, licenses) }))
	add("/api/1/datasets/frequencies/", get(func(c *call) { writeJSON(c.w, 200, frequencies) }))
	add("/api/1/datasets/resource_types/", get(func(c *call) { writeJSON(c.w, 200, resourceTypes) }))
	add("/api/1/datasets/extensions/", get(func(c *call) { writeJSON(c.w, 200, slices.Sorted(slices.Values(extensionList))) }))
	add("/api/1/datasets/schemas/", get((*call).getSchemaCatalogue))
	add("/api/1/datasets/r/{rid}", get((*call).redirectResource))
	add("/api/1/datasets/{ds}/", map[string]endpoint{
		"GET":    {fn: (*call).getDataset},
		"PUT":    {fn: (*call).updateDataset, secure: true},
		"DELETE": {fn: (*call).deleteDataset, secure: true},
	})
	add("/api/1/datasets/{ds}/resources/", map[string]endpoint{
		"POST": {fn: (*call).createRemoteResource, secure: true, blocked: true},
		"PUT":  {fn: (*call).reorderResources, secure: true},
	})
	add("/api/1/datasets/{ds}/upload/", map[string]endpoint{
		"POST": {fn: (*call).uploadNewResource, secure: true, blocked: true, upload: true},
	})
	add("/api/1/datasets/{ds}/resources/{rid}/", map[string]endpoint{
		"GET":    {fn: (*call).getResource},
		"PUT":    {fn: (*call).updateResource, secure: true},
		"DELETE": {fn: (*call).deleteResource, secure: true},
	})
	add("/api/1/datasets/{ds}/resources/{rid}/upload/", map[string]endpoint{
		"POST": {fn: (*call).replaceResourceFile, secure: true, blocked: true, upload: true},
	})
	add("/api/2/datasets/resources/{rid}/", get((*call).lookupResourceV2))
	add("/api/2/datasets/{ds}/", get((*call).getDatasetV2))
	add("/api/2/datasets/{ds}/resources/", get((*call).listResourcesV2))
	add("/api/2/datasets/{ds}/schemas/", get((*call).getDatasetSchemasV2))
	add("/api/2/datasets/{ds}/extras/", map[string]endpoint{
		"GET":    {fn: (*call).getDatasetExtrasV2},
		"PUT":    {fn: (*call).updateDatasetExtrasV2, secure: true},
		"DELETE": {fn: (*call).deleteDatasetExtrasV2, secure: true},
	})
	add("/api/2/datasets/{ds}/resources/{rid}/extras/", map[string]endpoint{
		"GET":    {fn: (*call).getResourceExtrasV2},
		"PUT":    {fn: (*call).updateResourceExtrasV2, secure: true},
		"DELETE": {fn: (*call).deleteResourceExtrasV2, secure: true},
	})
	add("/api/1/spatial/levels/", get((*call).getSpatialLevels))
	add("/api/1/spatial/granularities/", get((*call).getSpatialGranularities))
	add("/api/1/spatial/zone/{id}/", get((*call).getSpatialZone))
	registerCatalogRoutes() // catalog_routes.go
}

// match finds the route of a path; params are the placeholders' raw values.
func match(path string) (*route, []string) {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for i := range routes {
		rt := &routes[i]
		if len(rt.segs) != len(segs) {
			continue
		}
		var params []string
		ok := true
		for j, p := range rt.segs {
			if strings.HasPrefix(p, "{") {
				if segs[j] == "" {
					ok = false
					break
				}
				params = append(params, segs[j])
			} else if p != segs[j] {
				ok = false
				break
			}
		}
		if ok {
			return rt, params
		}
	}
	return nil, nil
}

// serveCatchAll answers a method no API rule of the path serves (methods is
// nil when no API rule matches the path at all). Every API path also
// matches flask-storage's GET-only catch-all rule, so a GET falls to its
// 404, and other methods get a 405 listing both rules' methods: from
// flask-restx (JSON) when an API rule matched, from werkzeug (HTML) if not.
func serveCatchAll(w http.ResponseWriter, method string, methods map[string]endpoint) {
	allow := []string{"GET", "HEAD", "OPTIONS"}
	for m := range methods {
		if m != "GET" {
			allow = append(allow, m)
		}
	}
	sort.Strings(allow)
	switch {
	case method == http.MethodGet || method == http.MethodHead:
		writeNotFoundPage(w)
	case method == http.MethodOptions:
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeHTML(w, http.StatusOK, "")
	case methods == nil:
		writeHTMLMethodNotAllowed(w, strings.Join(allow, ", "))
	default:
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeMessage(w, http.StatusMethodNotAllowed, msgMethodNotAllowed)
	}
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	rt, params := match(path)
	if rt == nil {
		// werkzeug's strict slashes: a rule ending in '/' requested without it
		// answers a permanent redirect.
		if !strings.HasSuffix(path, "/") {
			if rt2, _ := match(path + "/"); rt2 != nil {
				loc := baseURL(r) + path + "/"
				if r.URL.RawQuery != "" {
					loc += "?" + r.URL.RawQuery
				}
				writeRedirect(w, http.StatusPermanentRedirect, loc)
				return
			}
		}
		serveCatchAll(w, r.Method, nil)
		return
	}
	method := r.Method
	if method == http.MethodHead {
		method = http.MethodGet
	}
	ep, ok := rt.methods[method]
	if !ok {
		serveCatchAll(w, r.Method, rt.methods)
		return
	}
	c := &call{s: s, w: w, r: r, base: baseURL(r), params: params, started: now()}

	// The front proxy refuses oversized bodies before udata sees them.
	if ep.upload && s.cfg.MaxUpload > 0 {
		if r.ContentLength > s.cfg.MaxUpload {
			w.Header().Set("Connection", "close")
			writeProxyError(w, http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = &limitedBody{rc: r.Body, left: s.cfg.MaxUpload}
	}

	// URL converters run before the view: unknown objects are 404 and old
	// slugs redirect, whoever asks.
	for i, p := range rt.segs {
		switch p {
		case "{ds}":
			if !c.resolveDataset(i, rt.segs) {
				return
			}
		case "{rid}":
			if c.rid = canonicalUUID(c.param(i, rt.segs)); c.rid == "" {
				writeMessage(w, http.StatusNotFound, msgNotFound)
				return
			}
		case "{org}":
			if !c.resolveOrg(c.param(i, rt.segs)) {
				return
			}
		default:
			if !c.convertCatalogParam(i, rt.segs) {
				return
			}
		}
	}

	// udata's authentify decorator: a key that does not authenticate fails
	// every route, reads included.
	if key := r.Header.Get("X-API-KEY"); key != "" {
		s.mu.RLock()
		c.user = s.st.users[key]
		s.mu.RUnlock()
		if c.user == nil {
			writeMessage(w, http.StatusUnauthorized, msgInvalidToken)
			return
		}
	}
	if ep.secure {
		if c.user != nil && !c.user.Sysadmin && ep.blocked && s.isReadOnly() {
			writeMessage(w, http.StatusLocked, msgReadOnly)
			return
		}
		if c.user == nil {
			writeMessage(w, http.StatusUnauthorized, msgUnauthorized)
			return
		}
	}
	ep.fn(c)
}

// param returns the raw value of the placeholder at segment index i.
func (c *call) param(i int, segs []string) string {
	n := 0
	for j := 0; j < i; j++ {
		if strings.HasPrefix(segs[j], "{") {
			n++
		}
	}
	v, err := url.PathUnescape(c.params[n])
	if err != nil {
		return c.params[n]
	}
	return v
}

func (c *call) resolveDataset(i int, segs []string) bool {
	value := c.param(i, segs)
	c.s.mu.RLock()
	d, redirect := c.s.st.lookupDataset(value)
	c.s.mu.RUnlock()
	if d != nil {
		c.dsID = d.ID
		return true
	}
	if redirect != "" {
		parts := strings.Split(c.r.URL.Path, "/")
		parts[i+1] = url.PathEscape(redirect)
		loc := strings.Join(parts, "/")
		writeRedirect(c.w, http.StatusPermanentRedirect, loc)
		return false
	}
	writeMessage(c.w, http.StatusNotFound, msgNotFound)
	return false
}

func (c *call) resolveOrg(value string) bool {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if o := c.s.st.orgs[value]; o != nil {
		c.orgID = o.ID
		return true
	}
	for _, o := range c.s.st.orgs {
		if o.Slug == value {
			c.orgID = o.ID
			return true
		}
	}
	writeMessage(c.w, http.StatusNotFound, msgNotFound)
	return false
}

func baseURL(r *http.Request) string {
	host := r.Host
	if host == "" {
		host = "127.0.0.1"
	}
	return "http://" + host
}

// errBodyTooLarge is returned by limitedBody once the proxy's limit is
// passed; the upload handler turns it into a 413.
var errBodyTooLarge = errors.New("request body larger than the upload limit")

// limitedBody stops reading a body past the front proxy's limit, so a body
// without Content-Length (chunked transfer) is cut as nginx would.
type limitedBody struct {
	rc   interface{ Read([]byte) (int, error) }
	left int64
	over bool
}

func (l *limitedBody) Read(p []byte) (int, error) {
	if l.over {
		return 0, errBodyTooLarge
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.rc.Read(p)
	if int64(n) > l.left {
		l.over = true
		return int(l.left), errBodyTooLarge
	}
	l.left -= int64(n)
	return n, err
}

func (l *limitedBody) Close() error {
	if c, ok := l.rc.(interface{ Close() error }); ok {
		return c.Close()
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
