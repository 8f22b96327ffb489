package client

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Dataservice is a dataservice (an API of the catalogue) as udata returns
// it (GET /api/1/dataservices/{id}/). Unlike a dataset, its timestamps are
// metadata_modified_at, archived_at and deleted_at, and its datasets are
// only counted: DataservicesService.DatasetIDs lists them.
type Dataservice struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Acronym     *string `json:"acronym"`
	Slug        string  `json:"slug"`
	Description string  `json:"description"`

	BaseAPIURL                *string  `json:"base_api_url"`
	MachineDocumentationURL   *string  `json:"machine_documentation_url"`
	TechnicalDocumentationURL *string  `json:"technical_documentation_url"`
	BusinessDocumentationURL  *string  `json:"business_documentation_url"`
	RateLimiting              *string  `json:"rate_limiting"`
	RateLimitingURL           *string  `json:"rate_limiting_url"`
	Availability              *float64 `json:"availability"`
	AvailabilityURL           *string  `json:"availability_url"`
	Format                    *string  `json:"format"`
	License                   *string  `json:"license"`

	Tags          []string            `json:"tags"`
	Private       bool                `json:"private"`
	Extras        map[string]any      `json:"extras"`
	ContactPoints []ContactPoint      `json:"contact_points"`
	Datasets      DataserviceDatasets `json:"datasets"`

	AccessRules

	Organization *OrganizationRef `json:"organization"`
	Owner        *UserRef         `json:"owner"`

	ArchivedAt         *string `json:"archived_at"`
	DeletedAt          *string `json:"deleted_at"`
	CreatedAt          string  `json:"created_at"`
	MetadataModifiedAt string  `json:"metadata_modified_at"`
	// SelfAPIURL is the dataservice's API URL; SelfWebURL its page, nil on
	// a udata without a front end.
	SelfAPIURL string  `json:"self_api_url"`
	SelfWebURL *string `json:"self_web_url"`
}

// UnmarshalJSON keeps the numbers of extras as udata wrote them
// (json.Number): an update writes the whole extras object back, and a
// float64 would turn 1.0 into 1 and round integers beyond 2^53.
func (d *Dataservice) UnmarshalJSON(b []byte) error {
	type plain Dataservice // no methods: no recursion
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode((*plain)(d))
}

// AccessRules are the access fields datasets and dataservices share
// (udata's WithAccessType).
type AccessRules struct {
	// AccessType is open, open_with_account or restricted.
	AccessType string `json:"access_type"`
	// AccessAudiences hold one condition per role; udata keeps them only
	// when AccessType is restricted.
	AccessAudiences          []AccessAudience `json:"access_audiences"`
	AuthorizationRequestURL  *string          `json:"authorization_request_url"`
	AccessTypeReasonCategory *string          `json:"access_type_reason_category"`
	AccessTypeReason         *string          `json:"access_type_reason"`
}

// Access types of udata's AccessType.
const (
	AccessOpen            = "open"
	AccessOpenWithAccount = "open_with_account"
	AccessRestricted      = "restricted"
)

// AccessAudience is one audience of a restricted access: a role
// (local_authority_and_administration, company_and_association, private)
// and its condition (yes, no, under_condition).
type AccessAudience struct {
	Role      *string `json:"role"`
	Condition *string `json:"condition"`
}

// DataserviceDatasets is a dataservice's "datasets": udata answers a link
// with the count ({"href", "total"}); a list of ids or of dataset
// references is read too.
type DataserviceDatasets struct {
	Total int
	// IDs are the ids when the answer listed them, nil otherwise.
	IDs []string
}

// UnmarshalJSON reads the link object or a list.
func (d *DataserviceDatasets) UnmarshalJSON(b []byte) error {
	var link struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal(b, &link); err == nil {
		*d = DataserviceDatasets{Total: link.Total}
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return fmt.Errorf("dataservice datasets: neither a link nor a list: %s", b)
	}
	ids := make([]string, 0, len(items))
	for _, it := range items {
		var id string
		if json.Unmarshal(it, &id) != nil {
			var ref struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(it, &ref); err != nil {
				return err
			}
			id = ref.ID
		}
		ids = append(ids, id)
	}
	*d = DataserviceDatasets{Total: len(ids), IDs: ids}
	return nil
}

// DataserviceInput is the body of a dataservice POST or PATCH. Every field
// is sent: udata's PATCH keeps absent fields and clears null ones, so the
// body is the whole managed state. Lists are never sent as null (udata
// answers 500 for a null datasets, contact_points or access_audiences).
type DataserviceInput struct {
	Title       string  `json:"title"`
	Acronym     *string `json:"acronym"`
	Description string  `json:"description"`

	BaseAPIURL                *string  `json:"base_api_url"`
	MachineDocumentationURL   *string  `json:"machine_documentation_url"`
	TechnicalDocumentationURL *string  `json:"technical_documentation_url"`
	BusinessDocumentationURL  *string  `json:"business_documentation_url"`
	RateLimiting              *string  `json:"rate_limiting"`
	RateLimitingURL           *string  `json:"rate_limiting_url"`
	Availability              *float64 `json:"availability"`
	AvailabilityURL           *string  `json:"availability_url"`
	Format                    *string  `json:"format"`
	License                   *string  `json:"license"`

	Tags     []string `json:"tags"`
	Private  bool     `json:"private"`
	Datasets []string `json:"datasets"`
	// ContactPoints are contact point ids.
	ContactPoints []string `json:"contact_points"`
	// Extras, when non-nil, replaces the whole extras object (there is no
	// endpoint that writes some keys only; {} clears it); nil leaves it
	// out of the body, and udata keeps the extras as they are.
	Extras map[string]any `json:"extras"`

	AccessRules

	ArchivedAt *string `json:"archived_at"`
	// Organization is sent on create only: udata refuses to change it
	// afterwards, and a null would leave the dataservice without owner.
	Organization string `json:"organization,omitempty"`
}

type dataserviceInputFields DataserviceInput // no methods: no recursion

type dataserviceInputJSON struct {
	dataserviceInputFields
	// DeletedAt is "null" for a restore, absent otherwise.
	DeletedAt json.RawMessage `json:"deleted_at,omitempty"`
	// Extras hides the embedded field: absent when nil, {} when empty.
	Extras *map[string]any `json:"extras,omitempty"`
}

// body is in with its lists made non-null, and extras left out when nil.
func (in *DataserviceInput) body(restore bool) dataserviceInputJSON {
	n := *in
	for _, l := range []*[]string{&n.Tags, &n.Datasets, &n.ContactPoints} {
		if *l == nil {
			*l = []string{}
		}
	}
	if n.AccessType == "" {
		n.AccessType = AccessOpen
	}
	if n.AccessAudiences == nil {
		n.AccessAudiences = []AccessAudience{}
	}
	out := dataserviceInputJSON{dataserviceInputFields: dataserviceInputFields(n)}
	if n.Extras != nil {
		out.Extras = &n.Extras
	}
	if restore {
		out.DeletedAt = json.RawMessage("null")
	}
	return out
}
