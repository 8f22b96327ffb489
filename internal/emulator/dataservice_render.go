package emulator

// The dataservice body udata renders (Dataservice.__read_fields__). The
// caller holds a lock.

func (c *call) renderDataservice(d *dataservice) map[string]any {
	st, cat := c.s.st, c.s.catalog()
	edit := st.ownedEdit(c.user, d.OrgID, d.OwnerID)
	contacts := []any{}
	for _, id := range d.ContactPoints {
		if cp := cat.contactPoints[id]; cp != nil {
			contacts = append(contacts, c.renderContactPoint(cp))
		}
	}
	audiences := []any{}
	for _, a := range d.AccessAudiences {
		audiences = append(audiences, map[string]any{"role": a.Role, "condition": a.Condition})
	}
	harvest := map[string]any{}
	for _, k := range []string{"archived_at", "archived_reason", "backend", "created_at", "domain", "issued_at",
		"last_update", "modified_at", "remote_id", "remote_url", "source_id", "source_url", "uri"} {
		harvest[k] = nil
	}
	link := d.Slug
	if link == "" {
		link = d.ID
	}
	body := map[string]any{
		"id": d.ID, "title": d.Title, "slug": d.Slug, "description": d.Description,
		"availability": d.Availability, "license": d.License, "tags": append([]string{}, d.Tags...),
		"private": d.Private, "extras": copyMap(d.Extras), "featured": nil, "badges": []any{},
		"contact_points": contacts, "access_type": d.AccessType, "access_audiences": audiences,
		"created_at": c.iso(d.CreatedAt), "metadata_modified_at": c.iso(d.ModifiedAt),
		"archived_at": c.isoPtr(d.ArchivedAt), "deleted_at": c.isoPtr(d.DeletedAt),
		"datasets": map[string]any{
			"href": c.base + "/api/1/datasets/?dataservice=" + d.ID, "rel": "subsection",
			"total": len(d.Datasets), "type": "GET",
		},
		"harvest": harvest,
		"metrics": map[string]any{"discussions": 0, "discussions_open": 0, "followers": 0,
			"followers_by_months": 0, "reuses": 0, "views": 0},
		"permissions":  map[string]bool{"delete": edit, "edit": edit},
		"organization": nil,
		"owner":        nil,
		"self_api_url": c.base + "/api/1/dataservices/" + link + "/",
		"self_web_url": c.base + "/dataservices/" + link,
	}
	for _, f := range dsvStringFields {
		body[f.name] = d.Strings[f.name]
	}
	if o := st.orgs[d.OrgID]; o != nil {
		body["organization"] = c.orgRef(o)
	}
	if u := st.userByID(d.OwnerID); u != nil {
		body["owner"] = c.userRef(u)
	}
	return body
}
