package client

import (
	"bytes"
	"encoding/json"
)

// The structs in this file mirror udata's JSON payloads (API v1). Read
// structs carry what the server answers; *Input structs carry what the
// client writes. Optional values are pointers so that "absent" (nil) and
// "empty" can be told apart when reading, and so that a PUT sends an explicit
// null to clear a field (udata keeps absent fields, clears null ones).

// Dataset is a dataset as udata returns it.
type Dataset struct {
	ID               string            `json:"id"`
	Title            string            `json:"title"`
	Description      string            `json:"description"`
	DescriptionShort *string           `json:"description_short"`
	Acronym          *string           `json:"acronym"`
	Slug             string            `json:"slug"`
	URI              string            `json:"uri"`
	Page             string            `json:"page"`
	Tags             []string          `json:"tags"`
	License          string            `json:"license"`
	Frequency        string            `json:"frequency"`
	FrequencyDate    *string           `json:"frequency_date"`
	TemporalCoverage *TemporalCoverage `json:"temporal_coverage"`
	Spatial          *Spatial          `json:"spatial"`
	Private          bool              `json:"private"`
	Organization     *OrganizationRef  `json:"organization"`
	Owner            *UserRef          `json:"owner"`
	Extras           map[string]any    `json:"extras"`
	Archived         *string           `json:"archived"`
	Deleted          *string           `json:"deleted"`
	CreatedAt        string            `json:"created_at"`
	LastModified     string            `json:"last_modified"`
	LastUpdate       *string           `json:"last_update"`
	Resources        []Resource        `json:"resources"`
	ContactPoints    []ContactPoint    `json:"contact_points"`
	Quality          *Quality          `json:"quality"`
	AccessRules
}

// DatasetInput is the body of a dataset POST or PUT. Every field the
// provider manages is always sent: udata's PUT clears tags and temporal
// coverage when they are absent (opendatateam/udata#2468), and a nil pointer
// here is sent as an explicit null, which clears the field on the server.
type DatasetInput struct {
	Title            string            `json:"title"`
	Description      string            `json:"description"`
	DescriptionShort *string           `json:"description_short"`
	Acronym          *string           `json:"acronym"`
	Tags             []string          `json:"tags"`
	License          *string           `json:"license"`
	Frequency        *string           `json:"frequency"`
	FrequencyDate    *string           `json:"frequency_date"`
	TemporalCoverage *TemporalCoverage `json:"temporal_coverage"`
	// Spatial nil is sent as null, which udata reads as "unchanged": to
	// clear a coverage, send a SpatialInput without zones.
	Spatial *SpatialInput `json:"spatial"`
	Private bool          `json:"private"`
	// Organization is sent on create only: udata refuses to change it by PUT.
	Organization string `json:"organization,omitempty"`
	// Extras, when non-nil, replaces the dataset's whole extras object;
	// nil leaves the server's extras as they are. Writing a few keys
	// without touching the others is Datasets.UpdateExtras.
	Extras   map[string]any `json:"extras,omitempty"`
	Archived *string        `json:"archived"`
	// ContactPoints are contact point ids of the dataset's organization
	// (or owner). udata keeps the stored ones for an empty list and clears
	// them for null: nil is sent as null.
	ContactPoints []string `json:"contact_points"`
	// AccessRules: udata keeps the stored audiences for an empty list (and
	// refuses null), and clears the licence when access is not open.
	AccessRules
}

// TemporalCoverage is a date range; End may be nil (open-ended).
type TemporalCoverage struct {
	Start string  `json:"start"`
	End   *string `json:"end"`
}

// Spatial is a dataset's spatial coverage as udata answers it.
type Spatial struct {
	Zones       []string        `json:"zones,omitempty"`
	Granularity *string         `json:"granularity,omitempty"`
	Geom        json.RawMessage `json:"geom,omitempty"` // a GeoJSON MultiPolygon, or null
}

// HasGeom tells whether the coverage has a geometry.
func (s *Spatial) HasGeom() bool {
	g := bytes.TrimSpace(s.Geom)
	return len(g) > 0 && string(g) != "null"
}

// SpatialInput is the spatial coverage sent in a dataset POST or PUT. udata
// updates each field that is present and keeps the absent ones. Zones nil
// is sent as null, which clears them: an empty list would leave them
// unchanged. Granularity cannot be null or "" (400): "other" is udata's
// default. Geom nil is left out (the geometry stays as it is), the JSON
// null clears it; udata refuses zones next to a geometry, sent or stored.
type SpatialInput struct {
	Zones       []string        `json:"zones"`
	Granularity string          `json:"granularity"`
	Geom        json.RawMessage `json:"geom,omitempty"`
}

// OrganizationRef is the short form of an organization embedded in objects.
type OrganizationRef struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Slug    string `json:"slug"`
	Acronym string `json:"acronym,omitempty"`
	Page    string `json:"page,omitempty"`
	URI     string `json:"uri,omitempty"`
	// Permissions are the caller's on the organization (edit, delete,
	// members, harvest, private); "edit" is its administrators'.
	Permissions map[string]bool `json:"permissions,omitempty"`
}

// UserRef is the short form of a user embedded in objects.
type UserRef struct {
	ID        string `json:"id"`
	Slug      string `json:"slug"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Page      string `json:"page,omitempty"`
	URI       string `json:"uri,omitempty"`
}

// Resource is a file of a dataset, hosted (filetype "file") or remote.
type Resource struct {
	ID           string         `json:"id"`
	Title        string         `json:"title"`
	Description  *string        `json:"description"`
	Type         string         `json:"type"`
	Filetype     string         `json:"filetype"`
	URL          string         `json:"url"`
	Latest       string         `json:"latest"`
	Format       *string        `json:"format"`
	Mime         *string        `json:"mime"`
	Filesize     *int64         `json:"filesize"`
	Checksum     *Checksum      `json:"checksum"`
	Schema       *Schema        `json:"schema"`
	Extras       map[string]any `json:"extras"`
	CreatedAt    string         `json:"created_at"`
	LastModified string         `json:"last_modified"`
}

// ResourceInput is the body of a resource POST (remote) or PUT.
type ResourceInput struct {
	// Hosted leaves url, format, mime, filesize and checksum out of the
	// body: they belong to the portal for a hosted file, and an explicit
	// null wipes the checksum and size on udata before 17.0.2 (the web
	// front end never sends them).
	Hosted bool `json:"-"`

	Title       string  `json:"title"`
	Description *string `json:"description"`
	Type        string  `json:"type,omitempty"`
	// Filetype must be "remote" on create; it is never changed afterwards.
	Filetype string    `json:"filetype,omitempty"`
	URL      string    `json:"url,omitempty"`
	Format   *string   `json:"format"`
	Mime     *string   `json:"mime"`
	Filesize *int64    `json:"filesize"`
	Checksum *Checksum `json:"checksum"`
	Schema   *Schema   `json:"schema"`
	// Extras, when non-nil, replaces the resource's whole extras object;
	// nil leaves the server's extras as they are (see
	// Resources.UpdateExtras to write some keys only).
	Extras map[string]any `json:"extras,omitempty"`
}

// Checksum is a resource checksum; Type is sha1, sha2, sha256, md5 or crc.
type Checksum struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Schema names the data schema a resource follows.
type Schema struct {
	Name    *string `json:"name,omitempty"`
	Version *string `json:"version,omitempty"`
	URL     *string `json:"url,omitempty"`
}

// License is an entry of GET /api/1/datasets/licenses/.
type License struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// CatalogSchema is an entry of the portal's schema catalogue.
type CatalogSchema struct {
	Name       string                 `json:"name"`
	Title      string                 `json:"title"`
	SchemaURL  string                 `json:"schema_url"`
	SchemaType string                 `json:"schema_type"`
	Versions   []CatalogSchemaVersion `json:"versions"`
}

// CatalogSchemaVersion is one version of a catalogue schema.
type CatalogSchemaVersion struct {
	VersionName string `json:"version_name"`
	SchemaURL   string `json:"schema_url"`
}

// SpatialChoice is an {id, name} entry of the spatial levels and
// granularities lists.
type SpatialChoice struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SpatialZone is a geographic zone (a GeoJSON feature without geometry
// here).
type SpatialZone struct {
	ID         string `json:"id"`
	Properties struct {
		Name  string `json:"name"`
		Level string `json:"level"`
		Code  string `json:"code"`
	} `json:"properties"`
}

// Choice is an {id, label} entry of the frequencies and resource types lists.
type Choice struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Organization is GET /api/1/organizations/{id}/.
type Organization struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Acronym *string  `json:"acronym"`
	Slug    string   `json:"slug"`
	Page    string   `json:"page"`
	URI     string   `json:"uri"`
	Members []Member `json:"members"`
	Deleted *string  `json:"deleted"`
}

// Member is one membership of an organization.
type Member struct {
	User UserRef `json:"user"`
	Role string  `json:"role"`
}

// Me is GET /api/1/me/: the caller and the organizations they belong to.
type Me struct {
	ID            string            `json:"id"`
	Slug          string            `json:"slug"`
	FirstName     string            `json:"first_name"`
	LastName      string            `json:"last_name"`
	Roles         []string          `json:"roles"`
	Organizations []OrganizationRef `json:"organizations"`
}

// The JSON encoders below exist because `omitempty` drops an empty map: a
// non-nil empty Extras must be sent as {} (it clears the server's extras),
// while a nil one stays absent (the server keeps its own).

type datasetInputFields DatasetInput // no methods: no recursion

type datasetInputJSON struct {
	datasetInputFields
	Extras *map[string]any `json:"extras,omitempty"`
	// Deleted is "null" for a restore, absent otherwise.
	Deleted json.RawMessage `json:"deleted,omitempty"`
}

func (in *DatasetInput) toJSON() datasetInputJSON {
	out := datasetInputJSON{datasetInputFields: datasetInputFields(*in)}
	out.datasetInputFields.Extras = nil
	if in.Extras != nil {
		out.Extras = &in.Extras
	}
	return out
}

// MarshalJSON sends a non-nil empty Extras as {}.
func (in DatasetInput) MarshalJSON() ([]byte, error) { return json.Marshal(in.toJSON()) }

type resourceInputFields ResourceInput

type resourceInputJSON struct {
	resourceInputFields
	Extras *map[string]any `json:"extras,omitempty"`
}

// hostedResourceInputJSON is the body of a hosted file's metadata PUT:
// only the fields the uploader owns.
type hostedResourceInputJSON struct {
	Title       string          `json:"title"`
	Description *string         `json:"description"`
	Type        string          `json:"type,omitempty"`
	Schema      *Schema         `json:"schema"`
	Extras      *map[string]any `json:"extras,omitempty"`
}

// MarshalJSON sends a non-nil empty Extras as {}, and a hosted file's
// metadata without the fields the portal owns.
func (in ResourceInput) MarshalJSON() ([]byte, error) {
	var extras *map[string]any
	if in.Extras != nil {
		extras = &in.Extras
	}
	if in.Hosted {
		return json.Marshal(hostedResourceInputJSON{Title: in.Title, Description: in.Description, Type: in.Type, Schema: in.Schema, Extras: extras})
	}
	out := resourceInputJSON{resourceInputFields: resourceInputFields(in)}
	out.resourceInputFields.Extras = nil
	out.Extras = extras
	return json.Marshal(out)
}
