package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Datasets: udata's DatasetListAPI and DatasetAPI (v1), DatasetForm rules,
// and the dataset body the API renders.

type timeValue struct{ t *time.Time }

// datasetForm applies a POST or PUT body to d (a copy of the stored dataset,
// or a fresh one), like DatasetForm.validate() then populate_obj():
//   - form errors come back as fieldErrors;
//   - an invalid frequency is a ValueError: a {"message"} 400 (msg);
//   - model errors (mongoengine validation) come back as modelErrs/modelMsg.
func (st *state) datasetForm(u *user, d *dataset, body map[string]any, create bool) (errs fieldErrors, msg string, modelErrs map[string]any, modelMsg string) {
	errs = fieldErrors{}
	has := func(k string) bool { _, ok := body[k]; return ok }

	if create || has("title") {
		errs.setRequired(body, "title", 350, &d.Title)
	}
	if has("acronym") {
		errs.setOptional(body, "acronym", 0, &d.Acronym)
	}
	if create || has("description") {
		errs.setRequired(body, "description", 100000, &d.Description)
	}
	if has("description_short") {
		errs.setOptional(body, "description_short", 200, &d.DescriptionShort)
	}
	if has("license") {
		// ModelSelectField(allow_blank=True): an unknown id is blank.
		d.License = nil
		if s, ok := body["license"].(string); ok && knownLicense(s) {
			d.License = &s
		}
	}
	if has("frequency") {
		switch v := body["frequency"].(type) {
		case nil:
			d.Frequency = nil
		case string:
			f := canonicalFrequency(v)
			if f == "" {
				return nil, pyRepr(v) + " is not a valid UpdateFrequency", nil, ""
			}
			d.Frequency = &f
		default:
			return nil, pyRepr(v) + " is not a valid UpdateFrequency", nil, ""
		}
	}
	if has("frequency_date") {
		if tv, e := dateTimeValue(body["frequency_date"]); e != "" {
			errs.add("frequency_date", e)
		} else {
			d.FrequencyDate = tv.t
		}
	}
	for _, k := range []string{"archived", "deleted"} {
		if !has(k) {
			continue
		}
		tv, e := dateTimeValue(body[k])
		if e != "" {
			errs.add(k, e)
			continue
		}
		if k == "archived" {
			d.Archived = tv.t
		} else {
			d.Deleted = tv.t
		}
	}
	// udata#2468: an absent temporal_coverage is cleared by every PUT.
	if tc, e := temporalCoverage(body["temporal_coverage"]); e != "" {
		errs.add("temporal_coverage", e)
	} else {
		d.TemporalCoverage = tc
	}
	if has("spatial") {
		if sc, sub := spatialValue(body["spatial"]); sub != nil {
			errs["spatial"] = sub
		} else {
			d.Spatial = sc
		}
	}
	// udata#2468: an absent tags list is emptied by every PUT.
	if tags, e := tagsValue(body["tags"]); e != "" {
		errs.add("tags", e)
	} else {
		d.Tags = tags
	}
	if has("private") {
		d.Private = boolValue(body["private"])
	}
	if has("organization") {
		st.organizationField(u, d, body["organization"], create, errs)
	}
	if has("extras") {
		if m, e := objectValue(body["extras"]); e != "" {
			errs.add("extras", e)
		} else {
			d.Extras = m
		}
	}
	if len(errs) > 0 {
		return errs, "", nil, ""
	}

	// Model validation, run on save.
	id := "None"
	if !create {
		id = d.ID
	}
	if d.Acronym != nil && len([]rune(*d.Acronym)) > 128 {
		return nil, "", map[string]any{"acronym": "String value is too long"},
			fmt.Sprintf("ValidationError (Dataset:%s) (String value is too long: ['acronym'])", id)
	}
	for k := range d.Extras {
		if strings.HasPrefix(k, "custom:") {
			m := "Dataset's organization did not define the requested custom metadata."
			if d.OrgID == "" {
				m = "Custom metadatas are only accessible to dataset owned by on organization."
			}
			return nil, "", map[string]any{}, m
		}
	}
	return nil, "", nil, ""
}

// organizationField is udata's PublishAsField: publish as an organization
// the caller is a member of; never move to another one (a transfer is
// needed), except for site admins.
func (st *state) organizationField(u *user, d *dataset, v any, create bool, errs fieldErrors) {
	if v == nil {
		if !create && d.OrgID != "" && !u.Sysadmin {
			errs.add("organization", "Cannot change owner after creation. Please use transfer feature.")
		}
		return
	}
	raw := v
	if m, ok := v.(map[string]any); ok {
		raw = m["id"]
	}
	id, ok := raw.(string)
	if !ok || !isObjectID(id) {
		errs.add("organization", fmt.Sprintf("Unsupported identifier: %v", raw))
		return
	}
	o := st.orgs[id]
	if o == nil {
		errs.add("organization", "Organization does not exists")
		return
	}
	if !create && d.OrgID != "" && d.OrgID != id && !u.Sysadmin {
		errs.add("organization", "Cannot change owner after creation. Please use transfer feature.")
		return
	}
	if !u.Sysadmin && st.orgRole(u, id) == "" {
		errs.add("organization", "Permission denied for this organization")
		return
	}
	d.OrgID, d.OwnerID = id, ""
}

// temporalCoverage is udata's DateRangeField: {"start", "end"} or
// "start - end"; times are cut to dates, start and end swapped if reversed.
func temporalCoverage(v any) (*dateRange, string) {
	var start, end any
	switch x := v.(type) {
	case nil:
		return nil, ""
	case string:
		if x == "" {
			return nil, ""
		}
		a, b, ok := strings.Cut(x, " - ")
		if !ok {
			return nil, "Unable to parse date range"
		}
		start, end = a, b
	case map[string]any:
		var ok bool
		if start, ok = x["start"]; !ok {
			return nil, "Unable to parse date range"
		}
		end = x["end"]
	default:
		return nil, "Unable to parse date range"
	}
	s, ok := start.(string)
	if !ok {
		return nil, "Date must be a string"
	}
	ds, ok := parseDate(s)
	if !ok {
		return nil, "Unknown string format: " + s
	}
	tc := &dateRange{Start: ds}
	if end != nil && end != "" {
		e, ok := end.(string)
		if !ok {
			return nil, "Date must be a string"
		}
		de, ok := parseDate(e)
		if !ok {
			return nil, "Unknown string format: " + e
		}
		tc.End = &de
		if tc.Start > de {
			tc.Start, *tc.End = de, tc.Start
		}
	}
	return tc, ""
}

// spatialValue is udata's SpatialCoverageForm.
func spatialValue(v any) (*spatialCoverage, fieldErrors) {
	m, ok := v.(map[string]any)
	if v == nil || (ok && len(m) == 0) {
		return nil, nil
	}
	errs := fieldErrors{}
	if !ok {
		errs.add("zones", "Not a valid spatial coverage")
		return nil, errs
	}
	sc := &spatialCoverage{Zones: []string{}}
	var ids []string
	switch z := m["zones"].(type) {
	case nil:
	case string:
		for _, id := range strings.Split(z, ",") {
			if id != "" {
				ids = append(ids, id)
			}
		}
	case []any:
		for _, item := range z {
			if obj, ok := item.(map[string]any); ok {
				item = obj["id"]
			}
			s, ok := item.(string)
			if !ok {
				errs.add("zones", fmt.Sprintf("Unsupported identifier: %v", item))
				return nil, errs
			}
			ids = append(ids, s)
		}
	default:
		errs.add("zones", "Not a valid list of zones")
		return nil, errs
	}
	var unknown []string
	for _, id := range ids {
		if geozones[id] {
			sc.Zones = append(sc.Zones, id)
		} else {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		errs.add("zones", "Unknown geoid(s): "+strings.Join(unknown, ", "))
	}
	g := "other"
	if gv, present := m["granularity"]; present && gv != nil {
		gs, ok := gv.(string)
		if !ok || !granularities[gs] {
			errs.add("granularity", msgNotValidChoice)
		} else {
			g = gs
		}
	}
	sc.Granularity = &g
	if len(errs) > 0 {
		return nil, errs
	}
	return sc, nil
}

// tagsValue is udata's TagField then TagListField: a one-element list (or a
// string) is split on commas, each tag slugified and checked for length,
// then stored de-duplicated and sorted.
func tagsValue(v any) ([]string, string) {
	var tags []string
	switch x := v.(type) {
	case nil:
	case string:
		tags = splitTags(x)
	case []any:
		if len(x) == 1 {
			s, ok := x[0].(string)
			if !ok {
				return nil, msgNotString
			}
			tags = splitTags(s)
			break
		}
		for _, item := range x {
			s, ok := item.(string)
			if !ok {
				return nil, msgNotString
			}
			tags = append(tags, tagSlug(s))
		}
	default:
		return nil, msgNotString
	}
	set := map[string]bool{}
	for _, t := range tags {
		if n := len([]rune(t)); n < 3 || n > 96 {
			return nil, fmt.Sprintf("Tag \"%s\" must be between 3 and 96 characters long.", t)
		}
		set[t] = true
	}
	return sortedKeys(set), ""
}

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if strings.TrimSpace(t) != "" {
			out = append(out, tagSlug(t))
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Handlers

func (c *call) createDataset() {
	body, ok := c.readForm()
	if !ok {
		return
	}
	s := c.s
	s.mu.Lock()
	defer s.mu.Unlock()
	t := now()
	d := &dataset{
		ID: newObjectID(), OwnerID: c.user.ID, Tags: []string{}, Extras: map[string]any{},
		CreatedAt: t, LastModified: t, Resources: []*resource{},
	}
	if !c.applyDatasetForm(d, body, true) {
		return
	}
	s.st.datasets[d.ID] = d
	s.st.assignSlug(d)
	writeJSON(c.w, http.StatusCreated, c.renderDataset(d, true))
}

// applyDatasetForm runs the form on d and answers the error if any.
func (c *call) applyDatasetForm(d *dataset, body map[string]any, create bool) bool {
	errs, msg, modelErrs, modelMsg := c.s.st.datasetForm(c.user, d, body, create)
	switch {
	case msg != "":
		writeMessage(c.w, http.StatusBadRequest, msg)
	case errs != nil:
		writeFormErrors(c.w, errs)
	case modelErrs != nil:
		writeModelError(c.w, modelErrs, modelMsg)
	default:
		return true
	}
	return false
}

// readableDataset applies the read rules of every GET on a dataset or its
// resources: private → 404 to non-editors, soft-deleted → 410 (404 when also
// private). The caller holds the read lock.
func (c *call) readableDataset() *dataset {
	d := c.s.st.datasets[c.dsID]
	if d == nil { // purged since the URL was resolved
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
		return nil
	}
	if !c.s.st.canRead(c.user, d) {
		if !d.Private && d.Deleted != nil {
			writeMessage(c.w, http.StatusGone, msgDatasetDeleted)
		} else {
			writeMessage(c.w, http.StatusNotFound, msgNotFound)
		}
		return nil
	}
	return d
}

func (c *call) getDataset() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if d := c.readableDataset(); d != nil {
		writeJSON(c.w, http.StatusOK, c.renderDataset(d, true))
	}
}

func (c *call) getDatasetV2() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if d := c.readableDataset(); d != nil {
		body := c.renderDataset(d, false)
		body.Resources = map[string]any{
			"rel": "subsection", "type": "GET", "total": len(d.Resources),
			"href": c.base + "/api/2/datasets/" + d.ID + "/resources/?page=1&page_size=50",
		}
		writeJSON(c.w, http.StatusOK, body)
	}
}

func (c *call) updateDataset() {
	// udata reads request.json before api.validate: a non-JSON body is a 415.
	v, ok := c.readJSON()
	if !ok {
		return
	}
	body, isObj := v.(map[string]any)
	if !isObj {
		writeJSON(c.w, http.StatusBadRequest, map[string]any{"errors": map[string]string{"request": "expecting a JSON object"}})
		return
	}
	s := c.s
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.st.datasets[c.dsID]
	if cur == nil {
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
		return
	}
	// Only a restore ("deleted": null) may touch a soft-deleted dataset.
	if del, present := body["deleted"]; cur.Deleted != nil && (!present || del != nil) {
		writeMessage(c.w, http.StatusGone, msgDatasetDeleted)
		return
	}
	if !s.st.canEdit(c.user, cur) {
		writeMessage(c.w, http.StatusForbidden, msgForbidden)
		return
	}
	if !strings.Contains(c.r.Header.Get("Content-Type"), "application/json") {
		writeJSON(c.w, http.StatusBadRequest, map[string]any{"errors": map[string]string{"Content-Type": "expecting application/json"}})
		return
	}
	d := *cur
	if !c.applyDatasetForm(&d, body, false) {
		return
	}
	d.touch() // every PUT bumps last_modified, even one that changes nothing
	*cur = d
	s.st.assignSlug(cur)
	writeJSON(c.w, http.StatusOK, c.renderDataset(cur, true))
}

func (c *call) deleteDataset() {
	s := c.s
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.st.datasets[c.dsID]
	if d == nil {
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
		return
	}
	if d.Deleted != nil {
		writeMessage(c.w, http.StatusGone, msgDatasetDeleted)
		return
	}
	if !s.st.canEdit(c.user, d) {
		writeMessage(c.w, http.StatusForbidden, msgForbidden)
		return
	}
	t := d.touch()
	d.Deleted = &t
	c.w.WriteHeader(http.StatusNoContent)
}

// ---------------------------------------------------------------------------
// Listing

// queryArgs keeps the query string's order, for next/previous page URLs.
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
	vals := url.Values{}
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
		vals = url.Values{a.k: {v}}
		b.WriteString(vals.Encode())
	}
	if !done {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString("page=" + strconv.Itoa(page))
	}
	return b.String()
}

// positiveArg is flask-restx's inputs.positive on a query argument.
func (c *call) positiveArg(q queryArgs, name string, def int, help string) (int, bool) {
	v, ok := q.get(name)
	if !ok || v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		writeArgError(c.w, name, help+" invalid literal for int() with base 10: "+pyRepr(v))
		return 0, false
	}
	if n < 1 {
		writeArgError(c.w, name, fmt.Sprintf("%s Invalid argument: %d. argument must be strictly positive", help, n))
		return 0, false
	}
	return n, true
}

// boolArg is flask-restx's inputs.boolean; present says the filter is set.
func (c *call) boolArg(q queryArgs, name string) (val, present, ok bool) {
	v, has := q.get(name)
	if !has || v == "" {
		return false, false, true
	}
	switch strings.ToLower(v) {
	case "true", "1", "on", "yes":
		return true, true, true
	case "false", "0", "off", "no":
		return false, true, true
	}
	writeArgError(c.w, name, "Invalid literal for boolean(): "+v)
	return false, false, false
}

var datasetSorts = map[string]bool{"title": true, "created": true, "last_update": true, "reuses": true, "followers": true, "views": true}

func (c *call) listDatasets() {
	q := parseQuery(c.r.URL.RawQuery)
	page, ok := c.positiveArg(q, "page", 1, "The page to fetch")
	if !ok {
		return
	}
	pageSize, ok := c.positiveArg(q, "page_size", 20, "The page size to fetch")
	if !ok {
		return
	}
	sortArg, _ := q.get("sort")
	if sortArg != "" && !datasetSorts[strings.TrimPrefix(sortArg, "-")] {
		writeArgError(c.w, "sort", "The field (and direction) on which sorting apply The value '"+sortArg+"' is not a valid choice for 'sort'.")
		return
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
	restricted := map[string]*bool{}
	for _, name := range []string{"archived", "deleted", "private"} {
		v, present, ok := c.boolArg(q, name)
		if !ok {
			return
		}
		if present {
			if c.user == nil {
				writeMessage(c.w, http.StatusUnauthorized, msgUnauthorized)
				return
			}
			restricted[name] = &v
		}
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
		if !visible && !(c.user != nil && (c.user.Sysadmin || st.ownedBy(c.user, d))) {
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

// ---------------------------------------------------------------------------
// Rendering

type temporalBody struct {
	Start string  `json:"start"`
	End   *string `json:"end"`
}

type spatialBody struct {
	Geom        any      `json:"geom"`
	Zones       []string `json:"zones"`
	Granularity string   `json:"granularity"`
}

// datasetBody is udata's dataset_fields under its default mask.
type datasetBody struct {
	ID                       string          `json:"id"`
	Title                    string          `json:"title"`
	Acronym                  *string         `json:"acronym"`
	Slug                     string          `json:"slug"`
	Description              string          `json:"description"`
	DescriptionShort         *string         `json:"description_short"`
	CreatedAt                string          `json:"created_at"`
	LastModified             string          `json:"last_modified"`
	Deleted                  *string         `json:"deleted"`
	Archived                 *string         `json:"archived"`
	Featured                 bool            `json:"featured"`
	Private                  bool            `json:"private"`
	Tags                     []string        `json:"tags"`
	Badges                   []any           `json:"badges"`
	Resources                any             `json:"resources"`
	Frequency                string          `json:"frequency"`
	FrequencyDate            *string         `json:"frequency_date"`
	Extras                   map[string]any  `json:"extras"`
	Harvest                  any             `json:"harvest"`
	Metrics                  map[string]any  `json:"metrics"`
	Organization             map[string]any  `json:"organization"`
	Owner                    map[string]any  `json:"owner"`
	Schema                   any             `json:"schema"`
	TemporalCoverage         *temporalBody   `json:"temporal_coverage"`
	Spatial                  *spatialBody    `json:"spatial"`
	License                  string          `json:"license"`
	AccessType               string          `json:"access_type"`
	AccessAudiences          []any           `json:"access_audiences"`
	AuthorizationRequestURL  *string         `json:"authorization_request_url"`
	AccessTypeReasonCategory *string         `json:"access_type_reason_category"`
	AccessTypeReason         *string         `json:"access_type_reason"`
	URI                      string          `json:"uri"`
	Page                     string          `json:"page"`
	LastUpdate               string          `json:"last_update"`
	Quality                  map[string]any  `json:"quality"`
	Internal                 map[string]any  `json:"internal"`
	ContactPoints            []any           `json:"contact_points"`
	Permissions              map[string]bool `json:"permissions"`
}

// renderDataset builds the body of a dataset. The caller holds a lock.
func (c *call) renderDataset(d *dataset, withResources bool) datasetBody {
	st := c.s.st
	edit := st.canEdit(c.user, d)
	b := datasetBody{
		ID: d.ID, Title: d.Title, Acronym: d.Acronym, Slug: d.Slug, Description: d.Description,
		DescriptionShort: d.DescriptionShort, CreatedAt: isoTime(d.CreatedAt),
		LastModified: isoTime(d.LastModified), Deleted: isoTimePtr(d.Deleted),
		Archived: isoTimePtr(d.Archived), Private: d.Private, Tags: append([]string{}, d.Tags...),
		Badges: []any{}, Frequency: "unknown", FrequencyDate: isoTimePtr(d.FrequencyDate),
		Extras: copyMap(d.Extras), License: "notspecified", AccessType: "open",
		AccessAudiences: []any{}, ContactPoints: []any{},
		URI:        c.base + "/api/1/datasets/" + linkID(d) + "/",
		Page:       c.base + "/datasets/" + linkID(d),
		LastUpdate: isoTime(d.lastUpdate()),
		Metrics: map[string]any{"discussions": 0, "discussions_open": 0, "followers": 0,
			"followers_by_months": map[string]int{}, "reuses": 0, "reuses_by_months": map[string]int{},
			"dataservices": 0, "views": 0, "resources_downloads": 0},
		Internal: map[string]any{
			"created_at_internal":    isoTime(d.CreatedAt),
			"last_modified_internal": isoTime(d.LastModified),
		},
		Permissions: map[string]bool{"delete": edit, "edit": edit, "edit_resources": edit},
		Quality:     quality(d),
	}
	if d.Frequency != nil {
		b.Frequency = *d.Frequency
	}
	if d.License != nil {
		b.License = *d.License
	}
	if d.OrgID != "" {
		if o := st.orgs[d.OrgID]; o != nil {
			b.Organization = c.orgRef(o)
		}
	} else if u := st.userByID(d.OwnerID); u != nil {
		b.Owner = c.userRef(u)
	}
	if d.TemporalCoverage != nil {
		b.TemporalCoverage = &temporalBody{Start: d.TemporalCoverage.Start, End: d.TemporalCoverage.End}
	}
	if d.Spatial != nil {
		g := "other"
		if d.Spatial.Granularity != nil {
			g = *d.Spatial.Granularity
		}
		b.Spatial = &spatialBody{Zones: append([]string{}, d.Spatial.Zones...), Granularity: g}
	}
	if withResources {
		res := make([]resourceBody, 0, len(d.Resources))
		for _, r := range d.Resources {
			res = append(res, c.renderResource(r))
		}
		b.Resources = res
	}
	return b
}

func linkID(d *dataset) string {
	if d.Slug != "" {
		return d.Slug
	}
	return d.ID
}

// quality is a rough rendition of udata's quality score: which
// recommendations the dataset follows.
func quality(d *dataset) map[string]any {
	q := map[string]any{
		"license":                     d.License != nil,
		"temporal_coverage":           d.TemporalCoverage != nil,
		"spatial":                     d.Spatial != nil,
		"update_frequency":            d.Frequency != nil && *d.Frequency != "unknown",
		"dataset_description_quality": len([]rune(d.Description)) >= 100,
		"has_resources":               len(d.Resources) > 0,
		"has_open_format":             false,
		"all_resources_available":     true,
		"resources_documentation":     false,
		"update_fulfilled_in_time":    true,
	}
	for _, r := range d.Resources {
		if r.Format != nil && !map[string]bool{"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true}[*r.Format] {
			q["has_open_format"] = true
		}
		if r.Description != nil || r.Type == "documentation" {
			q["resources_documentation"] = true
		}
	}
	score := 0
	for _, k := range []string{"license", "temporal_coverage", "spatial", "update_frequency", "dataset_description_quality", "has_resources", "has_open_format", "resources_documentation"} {
		if q[k] == true {
			score++
		}
	}
	q["score"] = float64(score) / 8
	return q
}
