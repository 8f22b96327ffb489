package emulator

import "encoding/json"

// The dataset body udata renders (dataset_fields under its default mask).

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
		DescriptionShort: d.DescriptionShort, CreatedAt: c.iso(d.CreatedAt),
		LastModified: c.iso(d.LastModified), Deleted: c.isoPtr(d.Deleted),
		Archived: c.isoPtr(d.Archived), Private: d.Private, Tags: append([]string{}, d.Tags...),
		Badges: []any{}, Frequency: "unknown", FrequencyDate: c.isoPtr(d.FrequencyDate),
		Extras: copyMap(d.Extras), License: "notspecified", AccessType: "open",
		AccessAudiences: []any{}, ContactPoints: []any{},
		URI:        c.base + "/api/1/datasets/" + linkID(d) + "/",
		Page:       c.base + "/datasets/" + linkID(d),
		LastUpdate: c.iso(d.lastUpdate()),
		Metrics: map[string]any{"discussions": 0, "discussions_open": 0, "followers": 0,
			"followers_by_months": 0, "reuses": 0, "reuses_by_months": 0,
			"dataservices": 0, "views": 0, "resources_downloads": 0},
		Internal: map[string]any{
			"created_at_internal":    c.iso(d.CreatedAt),
			"last_modified_internal": c.iso(d.LastModified),
		},
		Permissions: map[string]bool{"delete": edit, "edit": edit, "edit_resources": edit},
		Quality:     quality(d, c.started),
	}
	if d.Frequency != nil {
		b.Frequency = *d.Frequency
	}
	c.renderDatasetAccess(d, &b)
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
		if d.Spatial.Geom != nil {
			b.Spatial.Geom = d.Spatial.Geom
		}
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

// renderDatasetV2 is API v2's dataset: no schema, and links to the
// paginated resources and community resources instead of lists.
func (c *call) renderDatasetV2(d *dataset) map[string]any {
	var body map[string]any
	data, _ := json.Marshal(c.renderDataset(d, false))
	_ = json.Unmarshal(data, &body)
	delete(body, "schema")
	body["resources"] = map[string]any{
		"rel": "subsection", "type": "GET", "total": len(d.Resources),
		"href": c.base + "/api/2/datasets/" + d.ID + "/resources/?page=1&page_size=50",
	}
	body["community_resources"] = map[string]any{
		"rel": "subsection", "type": "GET", "total": 0,
		"href": c.base + "/api/1/datasets/community_resources/?dataset=" + d.ID + "&page=1&page_size=50",
	}
	return body
}

func linkID(d *dataset) string {
	if d.Slug != "" {
		return d.Slug
	}
	return d.ID
}
