package emulator

import (
	"net/http"
	"slices"
	"sort"
	"strings"
)

// Dataservices: udata's core/dataservices/api.py. Writes are PATCH (there
// is no PUT), absent fields are kept, and a soft-deleted dataservice is
// restored by a PATCH whose body holds "deleted_at": null.

const (
	msgDataserviceDeleted      = "Dataservice has been deleted"
	msgDataserviceDeletedWrite = "dataservice has been deleted" // the PATCH and DELETE views' spelling
)

// dataservice is the {dataservice} of the path, resolved by its converter.
// The caller holds a lock.
func (c *call) pathDataservice() *dataservice {
	return c.s.catalog().dataservices[c.catalogParam()]
}

// canReadDataservice is OwnableReadPermission.
func (c *call) canReadDataservice(d *dataservice) bool {
	if !d.Private && d.DeletedAt == nil {
		return true
	}
	return c.s.st.ownedRead(c.user, d.OrgID, d.OwnerID)
}

func (c *call) getDataservice() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.pathDataservice()
	if !c.canReadDataservice(d) {
		if !d.Private && d.DeletedAt != nil {
			writeMessage(c.w, http.StatusGone, msgDataserviceDeleted)
			return
		}
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
		return
	}
	writeJSON(c.w, http.StatusOK, c.renderDataservice(d))
}

func (c *call) createDataservice() {
	writeAfterReading(c, (*call).readModelBody, func(body modelBody) {
		d := &dataservice{AccessType: "open", Extras: map[string]any{}, Tags: []string{},
			ContactPoints: []string{}, Datasets: []string{}, AccessAudiences: []audience{}}
		typeErrs, fail := c.patchDataservice(d, body, true)
		if fail != nil {
			fail(c.w)
			return
		}
		if d.OwnerID == "" && d.OrgID == "" {
			d.OwnerID = c.user.ID
		}
		if d.AccessType != "restricted" {
			d.AccessAudiences = []audience{}
		}
		if fail := validateDataservice(d, typeErrs); fail != nil {
			fail(c.w)
			return
		}
		cat := c.s.catalog()
		d.ID = newObjectID()
		d.Slug = cat.dsvSlugs.assign(d.ID, "", d.Title)
		d.CreatedAt = c.s.Now()
		d.ModifiedAt = d.CreatedAt
		cat.dataservices[d.ID] = d
		writeJSON(c.w, http.StatusCreated, c.renderDataservice(d))
	})
}

func (c *call) updateDataservice() {
	writeAfterReading(c, (*call).readModelBody, func(body modelBody) {
		cur := c.pathDataservice()
		if restore, present := body.fields["deleted_at"]; cur.DeletedAt != nil && (!present || restore != nil) {
			writeMessage(c.w, http.StatusGone, msgDataserviceDeletedWrite)
			return
		}
		if !c.s.st.ownedEdit(c.user, cur.OrgID, cur.OwnerID) {
			writeMessage(c.w, http.StatusForbidden, msgForbidden)
			return
		}
		d := cur.clone()
		typeErrs, fail := c.patchDataservice(d, body, false)
		if fail != nil {
			fail(c.w)
			return
		}
		d.ModifiedAt = c.s.Now()
		if d.AccessType != "restricted" {
			d.AccessAudiences = []audience{}
		}
		if fail := validateDataservice(d, typeErrs); fail != nil {
			fail(c.w)
			return
		}
		d.Slug = c.s.catalog().dsvSlugs.assign(d.ID, cur.Slug, d.Title)
		*cur = *d
		writeJSON(c.w, http.StatusOK, c.renderDataservice(cur))
	})
}

func (c *call) deleteDataservice() {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.pathDataservice()
	if d.DeletedAt != nil {
		writeMessage(c.w, http.StatusGone, msgDataserviceDeletedWrite)
		return
	}
	if !c.s.st.ownedEdit(c.user, d.OrgID, d.OwnerID) {
		writeMessage(c.w, http.StatusForbidden, msgForbidden)
		return
	}
	t := c.s.Now()
	d.DeletedAt, d.ModifiedAt = &t, t
	c.w.WriteHeader(http.StatusNoContent)
}

// clone copies d deeply enough for a patch to be dropped on failure.
func (d *dataservice) clone() *dataservice {
	n := *d
	n.Strings = make(map[string]*string, len(d.Strings))
	for k, v := range d.Strings {
		n.Strings[k] = v
	}
	n.Tags = slices.Clone(d.Tags)
	n.Extras = copyMap(d.Extras)
	n.ContactPoints = slices.Clone(d.ContactPoints)
	n.Datasets = slices.Clone(d.Datasets)
	n.AccessAudiences = slices.Clone(d.AccessAudiences)
	return &n
}

// dataserviceSorts are the sort keys of Dataservice's index parser.
var dataserviceSorts = map[string]func(a, b *dataservice) int{
	"title":         func(a, b *dataservice) int { return strings.Compare(a.Title, b.Title) },
	"created":       func(a, b *dataservice) int { return a.CreatedAt.Compare(b.CreatedAt) },
	"last_modified": func(a, b *dataservice) int { return a.ModifiedAt.Compare(b.ModifiedAt) },
	"base_api_url": func(a, b *dataservice) int {
		return strings.Compare(derefOr(a.Strings["base_api_url"]), derefOr(b.Strings["base_api_url"]))
	},
	"followers": func(_, _ *dataservice) int { return 0 },
	"views":     func(_, _ *dataservice) int { return 0 },
}

func derefOr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// listDataservices is DataservicesAPI.get: what the caller may see (public,
// not archived, not deleted; plus everything they or their organizations
// own; everything for site admins), filtered, sorted (creation order by
// default) and paginated.
func (c *call) listDataservices() {
	q := parseQuery(c.r.URL.RawQuery)
	page, pageSize, ok := c.paginationArgs(q)
	if !ok {
		return
	}
	sortArg, _ := q.get("sort")
	sortFn := dataserviceSorts[strings.TrimPrefix(sortArg, "-")]
	if sortArg != "" && sortFn == nil {
		writeArgError(c.w, "sort", "The field (and direction) on which sorting apply The value '"+sortArg+"' is not a valid choice for 'sort'.")
		return
	}
	filters := map[string]string{}
	for _, k := range []string{"organization", "owner", "dataset", "contact_point"} {
		v, _ := q.get(k)
		if v != "" && !isObjectID(v) {
			writeMessage(c.w, http.StatusBadRequest, "`"+k+"` must be an identifier")
			return
		}
		filters[k] = v
	}
	tags := q.all("tag")
	words := strings.Fields(foldText(firstOr(q.all("q"))))

	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	st := c.s.st
	var hits []*dataservice
	for _, d := range c.s.catalog().dataservices {
		visible := !d.Private && d.ArchivedAt == nil && d.DeletedAt == nil
		owned := st.ownedRead(c.user, d.OrgID, d.OwnerID)
		switch {
		case !visible && !owned,
			filters["organization"] != "" && d.OrgID != filters["organization"],
			filters["owner"] != "" && d.OwnerID != filters["owner"],
			filters["dataset"] != "" && !slices.Contains(d.Datasets, filters["dataset"]),
			filters["contact_point"] != "" && !slices.Contains(d.ContactPoints, filters["contact_point"]),
			!hasAll(d.Tags, tags), !matchWords(d.Title, words):
			continue
		}
		hits = append(hits, d)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].ID < hits[j].ID }) // insertion order
	if sortFn != nil {
		desc := strings.HasPrefix(sortArg, "-")
		slices.SortStableFunc(hits, func(a, b *dataservice) int {
			if desc {
				return sortFn(b, a)
			}
			return sortFn(a, b)
		})
	}
	c.writePage(q, page, pageSize, len(hits), func(start, end int) []any {
		data := make([]any, 0, end-start)
		for _, d := range hits[start:end] {
			data = append(data, c.renderDataservice(d))
		}
		return data
	})
}

// purgeDeleted runs udata's purge-dataservices job: soft-deleted
// dataservices are deleted for good (their ids then answer 404). It
// returns their ids. The caller holds Server.mu (Purge does it all).
func (cat *catalog) purgeDeleted() []string {
	ids := []string{}
	for _, id := range sortedKeys(cat.dataservices) {
		if d := cat.dataservices[id]; d.DeletedAt != nil {
			delete(cat.dataservices, id)
			cat.dsvSlugs.forget(d.Slug)
			ids = append(ids, id)
		}
	}
	return ids
}
