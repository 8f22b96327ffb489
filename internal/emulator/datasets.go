package emulator

import (
	"net/http"
	"strings"
)

// Datasets: udata's DatasetListAPI (POST) and DatasetAPI (v1), and the v2
// dataset read.

func (c *call) createDataset() {
	writeAfterReading(c, (*call).readForm, func(body map[string]any) {
		s := c.s
		t := c.s.Now()
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
		// A partial editor is assigned what they create for their organization
		// (udata's Assignment, made after the save): they may edit it from
		// their next request on.
		if d.OrgID != "" && s.st.orgRole(c.user, d.OrgID) == "partial_editor" {
			d.Assignees = []string{c.user.ID}
		}
	})
}

// applyDatasetForm runs the form on d and answers the error if any.
func (c *call) applyDatasetForm(d *dataset, body map[string]any, create bool) bool {
	orgBefore := d.OrgID
	out := c.s.st.datasetForm(c.user, d, body, create)
	switch {
	case out.crash:
		writeServerError(c.w)
	case out.msg != "":
		writeMessage(c.w, http.StatusBadRequest, out.msg)
	case len(out.errs) > 0 || out.emptyErrs:
		writeFormErrors(c.w, out.errs)
	case out.modelErrs != nil:
		writeModelError(c.w, out.modelErrs, out.modelMsg)
	default:
		if d.OrgID != orgBefore {
			d.Assignees = nil // udata drops assignments on a change of owner
		}
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

// resourceIn is the resource {rid} of d, the dataset a check let through
// (nil: the check answered); nil once the client has its answer.
func (c *call) resourceIn(d *dataset) *resource {
	if d == nil {
		return nil
	}
	_, r := d.resource(c.rid)
	if r == nil {
		writeMessage(c.w, http.StatusNotFound, msgNoResource)
	}
	return r
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
		writeJSON(c.w, http.StatusOK, c.renderDatasetV2(d))
	}
}

func (c *call) updateDataset() {
	// udata reads request.json before api.validate (a non-JSON body is a
	// 415), and calls request.json.get("deleted") first (not an object: a 500).
	writeAfterReading(c, (*call).readJSONObject, func(body map[string]any) {
		s := c.s
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
		d.touch(c.s.Now()) // every PUT bumps last_modified, even one that changes nothing
		*cur = d
		s.st.assignSlug(cur)
		writeJSON(c.w, http.StatusOK, c.renderDataset(cur, true))
	})
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
	t := d.touch(c.s.Now())
	d.Deleted = &t
	c.w.WriteHeader(http.StatusNoContent)
}
