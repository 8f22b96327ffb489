package emulator

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The fields of udata's Dataservice model (core/dataservices/models.py and
// the WithAccessType and Owned mixins), as api_fields.patch writes them.

// dataserviceFormats is DATASERVICE_FORMATS.
var dataserviceFormats = []string{"REST", "WMS", "WSL"}

// accessTypes is AccessType, in declaration order.
var accessTypes = []string{"open", "open_with_account", "restricted"}

// audienceRoles and audienceConditions are AccessAudienceType and
// AccessAudienceCondition.
var (
	audienceRoles      = []string{"local_authority_and_administration", "company_and_association", "private"}
	audienceConditions = []string{"yes", "no", "under_condition"}
)

// reasonCategory is an InspireLimitationCategory, as
// GET /api/1/access_type/reason_categories/ lists it.
type reasonCategory struct {
	Value      string `json:"value"`
	Label      string `json:"label"`
	Definition string `json:"definition"`
}

var reasonCategories = []reasonCategory{
	{"confidentiality_of_proceedings_of_public_authorities", "Confidentiality of public authorities proceedings",
		"Public access to datasets and services would adversely affect the confidentiality of the proceedings of public authorities, where such confidentiality is provided for by law."},
	{"international_relations_public_security_or_national_defence", "International relations, public security or national defence",
		"Public access to datasets and services would adversely affect international relations, public security or national defence."},
	{"course_of_justice_or_fair_trial", "Course of justice",
		"Public access to datasets and services would adversely affect the course of justice, the ability of any person to receive a fair trial or the ability of a public authority to conduct an enquiry of a criminal or disciplinary nature."},
	{"confidentiality_of_commercial_or_industrial_information", "Commercial or industrial confidentiality",
		"Public access to datasets and services would adversely affect the confidentiality of commercial or industrial information, where such confidentiality is provided for by national or Community law to protect a legitimate economic interest, including the public interest in maintaining statistical confidentiality and tax secrecy."},
	{"intellectual_property_rights", "Intellectual property rights",
		"Public access to datasets and services would adversely affect intellectual property rights."},
	{"confidentiality_of_personal_data", "Personal data confidentiality",
		"Public access to datasets and services would adversely affect the confidentiality of personal data and/or files relating to a natural person where that person has not consented to the disclosure of the information to the public, where such confidentiality is provided for by national or Community law."},
	{"protection_of_voluntary_information_suppliers", "Protection of voluntary information suppliers",
		"Public access to datasets and services would adversely affect the interests or protection of any person who supplied the information requested on a voluntary basis without being under, or capable of being put under, a legal obligation to do so, unless that person has consented to the release of the information concerned."},
	{"protection_of_environment", "Environmental protection",
		"Public access to datasets and services would adversely affect the protection of the environment to which such information relates, such as the location of rare species."},
}

func reasonCategoryIDs() []string {
	out := make([]string, len(reasonCategories))
	for i, r := range reasonCategories {
		out[i] = r.Value
	}
	return out
}

// dsvStringField is an optional StringField or URLField of a dataservice.
type dsvStringField struct {
	name    string
	max     int
	url     bool
	choices []string
}

var dsvStringFields = []dsvStringField{
	{name: "authorization_request_url", url: true},
	{name: "access_type_reason_category", choices: reasonCategoryIDs()},
	{name: "access_type_reason"},
	{name: "acronym", max: 128},
	{name: "base_api_url", url: true},
	{name: "machine_documentation_url", url: true},
	{name: "technical_documentation_url", url: true},
	{name: "business_documentation_url", url: true},
	{name: "rate_limiting"},
	{name: "rate_limiting_url", url: true},
	{name: "availability_url", url: true},
	{name: "format", choices: dataserviceFormats},
}

func dsvStringFieldByName(name string) (dsvStringField, bool) {
	for _, f := range dsvStringFields {
		if f.name == name {
			return f, true
		}
	}
	return dsvStringField{}, false
}

// dsvFieldOrder is the order mongoengine reports a Dataservice's errors in:
// the mixins' fields, then the model's own, as declared.
var dsvFieldOrder = []string{
	"access_type", "access_audiences", "authorization_request_url", "access_type_reason_category", "access_type_reason",
	"owner", "organization", "title", "acronym", "slug", "description", "base_api_url", "machine_documentation_url",
	"technical_documentation_url", "business_documentation_url", "rate_limiting", "rate_limiting_url", "availability",
	"availability_url", "format", "license", "tags", "private", "extras", "featured", "contact_points", "created_at",
	"metadata_modified_at", "deleted_at", "archived_at", "datasets",
}

const msgAccessTypeChoices = "Value must be one of [<AccessType.OPEN: 'open'>, <AccessType.OPEN_WITH_ACCOUNT: 'open_with_account'>, <AccessType.RESTRICTED: 'restricted'>]"

// patchDataservice applies a POST or PATCH body to d (a copy the caller
// commits only on success). typeErrs are the values of a wrong JSON type,
// refused at save with the others by validateDataservice. The caller holds
// the write lock.
func (c *call) patchDataservice(d *dataservice, body modelBody, create bool) (typeErrs saveErrors, fail answer) {
	owner := ownerFields{OwnerID: d.OwnerID, OrgID: d.OrgID}
	for _, key := range body.keys {
		if fail := c.patchDataserviceField(d, &owner, &typeErrs, key, body.fields[key], create); fail != nil {
			return typeErrs, fail
		}
	}
	d.OwnerID, d.OrgID = owner.OwnerID, owner.OrgID
	if d.OrgID != "" {
		d.OwnerID = "" // Owned.clean: an organization replaces the owner
	}
	return typeErrs, nil
}

// patchDataserviceField applies one field of the body: its refusal, or nil
// (a wrong type is added to typeErrs instead). The owner fields go to owner.
func (c *call) patchDataserviceField(d *dataservice, owner *ownerFields, typeErrs *saveErrors, key string, v any, create bool) answer {
	if f, ok := dsvStringFieldByName(key); ok {
		return patchDataserviceString(d, typeErrs, f, key, v)
	}
	switch key {
	case "title", "description":
		return patchDataserviceText(d, typeErrs, key, v)
	case "license", "tags", "contact_points", "datasets", "access_audiences":
		return c.patchDataserviceReference(d, typeErrs, key, v)
	case "owner", "organization":
		return c.patchOwner(owner, key, v, create)
	case "availability", "private", "extras", "access_type", "archived_at", "deleted_at":
		patchDataserviceValue(d, typeErrs, key, v)
	}
	// Anything else is read-only (id, slug, featured, created_at,
	// metadata_modified_at, harvest, metrics...) or unknown: ignored.
	return nil
}

// patchDataserviceString sets one of the plain string fields (f).
func patchDataserviceString(d *dataservice, typeErrs *saveErrors, f dsvStringField, key string, v any) answer {
	s, good := stringValue(v)
	if !good && f.choices != nil {
		// patch checks the choices of any value but null.
		str, _ := pyStr(v)
		return choiceRefusal(key, str, f.choices)
	}
	if !good {
		typeErrs.add(key, msgStringType)
		return nil
	}
	if s != nil && f.url {
		trimmed := strings.TrimSpace(*s) // URLField.to_python
		s = &trimmed
	}
	if s != nil && f.choices != nil {
		if fail := choiceRefusal(key, *s, f.choices); fail != nil {
			return fail
		}
	}
	if d.Strings == nil {
		d.Strings = map[string]*string{}
	}
	d.Strings[key] = s
	return nil
}

// patchDataserviceText sets the title or the description.
func patchDataserviceText(d *dataservice, typeErrs *saveErrors, key string, v any) answer {
	s, good := stringValue(v)
	switch {
	case !good && key == "title":
		return serverError() // the slug is made of it
	case !good:
		typeErrs.add(key, msgStringType)
	case key == "title" && s == nil:
		d.Title = ""
	case key == "title":
		d.Title = *s
	case s == nil:
		d.Description = "" // its default
	default:
		d.Description = *s
	}
	return nil
}

// patchDataserviceReference sets a field that names other objects or
// reference lists: the license, the tags, the contact points, the datasets,
// the access audiences. An unknown one is refused at once.
func (c *call) patchDataserviceReference(d *dataservice, typeErrs *saveErrors, key string, v any) answer {
	st, cat := c.s.st, c.s.catalog()
	switch key {
	case "license":
		id, set := referenceID(v)
		if !set {
			d.License = nil
			return nil
		}
		if !knownLicense(id) {
			return fieldRefusal(key, fmt.Sprintf("Unknown reference '%s'", id))
		}
		d.License = &id
	case "tags":
		tags, msg := dataserviceTags(v)
		if msg != "" {
			typeErrs.add(key, msg)
			return nil
		}
		d.Tags = tags
	case "contact_points":
		ids, fail := referenceList(key, v, func(id string) bool { return cat.contactPoints[id] != nil })
		if fail != nil {
			return fail
		}
		d.ContactPoints = ids
	case "datasets":
		ids, fail := referenceList(key, v, func(id string) bool { return st.datasets[id] != nil })
		if fail != nil {
			return fail
		}
		d.Datasets = ids
	case "access_audiences":
		auds, fail := accessAudiences(v)
		if fail != nil {
			return fail
		}
		d.AccessAudiences = auds
	}
	return nil
}

// patchDataserviceValue sets a field whose value stands alone (a number, a
// boolean, a dictionary, a choice, a date): a wrong one is a type error.
func patchDataserviceValue(d *dataservice, typeErrs *saveErrors, key string, v any) {
	switch key {
	case "availability":
		switch x := v.(type) {
		case nil:
			d.Availability = nil
		case bool: // Python's bool is an int
			f := 0.0
			if x {
				f = 1
			}
			d.Availability = &f
		case json.Number:
			f, err := strconv.ParseFloat(string(x), 64)
			if err != nil {
				typeErrs.add(key, "FloatField only accepts float and integer values")
				return
			}
			d.Availability = &f
		default:
			typeErrs.add(key, "FloatField only accepts float and integer values")
		}
	case "private":
		switch x := v.(type) {
		case nil:
			d.Private = false
		case bool:
			d.Private = x
		default:
			typeErrs.add(key, "BooleanField only accepts boolean values")
		}
	case "extras":
		switch x := v.(type) {
		case nil:
			d.Extras = map[string]any{}
		case map[string]any:
			d.Extras = copyMap(x)
		default:
			typeErrs.add(key, "Only dictionaries may be used in a DictField")
		}
	case "access_type":
		switch x := v.(type) {
		case nil:
			d.AccessType = "open" // the field's default
		case string:
			if !slices.Contains(accessTypes, x) {
				typeErrs.add(key, msgAccessTypeChoices)
				return
			}
			d.AccessType = x
		default:
			typeErrs.add(key, msgAccessTypeChoices)
		}
	case "archived_at", "deleted_at":
		t, good := dateTimeField(v)
		if !good {
			typeErrs.add(key, cannotParseDate(v))
			return
		}
		if key == "archived_at" {
			d.ArchivedAt = t
		} else {
			d.DeletedAt = t
		}
	}
}

// dataserviceTags is TagListField.from_input and its validation: a list is
// slugified tag by tag, a string split on commas; each tag 3 to 96
// characters. Stored sorted and de-duplicated (TagListField.clean).
func dataserviceTags(v any) ([]string, string) {
	var tags []string
	switch x := v.(type) {
	case []any:
		for _, item := range x {
			s, _ := pyStr(item)
			tags = append(tags, tagSlug(s))
		}
	case string:
		tags = splitTags(x)
	}
	set := map[string]bool{}
	for _, t := range tags {
		if n := len([]rune(t)); n < 3 || n > 96 {
			return nil, fmt.Sprintf("Tag \"%s\" must be between 3 and 96 characters long.", t)
		}
		set[t] = true
	}
	return sortedKeys(set), ""
}

// accessAudiences is the EmbeddedDocumentListField of AccessAudience: each
// item patched (choices checked on "role" and "condition"), then the check
// of one condition per role. An empty list clears; null crashes at save.
func accessAudiences(v any) ([]audience, answer) {
	if v == nil {
		return nil, serverError()
	}
	items, ok := v.([]any)
	if !ok {
		return nil, serverError()
	}
	out := []audience{}
	roles := map[string]bool{}
	for _, item := range items {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, serverError()
		}
		var a audience
		for _, k := range []string{"role", "condition"} {
			val, present := obj[k]
			if !present {
				continue
			}
			s, good := stringValue(val)
			if !good {
				return nil, serverError()
			}
			if s != nil {
				choices := audienceRoles
				if k == "condition" {
					choices = audienceConditions
				}
				if fail := choiceRefusal(k, *s, choices); fail != nil {
					return nil, fail
				}
			}
			if k == "role" {
				a.Role = s
			} else {
				a.Condition = s
			}
		}
		role := "\x00none" // udata's set of roles counts None once
		if a.Role != nil {
			role = *a.Role
		}
		roles[role] = true
		out = append(out, a)
	}
	if len(roles) != len(out) {
		return nil, fieldRefusal("access_audiences", "You can only set one condition for a given access audience role")
	}
	return out, nil
}

// validateDataservice is the save's validation: typeErrs found while
// patching, plus each field's own rules.
func validateDataservice(d *dataservice, typeErrs saveErrors) answer {
	errs := typeErrs
	if strings.TrimSpace(d.Title) == "" {
		if _, bad := errs.msgs["title"]; !bad {
			errs.add("title", msgFieldRequired)
		}
	}
	for _, f := range dsvStringFields {
		checkString(&errs, f.name, d.Strings[f.name], f.max, f.url)
	}
	return errs.refusal("Dataservice", d.ID, dsvFieldOrder)
}
