package emulator

import (
	"net/http"
	"slices"
)

// Resource schemas. The emulator, like a udata without SCHEMA_CATALOG_URL,
// has no schema catalogue: the catalogue is empty, and a resource's schema
// name and version are then not checked against it (see resourceSchema).

func (c *call) getSchemaCatalogue() { writeJSON(c.w, http.StatusOK, []any{}) }

func (c *call) getDatasetSchemasV2() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if d := c.readableDataset(); d != nil {
		writeJSON(c.w, http.StatusOK, schemasOf(d))
	}
}

// schemasOf lists the distinct schemas a dataset's resources follow
// (GET /api/2/datasets/{id}/schemas/), in first-seen order.
func schemasOf(d *dataset) []map[string]*string {
	out := []map[string]*string{}
	var seen []string
	for _, r := range d.Resources {
		if r.Schema == nil {
			continue
		}
		key := strOr(r.Schema["url"]) + "\x00" + strOr(r.Schema["name"]) + "\x00" + strOr(r.Schema["version"])
		if slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		out = append(out, map[string]*string{"name": r.Schema["name"], "version": r.Schema["version"], "url": r.Schema["url"]})
	}
	return out
}

func strOr(p *string) string {
	if p == nil {
		return "\x01"
	}
	return *p
}
