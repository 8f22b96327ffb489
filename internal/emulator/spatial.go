package emulator

import (
	"net/http"
	"net/url"
	"strings"
)

// Spatial reference data: udata's levels and granularities, and a few
// geographic zones (udata loads tens of thousands from its geozones
// export; these are the ones the tests and examples name). A dataset's
// spatial coverage is checked against them (dataset_form.go), and the
// provider checks a plan against the same endpoints.

type spatialChoice struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// spatialLevels are udata's GeoLevels, in its order
// (GET /api/1/spatial/levels/).
var spatialLevels = []spatialChoice{
	{"country-group", "Country group"}, {"country", "Country"}, {"country-subset", "Country subset"},
	{"fr:region", "French region"}, {"fr:departement", "French county"},
	{"fr:collectivite", "French overseas collectivities"}, {"fr:epci", "French intermunicipal (EPCI)"},
	{"fr:arrondissement", "French arrondissement"}, {"fr:commune", "French town"},
	{"fr:canton", "French canton"}, {"fr:iris", "Iris (Insee districts)"},
}

// spatialGranularities are the levels plus udata's two extra granularities
// (GET /api/1/spatial/granularities/); "other" is the default.
var spatialGranularities = append(append([]spatialChoice{}, spatialLevels...),
	spatialChoice{"poi", "POI"}, spatialChoice{"other", "Other"})

// zones are the zones the emulator knows, by id (<level>:<code>): their
// name and slug.
var zones = map[string][2]string{
	"country:fr": {"France", "France"}, "country-group:world": {"World", "World"},
	"country-group:ue":        {"European Union", "European-Union"},
	"country-subset:fr:metro": {"Metropolitan France", "Metropolitan-France"}, "country-subset:fr:drom": {"DROM", "DROM"},
	"fr:region:11": {"Île-de-France", "Ile-de-France"}, "fr:region:84": {"Auvergne-Rhône-Alpes", "Auvergne-Rhone-Alpes"},
	"fr:departement:75": {"Paris", "Paris"}, "fr:departement:69": {"Rhône", "Rhone"},
	"fr:commune:75056": {"Paris", "Paris"}, "fr:commune:69123": {"Lyon", "Lyon"},
}

var granularities = func() map[string]bool {
	m := map[string]bool{}
	for _, g := range spatialGranularities {
		m[g.ID] = true
	}
	return m
}()

// geozones are the zone ids udata would resolve.
var geozones = func() map[string]bool {
	m := map[string]bool{}
	for id := range zones {
		m[id] = true
	}
	return m
}()

func (c *call) getSpatialLevels()        { writeJSON(c.w, http.StatusOK, spatialLevels) }
func (c *call) getSpatialGranularities() { writeJSON(c.w, http.StatusOK, spatialGranularities) }

// getSpatialZone answers GET /api/1/spatial/zone/{id}/: the zone as a
// GeoJSON feature (without its geometry), or udata's 404.
func (c *call) getSpatialZone() {
	id, err := url.PathUnescape(c.params[0])
	if err != nil {
		id = c.params[0]
	}
	zone, ok := zones[id]
	if !ok {
		writeMessage(c.w, http.StatusNotFound, msgNotFound)
		return
	}
	level, code := id[:strings.LastIndex(id, ":")], id[strings.LastIndex(id, ":")+1:]
	writeJSON(c.w, http.StatusOK, map[string]any{
		"id": id, "type": "Feature",
		"properties": map[string]any{"code": code, "level": level, "name": zone[0], "slug": zone[1], "uri": nil},
	})
}
