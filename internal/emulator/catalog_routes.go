package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Routing of the catalogue's API (dataservices, contact points, access
// types), and the dataset listing's "dataservice" filter.

// registerCatalogRoutes adds the catalogue's routes to the router; init
// calls it once the dataset routes are in place.
func registerCatalogRoutes() {
	add := func(pattern string, m map[string]endpoint) {
		routes = append(routes, route{segs: strings.Split(strings.TrimPrefix(pattern, "/"), "/"), methods: m})
	}
	get := func(fn func(*call)) map[string]endpoint { return map[string]endpoint{"GET": {fn: fn}} }
	// Static routes first: werkzeug prefers them to converter routes.
	add("/api/1/access_type/reason_categories/", get(func(c *call) { writeJSON(c.w, http.StatusOK, reasonCategories) }))
	add("/api/1/contacts/", map[string]endpoint{"POST": {fn: (*call).createContactPoint, secure: true, blocked: true}})
	add("/api/1/contacts/roles/", get(func(c *call) { writeJSON(c.w, http.StatusOK, contactRoles) }))
	add("/api/1/contacts/{contact_point}/", map[string]endpoint{
		"GET":    {fn: (*call).getContactPoint},
		"PUT":    {fn: (*call).updateContactPoint, secure: true},
		"DELETE": {fn: (*call).deleteContactPoint, secure: true},
	})
	add("/api/1/transfer/", map[string]endpoint{"POST": {fn: (*call).requestTransfer, secure: true, blocked: true}})
	add("/api/1/transfer/{transfer}/", map[string]endpoint{
		"GET":  {fn: (*call).getTransfer},
		"POST": {fn: (*call).respondToTransfer, secure: true, blocked: true},
	})
	add("/api/1/organizations/{org}/member/", map[string]endpoint{"POST": {fn: (*call).inviteMember, secure: true, blocked: true}})
	add("/api/1/me/org_invitations/{invitation}/accept/", map[string]endpoint{"POST": {fn: (*call).acceptInvitation, secure: true, blocked: true}})
	add("/api/1/organizations/{org}/contacts/", get((*call).listOrgContactPoints))
	add("/api/1/users/{user}/contacts/", get((*call).listUserContactPoints))
	add("/api/1/dataservices/", map[string]endpoint{
		"GET":  {fn: (*call).listDataservices},
		"POST": {fn: (*call).createDataservice, secure: true, blocked: true},
	})
	add("/api/1/dataservices/{dataservice}/", map[string]endpoint{
		"GET":    {fn: (*call).getDataservice},
		"PATCH":  {fn: (*call).updateDataservice, secure: true},
		"DELETE": {fn: (*call).deleteDataservice, secure: true},
	})
	for i := range routes {
		if strings.Join(routes[i].segs, "/") == "api/1/datasets/" {
			if ep, ok := routes[i].methods["GET"]; ok {
				inner := ep.fn
				ep.fn = func(c *call) { c.listDatasetsOfDataservice(inner) }
				routes[i].methods["GET"] = ep
			}
		}
	}
}

// convertCatalogParam is the URL converter of a catalogue placeholder at
// segment i: it replaces the raw value by the object's id, or answers 404
// (or 308 to a current slug) and returns false. Other placeholders pass.
func (c *call) convertCatalogParam(i int, segs []string) bool {
	switch segs[i] {
	case "{dataservice}", "{contact_point}", "{user}":
	default:
		return true
	}
	n := 0
	for j := 0; j < i; j++ {
		if strings.HasPrefix(segs[j], "{") {
			n++
		}
	}
	value := c.param(i, segs)
	c.s.mu.RLock()
	cat, st := c.s.catalog(), c.s.st
	var id, redirect string
	switch segs[i] {
	case "{dataservice}":
		id, redirect = cat.dsvSlugs.lookup(value, func(v string) bool { return cat.dataservices[v] != nil })
	case "{contact_point}":
		if cat.contactPoints[value] != nil {
			id = value
		}
	case "{user}":
		for _, u := range st.users {
			if u.ID == value || u.Slug == value {
				id = u.ID
			}
		}
	}
	c.s.mu.RUnlock()
	switch {
	case id != "":
		c.params[n] = id
		return true
	case redirect != "":
		parts := strings.Split(c.r.URL.Path, "/")
		parts[i+1] = url.PathEscape(redirect)
		writeRedirect(c.w, http.StatusPermanentRedirect, strings.Join(parts, "/"))
	default:
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
	}
	return false
}

// catalogParam is the converted value of a catalogue route's placeholder
// (an id): each such route has one, first in its path.
func (c *call) catalogParam() string { return c.params[0] }

// paginationArgs is add_pagination_arguments: page and page_size, strictly
// positive integers.
func (c *call) paginationArgs(q queryArgs) (page, pageSize int, ok bool) {
	page, pageSize = 1, 20
	for _, a := range []struct {
		name, help string
		dst        *int
	}{{"page", "The page to fetch", &page}, {"page_size", "The page size to fetch", &pageSize}} {
		v, present := q.get(a.name)
		if !present || v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			writeArgError(c.w, a.name, fmt.Sprintf("%s %s is not a valid integer", a.help, v))
			return 0, 0, false
		}
		if n < 1 {
			writeArgError(c.w, a.name, fmt.Sprintf("%s Invalid %s: %d. %s must be a positive integer", a.help, a.name, n, a.name))
			return 0, 0, false
		}
		*a.dst = n
	}
	return page, pageSize, true
}

// writePage answers one page of total items (flask-mongoengine's
// Pagination under udata's pager): 404 past the last page but the first.
func (c *call) writePage(q queryArgs, page, pageSize, total int, render func(start, end int) []any) {
	start := (page - 1) * pageSize
	if start >= total && page != 1 {
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
		return
	}
	end := min(start+pageSize, total)
	self := c.base + c.r.URL.Path
	var next, prev *string
	if page*pageSize < total {
		u := self + "?" + q.withPage(page+1)
		next = &u
	}
	if page > 1 {
		u := self + "?" + q.withPage(page-1)
		prev = &u
	}
	writeJSON(c.w, http.StatusOK, map[string]any{
		"data": render(start, end), "page": page, "page_size": pageSize, "total": total,
		"next_page": next, "previous_page": prev,
	})
}

// listDatasetsOfDataservice adds the "dataservice" filter to the dataset
// listing (inner): the datasets a dataservice serves, among those the
// caller may see. The listing's own arguments and filters are checked
// first, as udata's parser does; an unknown dataservice filters nothing.
func (c *call) listDatasetsOfDataservice(inner func(*call)) {
	q := parseQuery(c.r.URL.RawQuery)
	dsv, _ := q.get("dataservice")
	if dsv == "" {
		inner(c)
		return
	}
	var rest queryArgs
	for _, a := range q {
		if a.k != "dataservice" {
			rest = append(rest, a)
		}
	}
	unfiltered := c.innerListing(inner, rest)
	if unfiltered.status != http.StatusOK && unfiltered.status != http.StatusNotFound {
		unfiltered.writeTo(c.w)
		return
	}
	if !isObjectID(dsv) {
		writeMessage(c.w, http.StatusBadRequest, "Dataservice arg must be an identifier")
		return
	}
	c.s.mu.RLock()
	d := c.s.catalog().dataservices[dsv]
	var served map[string]bool
	if d != nil {
		served = toSet(d.Datasets)
	}
	c.s.mu.RUnlock()
	if d == nil {
		unfiltered.writeTo(c.w)
		return
	}
	page, pageSize := 1, 20
	var all queryArgs
	for _, a := range rest {
		switch a.k {
		case "page":
			page, _ = strconv.Atoi(a.v)
		case "page_size":
			pageSize, _ = strconv.Atoi(a.v)
		default:
			all = append(all, a)
		}
	}
	all = append(all, struct{ k, v string }{"page_size", strconv.Itoa(1 << 30)})
	full := c.innerListing(inner, all)
	var listing struct {
		Data []map[string]any `json:"data"`
	}
	if full.status != http.StatusOK || json.Unmarshal(full.body, &listing) != nil {
		full.writeTo(c.w)
		return
	}
	var hits []any
	for _, item := range listing.Data {
		if id, _ := item["id"].(string); served[id] {
			hits = append(hits, item)
		}
	}
	c.writePage(q, page, pageSize, len(hits), func(start, end int) []any { return hits[start:end] })
}

// captured is an answer of a handler run for its result.
type captured struct {
	status int
	header http.Header
	body   []byte
}

func (a captured) writeTo(w http.ResponseWriter) {
	for k, v := range a.header {
		w.Header()[k] = v
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

func (a *captured) Header() http.Header { return a.header }
func (a *captured) WriteHeader(code int) {
	if a.status == 0 {
		a.status = code
	}
}
func (a *captured) Write(p []byte) (int, error) {
	if a.status == 0 {
		a.status = http.StatusOK
	}
	a.body = append(a.body, p...)
	return len(p), nil
}

// innerListing runs the dataset listing with another query string.
func (c *call) innerListing(inner func(*call), q queryArgs) captured {
	out := &captured{header: http.Header{}}
	r := c.r.Clone(c.r.Context())
	u := *c.r.URL
	var parts []string
	for _, a := range q {
		parts = append(parts, url.QueryEscape(a.k)+"="+url.QueryEscape(a.v))
	}
	u.RawQuery = strings.Join(parts, "&")
	r.URL = &u
	sub := *c
	sub.w, sub.r = out, r
	inner(&sub)
	return *out
}
