package client

import "encoding/json"

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
	Spatial          *Spatial          `json:"spatial"`
	Private          bool              `json:"private"`
	// Organization is sent on create only: udata refuses to change it by PUT.
	Organization string `json:"organization,omitempty"`
	// Extras, when non-nil, replaces the dataset's whole extras object.
	Extras   map[string]any `json:"extras,omitempty"`
	Archived *string        `json:"archived"`
}

// TemporalCoverage is a date range; End may be nil (open-ended).
type TemporalCoverage struct {
	Start string  `json:"start"`
	End   *string `json:"end"`
}

// Spatial is a dataset's spatial coverage.
type Spatial struct {
	Zones       []string `json:"zones,omitempty"`
	Granularity *string  `json:"granularity,omitempty"`
}

// OrganizationRef is the short form of an organization embedded in objects.
type OrganizationRef struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Slug    string `json:"slug"`
	Acronym string `json:"acronym,omitempty"`
	Page    string `json:"page,omitempty"`
	URI     string `json:"uri,omitempty"`
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

// ResourceInput is the body of a resource POST (remote) or PUT. For hosted
// files udata ignores url, checksum, filesize, mime and format silently.
type ResourceInput struct {
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
	// Extras, when non-nil, replaces the resource's whole extras object.
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

// MarshalJSON sends a non-nil empty Extras as {}.
func (in ResourceInput) MarshalJSON() ([]byte, error) {
	out := resourceInputJSON{resourceInputFields: resourceInputFields(in)}
	out.resourceInputFields.Extras = nil
	if in.Extras != nil {
		out.Extras = &in.Extras
	}
	return json.Marshal(out)
}
