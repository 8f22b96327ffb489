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

// datasetFilters are the arguments of a dataset listing.
type datasetFilters struct {
	sort            string
	page, pageSize  int
	restricted      map[string]*bool // archived, deleted, private: set only when asked
	org, owner      string
	tags, words     []string
	license, format string
}

func (c *call) listDatasets() {
	q := parseQuery(c.r.URL.RawQuery)
	f, ok := c.datasetFilters(q)
	if !ok {
		return
	}
	s := c.s
	s.mu.RLock()
	defer s.mu.RUnlock()
	var hits []*dataset
	for _, d := range s.st.datasets {
		if c.seesDataset(d) && f.match(d) {
			hits = append(hits, d)
		}
	}
	sortDatasets(hits, f.sort)
	c.writePage(q, f.page, f.pageSize, len(hits), func(start, end int) []any {
		data := make([]any, 0, end-start)
		for _, d := range hits[start:end] {
			data = append(data, c.renderDataset(d, true))
		}
		return data
	})
}

// datasetFilters reads the arguments, or answers udata's refusal. The
// request parser checks its arguments in their declaration order (sort,
// page, page_size, ..., archived, deleted, private); the filters then check
// identifiers and authentication.
func (c *call) datasetFilters(q queryArgs) (f datasetFilters, ok bool) {
	f.sort, _ = q.get("sort")
	if f.sort != "" && !datasetSorts[strings.TrimPrefix(f.sort, "-")] {
		writeArgError(c.w, "sort", "The field (and direction) on which sorting apply The value '"+f.sort+"' is not a valid choice for 'sort'.")
		return f, false
	}
	if f.page, ok = c.positiveArg(q, "page", 1, "The page to fetch"); !ok {
		return f, false
	}
	if f.pageSize, ok = c.positiveArg(q, "page_size", 20, "The page size to fetch"); !ok {
		return f, false
	}
	f.restricted = map[string]*bool{}
	for _, name := range []string{"archived", "deleted", "private"} {
		v, present, ok := c.boolArg(q, name, visibilityHelp(name))
		if !ok {
			return f, false
		}
		if present {
			f.restricted[name] = &v
		}
	}
	f.org, _ = q.get("organization")
	if f.org != "" && !isObjectID(f.org) {
		writeMessage(c.w, http.StatusBadRequest, "Organization arg must be an identifier")
		return f, false
	}
	f.owner, _ = q.get("owner")
	if f.owner != "" && !isObjectID(f.owner) {
		writeMessage(c.w, http.StatusBadRequest, "Owner arg must be an identifier")
		return f, false
	}
	if len(f.restricted) > 0 && c.user == nil {
		writeMessage(c.w, http.StatusUnauthorized, msgUnauthorized)
		return f, false
	}
	f.tags = q.all("tag")
	f.words = strings.Fields(foldText(firstOr(q.all("q"))))
	f.license, _ = q.get("license")
	f.format, _ = q.get("format")
	return f, true
}

// seesDataset is Dataset.objects.visible_by_user: the public datasets;
// site admins see everything, a user also sees everything they or their
// organizations own. The caller holds the read lock.
func (c *call) seesDataset(d *dataset) bool {
	visible := !d.Private && d.Archived == nil && d.Deleted == nil
	return visible || c.user != nil && (c.user.Sysadmin || c.s.st.ownedBy(c.user, d))
}

// match tells whether d passes the filters.
func (f datasetFilters) match(d *dataset) bool {
	if f.org != "" && d.OrgID != f.org || f.owner != "" && d.OwnerID != f.owner {
		return false
	}
	if !hasAll(d.Tags, f.tags) || !matchWords(d.Title, f.words) {
		return false
	}
	if f.license != "" && (d.License == nil || *d.License != f.license) {
		return false
	}
	if f.format != "" && !hasFormat(d, f.format) {
		return false
	}
	if r := f.restricted["archived"]; r != nil && *r != (d.Archived != nil) {
		return false
	}
	if r := f.restricted["deleted"]; r != nil && *r != (d.Deleted != nil) {
		return false
	}
	if r := f.restricted["private"]; r != nil && *r != d.Private {
		return false
	}
	return true
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
