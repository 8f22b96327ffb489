package emulator

import "net/http"

// API v2's extras endpoints, for datasets and resources: read, merge (a
// null value removes a key) and delete some keys, leaving the others.
// Neither write moves last_modified.

// v2Object reads the body of these PUTs: a JSON object.
func (c *call) v2Object() (map[string]any, bool) {
	v, ok := c.readJSON()
	if !ok {
		return nil, false
	}
	if m, ok := v.(map[string]any); ok {
		return m, true
	}
	writeMessage(c.w, http.StatusBadRequest, "Wrong payload format, dict expected")
	return nil, false
}

// v2Keys reads the body of these DELETEs: a list of keys.
func (c *call) v2Keys() ([]any, bool) {
	v, ok := c.readJSON()
	if !ok {
		return nil, false
	}
	if l, ok := v.([]any); ok {
		return l, true
	}
	writeMessage(c.w, http.StatusBadRequest, "Wrong payload format, list expected")
	return nil, false
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
	writeAfterReading(c, (*call).v2Object, func(body map[string]any) {
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
	})
}

// deleteDatasetExtrasV2 removes the listed keys; unknown ones are ignored.
func (c *call) deleteDatasetExtrasV2() {
	writeAfterReading(c, (*call).v2Keys, func(keys []any) {
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
	})
}

func (c *call) getResourceExtrasV2() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if r := c.resourceIn(c.readableDataset()); r != nil {
		writeJSON(c.w, http.StatusOK, copyMap(r.Extras))
	}
}

// updateResourceExtrasV2 checks the extras alone (Resource.extras.validate),
// whose failure carries no field errors.
func (c *call) updateResourceExtrasV2() {
	writeAfterReading(c, (*call).v2Object, func(body map[string]any) {
		r := c.resourceIn(c.editableForExtras())
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
	})
}

// deleteResourceExtrasV2 removes the listed keys; an unknown one is a 404
// and nothing is saved.
func (c *call) deleteResourceExtrasV2() {
	writeAfterReading(c, (*call).v2Keys, func(keys []any) {
		r := c.resourceIn(c.editableForExtras())
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
	})
}
