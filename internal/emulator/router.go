package emulator

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
)

// API routing: the route table, udata's URL converters (404 and old-slug
// redirects before authentication), authentication, and the front proxy's
// body limit.

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
	add("/api/1/datasets/{ds}/followers/", get((*call).getDatasetFollowers))
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
	c := &call{s: s, w: w, r: r, base: baseURL(r), params: params, started: s.Now()}

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
