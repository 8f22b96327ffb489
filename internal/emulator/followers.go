package emulator

import "net/http"

// getDatasetFollowers is udata's FollowAPI.get for datasets
// (/api/1/datasets/<id>/followers/): the dataset is looked up by slug or
// id with no permission check, so that it answers 200 for any dataset that
// exists, private or soft-deleted ones included, and 404 only for none.
// Nobody follows anything here: the page is always empty.
func (c *call) getDatasetFollowers() {
	c.s.mu.RLock()
	d := c.s.st.datasets[c.dsID]
	c.s.mu.RUnlock()
	if d == nil { // purged since the URL was resolved
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
		return
	}
	writeJSON(c.w, http.StatusOK, map[string]any{
		"data": []any{}, "page": 1, "page_size": 20, "total": 0, "next_page": nil, "previous_page": nil,
	})
}
