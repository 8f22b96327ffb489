package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Listing datasets: udata's DatasetListAPI GET and its query parser.

type queryArgs []struct{ k, v string }

func parseQuery(raw string) queryArgs {
	var out queryArgs
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		out = append(out, struct{ k, v string }{k, v})
	}
	return out
}

func (q queryArgs) get(k string) (string, bool) {
	for _, a := range q {
		if a.k == k {
			return a.v, true
		}
	}
	return "", false
}

func (q queryArgs) all(k string) []string {
	var out []string
	for _, a := range q {
		if a.k == k {
			out = append(out, a.v)
		}
	}
	return out
}

// withPage is the query string with page replaced (or appended).
func (q queryArgs) withPage(page int) string {
	var b strings.Builder
	done := false
	for _, a := range q {
		v := a.v
		if a.k == "page" {
			if done {
				continue
			}
			v, done = strconv.Itoa(page), true
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.Values{a.k: {v}}.Encode())
	}
	if !done {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString("page=" + strconv.Itoa(page))
	}
	return b.String()
}

// positiveArg is flask-restx's inputs.positive on a query argument; the
// error is the argument's help then the input's message.
func (c *call) positiveArg(q queryArgs, name string, def int, help string) (int, bool) {
	v, ok := q.get(name)
	if !ok {
		return def, true
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		writeArgError(c.w, name, help+" "+v+" is not a valid integer")
		return 0, false
	}
	if n < 1 {
		writeArgError(c.w, name, fmt.Sprintf("%s Invalid %s: %d. %s must be a positive integer", help, name, n, name))
		return 0, false
	}
	return n, true
}

// boolArg is flask-restx's inputs.boolean (an empty value is false);
// present says the filter is set.
func (c *call) boolArg(q queryArgs, name, help string) (val, present, ok bool) {
	v, has := q.get(name)
	if !has {
		return false, false, true
	}
	switch strings.ToLower(v) {
	case "true", "1", "on":
		return true, true, true
	case "false", "0", "":
		return false, true, true
	}
	writeArgError(c.w, name, help+" Invalid literal for boolean(): "+strings.ToLower(v))
	return false, false, false
}

var datasetSorts = map[string]bool{"title": true, "created": true, "last_update": true, "reuses": true, "followers": true, "views": true}

// visibilityHelp is the help of the archived, deleted and private filters.
func visibilityHelp(name string) string {
	return "If set to true, it will filter on " + name + " datasets only. If set to false, it will exclude " + name +
		" datasets. User must be authenticated and results are limited to user visibility"
}

func (c *call) listDatasets() {
	// The request parser checks its arguments in their declaration order
	// (sort, page, page_size, ..., archived, deleted, private); the filters
	// then check identifiers and authentication.
	q := parseQuery(c.r.URL.RawQuery)
	sortArg, _ := q.get("sort")
	if sortArg != "" && !datasetSorts[strings.TrimPrefix(sortArg, "-")] {
		writeArgError(c.w, "sort", "The field (and direction) on which sorting apply The value '"+sortArg+"' is not a valid choice for 'sort'.")
		return
	}
	page, ok := c.positiveArg(q, "page", 1, "The page to fetch")
	if !ok {
		return
	}
	pageSize, ok := c.positiveArg(q, "page_size", 20, "The page size to fetch")
	if !ok {
		return
	}
	restricted := map[string]*bool{}
	for _, name := range []string{"archived", "deleted", "private"} {
		v, present, ok := c.boolArg(q, name, visibilityHelp(name))
		if !ok {
			return
		}
		if present {
			restricted[name] = &v
		}
	}
	org, _ := q.get("organization")
	if org != "" && !isObjectID(org) {
		writeMessage(c.w, http.StatusBadRequest, "Organization arg must be an identifier")
		return
	}
	owner, _ := q.get("owner")
	if owner != "" && !isObjectID(owner) {
		writeMessage(c.w, http.StatusBadRequest, "Owner arg must be an identifier")
		return
	}
	if len(restricted) > 0 && c.user == nil {
		writeMessage(c.w, http.StatusUnauthorized, msgUnauthorized)
		return
	}
	tags := q.all("tag")
	words := strings.Fields(foldText(firstOr(q.all("q"))))
	license, _ := q.get("license")
	format, _ := q.get("format")

	s := c.s
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.st
	var hits []*dataset
	for _, d := range st.datasets {
		visible := !d.Private && d.Archived == nil && d.Deleted == nil
		// Dataset.objects.visible_by_user: site admins see everything, a
		// user also sees everything they or their organizations own.
		seesAll := c.user != nil && (c.user.Sysadmin || st.ownedBy(c.user, d))
		if !visible && !seesAll {
			continue
		}
		if org != "" && d.OrgID != org || owner != "" && d.OwnerID != owner {
			continue
		}
		if !hasAll(d.Tags, tags) || !matchWords(d.Title, words) {
			continue
		}
		if license != "" && (d.License == nil || *d.License != license) {
			continue
		}
		if format != "" && !hasFormat(d, format) {
			continue
		}
		if f := restricted["archived"]; f != nil && *f != (d.Archived != nil) {
			continue
		}
		if f := restricted["deleted"]; f != nil && *f != (d.Deleted != nil) {
			continue
		}
		if f := restricted["private"]; f != nil && *f != d.Private {
			continue
		}
		hits = append(hits, d)
	}
	sortDatasets(hits, sortArg)

	total := len(hits)
	start := (page - 1) * pageSize
	if start >= total && page != 1 {
		// flask-mongoengine's Pagination aborts on an empty page past the first.
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
		return
	}
	end := min(start+pageSize, total)
	data := make([]datasetBody, 0, end-start)
	for _, d := range hits[start:end] {
		data = append(data, c.renderDataset(d, true))
	}
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
		"data": data, "page": page, "page_size": pageSize, "total": total,
		"next_page": next, "previous_page": prev,
	})
}

func firstOr(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

// foldText lower-cases and strips accents, as MongoDB's text search ignores
// case and diacritics.
func foldText(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(translit(r))
	}
	return strings.ToLower(b.String())
}

// matchWords: every word of q must appear in the title (udata quotes each
// word, so MongoDB's $text ANDs them as phrases).
func matchWords(title string, words []string) bool {
	t := foldText(title)
	for _, w := range words {
		if !strings.Contains(t, w) {
			return false
		}
	}
	return true
}

func hasAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if h == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func hasFormat(d *dataset, format string) bool {
	for _, r := range d.Resources {
		if r.Format != nil && *r.Format == format {
			return true
		}
	}
	return false
}

// sortDatasets orders like udata: newest first unless sort says otherwise;
// the ObjectId breaks ties.
func sortDatasets(l []*dataset, arg string) {
	desc := strings.HasPrefix(arg, "-")
	key := strings.TrimPrefix(arg, "-")
	if key == "" || (key != "title" && key != "last_update" && key != "created") {
		key, desc = "created", true
	}
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		var less, equal bool
		switch key {
		case "title":
			less, equal = a.Title < b.Title, a.Title == b.Title
		case "last_update":
			ta, tb := a.lastUpdate(), b.lastUpdate()
			less, equal = ta.Before(tb), ta.Equal(tb)
		default:
			less, equal = a.CreatedAt.Before(b.CreatedAt), a.CreatedAt.Equal(b.CreatedAt)
		}
		if equal {
			less = a.ID < b.ID
		}
		if desc {
			return !less
		}
		return less
	})
}
