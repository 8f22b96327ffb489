package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Resources: udata's ResourcesAPI, ResourceAPI, the r/{rid} permalink and
// the API v2 resource endpoints.

// resourceForm applies a body to r (a copy), like BaseResourceForm: form
// errors come back; the hosted-file fields of a file already uploaded are
// protected (changes ignored silently).
func resourceForm(r *resource, body map[string]any, create bool) fieldErrors {
	errs := fieldErrors{}
	has := func(k string) bool { _, ok := body[k]; return ok }
	protected := r.Filetype == "file" && (r.StoredPath != "" || r.URL != "")
	saved := *r

	if create || has("title") {
		errs.setRequired(body, "title", 350, &r.Title)
	}
	if has("description") {
		errs.setOptional(body, "description", 100000, &r.Description)
	}
	if has("filetype") {
		if s, ok := body["filetype"].(string); ok && (s == "file" || s == "remote") {
			r.Filetype = s
		} else {
			errs.add("filetype", msgNotValidChoice)
		}
	}
	if has("type") {
		if s, ok := body["type"].(string); ok && validResourceType(s) {
			r.Type = s
		} else {
			errs.add("type", msgNotValidChoice)
		}
	}
	if create || has("url") {
		s, e := optionalString(body["url"], 0)
		switch {
		case e != "":
			errs.add("url", e)
		case s == nil || strings.TrimSpace(*s) == "":
			errs.add("url", msgRequired)
		default:
			if u, msg := validateURL(*s); msg != "" {
				errs.add("url", msg)
			} else {
				r.URL = u
			}
		}
	}
	if has("format") {
		if s, e := optionalString(body["format"], 0); e != "" {
			errs.add("format", e)
		} else if s != nil {
			f := strings.ToLower(strings.TrimSpace(*s))
			r.Format = &f
			if f == "" {
				r.Format = nil
			}
		} else {
			r.Format = nil
		}
	}
	if has("mime") {
		errs.setOptional(body, "mime", 0, &r.Mime)
	}
	if has("filesize") {
		if n, e := intValue(body["filesize"]); e != "" {
			errs.add("filesize", e)
		} else {
			r.Filesize = n
		}
	}
	if has("checksum") {
		cs, sub := checksumValue(r.Checksum, body["checksum"])
		if sub != nil {
			errs["checksum"] = sub
		} else {
			r.Checksum = cs
		}
	}
	if has("schema") {
		sc, sub := resourceSchema(r.Schema, body["schema"])
		if sub != nil {
			errs["schema"] = sub
		} else {
			r.Schema = sc
		}
	}
	if has("extras") {
		if m, e := objectValue(body["extras"]); e != "" {
			errs.add("extras", e)
		} else {
			r.Extras = m
		}
	}
	if protected {
		r.Filetype, r.URL, r.StoredPath = saved.Filetype, saved.URL, saved.StoredPath
		r.Checksum, r.Filesize, r.Mime, r.Format = saved.Checksum, saved.Filesize, saved.Mime, saved.Format
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// editableDataset loads the dataset of a resource write and checks the
// edit_resources permission; a soft-deleted dataset does not block it. The
// caller holds the write lock.
func (c *call) editableDataset() *dataset {
	d := c.s.st.datasets[c.dsID]
	if d == nil {
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
		return nil
	}
	if !c.s.st.canEdit(c.user, d) {
		writeMessage(c.w, http.StatusForbidden, msgForbidden)
		return nil
	}
	return d
}

// editResources is the shape of every write to a dataset's resources:
// udata checks the permission (and check, what the URL names) before it
// reads the body, so a refused write never reads it; read reads the body
// (false: it answered); apply runs under the write lock, on the dataset
// looked up again, as it may have gone while the body was read.
func (c *call) editResources(check func(*dataset) bool, read func() bool, apply func(*dataset)) {
	c.s.mu.RLock()
	d := c.editableDataset()
	ok := d != nil && (check == nil || check(d))
	c.s.mu.RUnlock()
	if !ok || !read() {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if d = c.editableDataset(); d != nil {
		before := d.LastModified
		apply(d)
		// A resource written recomputes the quality (udata's
		// _atomic_resources_update) on the dataset as stored, whose
		// licence a non-open access type has cleared.
		if !d.LastModified.Equal(before) {
			d.ClearedLicense = false
		}
	}
}

func (c *call) createRemoteResource() {
	var r *resource
	c.editResources(nil, func() bool {
		body, ok := c.readForm()
		if !ok {
			return false
		}
		t := c.s.Now()
		r = &resource{ID: newUUID(), Filetype: "file", Type: "other", Extras: map[string]any{}, CreatedAt: t, LastModified: t}
		if errs := resourceForm(r, body, true); errs != nil {
			writeFormErrors(c.w, errs)
			return false
		}
		if r.Filetype != "remote" {
			writeMessage(c.w, http.StatusBadRequest, "This endpoint only supports remote resources")
			return false
		}
		return true
	}, func(d *dataset) {
		d.Resources = append([]*resource{r}, d.Resources...) // newest first
		r.LastModified = d.touch(c.s.Now())
		writeJSON(c.w, http.StatusCreated, c.renderResource(r))
	})
}

func (c *call) getResource() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if r := c.resourceIn(c.readableDataset()); r != nil {
		writeJSON(c.w, http.StatusOK, c.renderResource(r))
	}
}

func (c *call) updateResource() {
	var body map[string]any
	c.editResources(func(d *dataset) bool { return c.resourceIn(d) != nil }, func() bool {
		var ok bool
		body, ok = c.readForm()
		return ok
	}, func(d *dataset) {
		i, cur := d.resource(c.rid)
		if cur == nil {
			writeMessage(c.w, http.StatusNotFound, msgNoResource)
			return
		}
		r := *cur
		if errs := resourceForm(&r, body, false); errs != nil {
			writeFormErrors(c.w, errs)
			return
		}
		if ft, ok := body["filetype"].(string); ok && ft != "" && ft != cur.Filetype {
			writeMessage(c.w, http.StatusBadRequest, "Cannot modify filetype after creation")
			return
		}
		r.LastModified = d.touch(c.s.Now())
		d.Resources[i] = &r
		writeJSON(c.w, http.StatusOK, c.renderResource(&r))
	})
}

func (c *call) deleteResource() {
	c.s.mu.Lock()
	d := c.editableDataset()
	if d == nil {
		c.s.mu.Unlock()
		return
	}
	i, r := d.resource(c.rid)
	if r == nil {
		c.s.mu.Unlock()
		writeMessage(c.w, http.StatusNotFound, msgNoResource)
		return
	}
	d.Resources = append(append([]*resource{}, d.Resources[:i]...), d.Resources[i+1:]...)
	d.touch(c.s.Now())
	c.s.mu.Unlock()
	if r.StoredPath != "" { // hard delete: the stored file goes too
		removeStoredFiles(c.s.dataDir, []string{r.StoredPath})
	}
	c.w.WriteHeader(http.StatusNoContent)
}

// reorderResources takes the list of all resource ids (or objects with an
// id) in the wanted order. An object's other fields update that resource,
// like a resource PUT would. Neither the dataset's nor the resources'
// last_modified moves: udata saves the dataset without touching them.
func (c *call) reorderResources() {
	var list []any
	c.editResources(nil, func() bool {
		v, ok := c.readJSON()
		if !ok {
			return false
		}
		// udata takes len() of the payload and iterates it, whatever it is.
		switch x := v.(type) {
		case []any:
			list = x
		case map[string]any:
			for _, k := range sortedKeys(x) {
				list = append(list, k)
			}
		case string:
			for _, r := range x {
				list = append(list, string(r))
			}
		default:
			writeServerError(c.w)
			return false
		}
		return true
	}, func(d *dataset) { c.reorder(d, list) })
}

// reorder applies a reorder's list to d (the write lock is held).
func (c *call) reorder(d *dataset, list []any) {
	if len(list) != len(d.Resources) {
		writeMessage(c.w, http.StatusBadRequest, fmt.Sprintf("All resources must be reordered, you provided %d out of %d", len(list), len(d.Resources)))
		return
	}
	var ids []string
	for _, item := range list {
		if obj, ok := item.(map[string]any); ok {
			id, present := obj["id"]
			if !present {
				writeMessage(c.w, http.StatusBadRequest, "Each resource must have an 'id' field")
				return
			}
			item = id
		}
		s, _ := item.(string)
		ids = append(ids, s)
	}
	existing := map[string]*resource{}
	var names []string
	for _, r := range d.Resources {
		existing[r.ID] = r
		names = append(names, "'"+r.ID+"'")
	}
	seen := map[string]bool{}
	for _, id := range ids {
		seen[id] = true
	}
	sameSet := len(seen) == len(existing)
	for id := range seen {
		if existing[id] == nil {
			sameSet = false
		}
	}
	if !sameSet {
		sort.Strings(names) // udata prints a Python set: its order is random
		writeMessage(c.w, http.StatusBadRequest, "Resource ids must match existing ones in dataset, ie: {"+strings.Join(names, ", ")+"}")
		return
	}
	ordered := make([]*resource, 0, len(ids))
	var errs []any
	failed := false
	for i, id := range ids {
		r := existing[id]
		if obj, ok := list[i].(map[string]any); ok && len(obj) > 1 {
			fields := copyMap(obj)
			delete(fields, "id")
			cp := *r
			if e := resourceForm(&cp, fields, false); e != nil {
				errs, failed = append(errs, e), true
				continue
			}
			r = &cp
		}
		errs = append(errs, map[string]any{})
		ordered = append(ordered, r)
	}
	if failed {
		writeJSON(c.w, http.StatusBadRequest, map[string]any{"errors": errs})
		return
	}
	d.Resources = ordered
	out := make([]resourceBody, 0, len(ordered))
	for _, r := range ordered {
		out = append(out, c.renderResource(r))
	}
	writeJSON(c.w, http.StatusOK, out)
}

// redirectResource is the stable permalink: 302 to the resource's current
// url, for any dataset (udata checks no visibility here).
func (c *call) redirectResource() {
	c.s.mu.RLock()
	_, r := c.s.st.datasetByResource(c.rid)
	var loc string
	if r != nil {
		loc = c.resourceURL(r)
	}
	c.s.mu.RUnlock()
	if r == nil {
		writeMessage(c.w, http.StatusNotFound, "Resource not found")
		return
	}
	writeRedirect(c.w, http.StatusFound, strings.TrimSpace(loc))
}

// ---------------------------------------------------------------------------
// API v2

func (c *call) lookupResourceV2() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d, r := c.s.st.datasetByResource(c.rid)
	if d == nil {
		writeMessage(c.w, http.StatusNotFound, msgNoResource)
		return
	}
	c.dsID = d.ID
	if c.readableDataset() == nil {
		return
	}
	writeJSON(c.w, http.StatusOK, map[string]any{"resource": c.renderResource(r), "dataset_id": d.ID})
}

func (c *call) listResourcesV2() {
	q := parseQuery(c.r.URL.RawQuery)
	page, ok := c.positiveArg(q, "page", 1, "The page to fetch")
	if !ok {
		return
	}
	pageSize, ok := c.positiveArg(q, "page_size", 50, "The page size to fetch")
	if !ok {
		return
	}
	typ, _ := q.get("type")
	text, _ := q.get("q")
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.readableDataset()
	if d == nil {
		return
	}
	var hits []*resource
	for _, r := range d.Resources {
		if typ != "" && r.Type != typ {
			continue
		}
		if text != "" && !strings.Contains(strings.ToLower(r.Title), strings.ToLower(text)) {
			continue
		}
		hits = append(hits, r)
	}
	total := len(hits)
	start := min((page-1)*pageSize, total)
	end := min(start+pageSize, total)
	data := make([]resourceBody, 0, end-start)
	for _, r := range hits[start:end] {
		data = append(data, c.renderResource(r))
	}
	list := c.base + "/api/2/datasets/" + d.ID + "/resources/"
	suffix := ""
	if typ != "" {
		suffix += "&type=" + typ
	}
	if text != "" {
		suffix += "&q=" + text
	}
	var next, prev *string
	if page*pageSize < total {
		s := list + "?page=" + strconv.Itoa(page+1) + "&page_size=" + strconv.Itoa(pageSize) + suffix
		next = &s
	}
	if page > 1 {
		s := list + "?page=" + strconv.Itoa(page-1) + "&page_size=" + strconv.Itoa(pageSize) + suffix
		prev = &s
	}
	writeJSON(c.w, http.StatusOK, map[string]any{
		"data": data, "page": page, "page_size": pageSize, "total": total,
		"next_page": next, "previous_page": prev,
	})
}

// ---------------------------------------------------------------------------
// Rendering

// resourceBody is udata's resource_fields.
type resourceBody struct {
	ID           string         `json:"id"`
	Title        string         `json:"title"`
	Description  *string        `json:"description"`
	Filetype     string         `json:"filetype"`
	Type         string         `json:"type"`
	Format       *string        `json:"format"`
	URL          string         `json:"url"`
	Latest       string         `json:"latest"`
	Checksum     *checksum      `json:"checksum"`
	Filesize     *int64         `json:"filesize"`
	Mime         *string        `json:"mime"`
	CreatedAt    string         `json:"created_at"`
	LastModified string         `json:"last_modified"`
	Metrics      map[string]int `json:"metrics"`
	Harvest      any            `json:"harvest"`
	Extras       map[string]any `json:"extras"`
	PreviewURL   *string        `json:"preview_url"`
	Schema       any            `json:"schema"`
	Internal     map[string]any `json:"internal"`
	Success      *bool          `json:"success,omitempty"` // upload answers only
}

// resourceURL is a remote resource's url, or the public url of a hosted
// file on the host the client used.
func (c *call) resourceURL(r *resource) string {
	if r.StoredPath == "" {
		return r.URL
	}
	parts := strings.Split(r.StoredPath, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return c.base + "/s/resources/" + strings.Join(parts, "/")
}

func (c *call) renderResource(r *resource) resourceBody {
	b := resourceBody{
		ID: r.ID, Title: r.Title, Description: r.Description, Filetype: r.Filetype, Type: r.Type,
		Format: r.Format, URL: c.resourceURL(r), Latest: c.base + "/api/1/datasets/r/" + r.ID,
		Filesize: r.Filesize, Mime: r.Mime, CreatedAt: c.iso(r.CreatedAt),
		LastModified: c.iso(r.LastModified), Metrics: map[string]int{},
		Extras: copyMap(r.Extras),
		Internal: map[string]any{
			"created_at_internal":    c.iso(r.CreatedAt),
			"last_modified_internal": c.iso(r.LastModified),
		},
	}
	if r.Checksum != nil {
		cs := *r.Checksum
		b.Checksum = &cs
	}
	if r.Schema != nil {
		b.Schema = map[string]*string{"name": r.Schema["name"], "version": r.Schema["version"], "url": r.Schema["url"]}
	}
	return b
}
