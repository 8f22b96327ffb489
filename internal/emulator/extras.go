package emulator

import "net/http"

// API v2's extras endpoints, for datasets and resources: read, merge (a
// null value removes a key) and delete some keys, leaving the others.
// Neither write moves last_modified.

// v2Payload reads the body these endpoints expect: a JSON object for PUT,
// a list of keys for DELETE.
func (c *call) v2Payload(wantList bool) (map[string]any, []any, bool) {
	v, ok := c.readJSON()
	if !ok {
		return nil, nil, false
	}
	if wantList {
		if l, ok := v.([]any); ok {
			return nil, l, true
		}
		writeMessage(c.w, http.StatusBadRequest, "Wrong payload format, list expected")
		return nil, nil, false
	}
	if m, ok := v.(map[string]any); ok {
		return m, nil, true
	}
	writeMessage(c.w, http.StatusBadRequest, "Wrong payload format, dict expected")
	return nil, nil, false
}

// editableForExtras loads the dataset of an extras write: 410 when
// soft-deleted, 403 without the right. The caller holds the write lock.
func (c *call) editableForExtras() *dataset {
	d := c.s.st.datasets[c.dsID]
	switch {
	case d == nil:
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
	case d.Deleted != nil:
		writeMessage(c.w, http.StatusGone, msgDatasetDeleted)
	case !c.s.st.canEdit(c.user, d):
		writeMessage(c.w, http.StatusForbidden, msgForbidden)
	default:
		return d
	}
	return nil
}

// mergeExtras is what both PUTs do: null values remove keys, the others
// are set.
func mergeExtras(cur, body map[string]any) map[string]any {
	out := copyMap(cur)
	for k, v := range body {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

func (c *call) getDatasetExtrasV2() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if d := c.readableDataset(); d != nil {
		writeJSON(c.w, http.StatusOK, copyMap(d.Extras))
	}
}

// updateDatasetExtrasV2 saves the whole dataset, so the model's checks on
// extras run (keys, custom metadata) and answer as validation errors.
func (c *call) updateDatasetExtrasV2() {
	body, _, ok := c.v2Payload(false)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.editableForExtras()
	if d == nil {
		return
	}
	next := *d
	next.Extras = mergeExtras(d.Extras, body)
	if e := extrasKeysError(next.Extras); e != "" {
		writeModelError(c.w, map[string]any{"extras": e}, "ValidationError (Dataset:"+d.ID+") ("+e+": ['extras'])")
		return
	}
	if out := datasetModelCheck(&next, false); !out.ok() {
		writeModelError(c.w, out.modelErrs, out.modelMsg)
		return
	}
	d.Extras = next.Extras
	writeJSON(c.w, http.StatusOK, copyMap(d.Extras))
}

// deleteDatasetExtrasV2 removes the listed keys; unknown ones are ignored.
func (c *call) deleteDatasetExtrasV2() {
	_, keys, ok := c.v2Payload(true)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.editableForExtras()
	if d == nil {
		return
	}
	extras := copyMap(d.Extras)
	for _, k := range keys {
		if s, ok := k.(string); ok {
			delete(extras, s)
		}
	}
	d.Extras = extras
	c.w.WriteHeader(http.StatusNoContent)
}

func (c *call) getResourceExtrasV2() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.readableDataset()
	if d == nil {
		return
	}
	if _, r := d.resource(c.rid); r != nil {
		writeJSON(c.w, http.StatusOK, copyMap(r.Extras))
		return
	}
	writeMessage(c.w, http.StatusNotFound, msgNoResource)
}

// resourceForExtras finds the resource of an extras write, after the
// dataset's checks. The caller holds the write lock.
func (c *call) resourceForExtras() *resource {
	d := c.editableForExtras()
	if d == nil {
		return nil
	}
	_, r := d.resource(c.rid)
	if r == nil {
		writeMessage(c.w, http.StatusNotFound, msgNoResource)
	}
	return r
}

// updateResourceExtrasV2 checks the extras alone (Resource.extras.validate),
// whose failure carries no field errors.
func (c *call) updateResourceExtrasV2() {
	body, _, ok := c.v2Payload(false)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	r := c.resourceForExtras()
	if r == nil {
		return
	}
	extras := mergeExtras(r.Extras, body)
	if e := extrasKeysError(extras); e != "" {
		writeModelError(c.w, map[string]any{}, e)
		return
	}
	r.Extras = extras
	writeJSON(c.w, http.StatusOK, copyMap(extras))
}

// deleteResourceExtrasV2 removes the listed keys; an unknown one is a 404
// and nothing is saved.
func (c *call) deleteResourceExtrasV2() {
	_, keys, ok := c.v2Payload(true)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	r := c.resourceForExtras()
	if r == nil {
		return
	}
	extras := copyMap(r.Extras)
	for _, k := range keys {
		s, isStr := k.(string)
		if _, present := extras[s]; !isStr || !present {
			writeMessage(c.w, http.StatusNotFound, "Key not found in existing extras")
			return
		}
		delete(extras, s)
	}
	r.Extras = extras
	c.w.WriteHeader(http.StatusNoContent)
}
