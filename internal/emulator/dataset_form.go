package emulator

import (
	"fmt"
	"strings"
	"time"
)

// udata's DatasetForm: how a POST or PUT body changes a dataset, field by
// field, with wtforms-json's rules for absent, null and empty values.

type timeValue struct{ t *time.Time }

// formOutcome is how udata answers a body its DatasetForm refuses.
type formOutcome struct {
	errs      fieldErrors    // wtforms errors: {"errors"} 400
	msg       string         // a ValueError: {"message"} 400
	modelErrs map[string]any // a mongoengine ValidationError on save:
	modelMsg  string         // {"errors", "message"} 400
	crash     bool           // an exception udata does not catch: 500
	emptyErrs bool           // {"errors": {}}: a field failing without a message
}

func (o formOutcome) ok() bool {
	return len(o.errs) == 0 && o.msg == "" && o.modelErrs == nil && !o.crash && !o.emptyErrs
}

// formBody is a decoded request body, read field by field.
type formBody map[string]any

// has tells whether the body names the field, null included.
func (b formBody) has(k string) bool { _, ok := b[k]; return ok }

// datasetForm applies a POST or PUT body to d (a copy of the stored dataset,
// or a fresh one), like DatasetForm.validate() then populate_obj(). With a
// non-empty body, wtforms-json processes every field: the absent ones keep
// their value, except the tags and the temporal coverage, which are then
// emptied (udata#2468). An empty body is no form data at all: nothing
// changes. The fields go in the form's order: the first that raises stops
// the others.
func (st *state) datasetForm(u *user, d *dataset, body formBody, create bool) formOutcome {
	if len(body) == 0 && !create {
		return formOutcome{}
	}
	// The nested resources list (NestedModelList) refuses null, with no
	// message; an empty list changes nothing.
	if r, ok := body["resources"]; ok && r == nil {
		return formOutcome{errs: fieldErrors{}, emptyErrs: true}
	}
	errs := fieldErrors{}
	datasetTextFields(d, body, errs, create)
	if out := datasetScheduleFields(d, body, errs); out != nil {
		return *out
	}
	if out := datasetCoverageFields(d, body, errs); out != nil {
		return *out
	}
	if out := st.datasetOwnershipFields(u, d, body, errs, create); out != nil {
		return *out
	}
	if out := st.datasetAccessForm(d, body, errs); out != nil {
		return *out
	}
	if body.has("extras") {
		if m, e := objectValue(body["extras"]); e != "" {
			errs.add("extras", e)
		} else if e := extrasKeysError(m); e != "" {
			errs.add("extras", e)
		} else {
			d.Extras = m
		}
	}
	if len(errs) > 0 {
		return formOutcome{errs: errs}
	}
	return datasetModelCheck(d, create)
}

// datasetTextFields: the title, acronym and descriptions.
func datasetTextFields(d *dataset, body formBody, errs fieldErrors, create bool) {
	if create || body.has("title") {
		errs.setRequired(body, "title", 350, &d.Title)
	}
	if body.has("acronym") {
		errs.setOptional(body, "acronym", 0, &d.Acronym)
	}
	if create || body.has("description") {
		errs.setRequired(body, "description", 100000, &d.Description)
	}
	if body.has("description_short") {
		errs.setOptional(body, "description_short", 200, &d.DescriptionShort)
	}
}

// datasetScheduleFields: the license, the frequency and the dates. An
// unknown frequency raises (its outcome).
func datasetScheduleFields(d *dataset, body formBody, errs fieldErrors) *formOutcome {
	if body.has("license") {
		// ModelSelectField(allow_blank=True): an unknown id is blank.
		d.License = nil
		if s, ok := body["license"].(string); ok && knownLicense(s) {
			d.License = &s
		}
	}
	if body.has("frequency") && body["frequency"] == nil {
		d.Frequency = nil
	} else if body.has("frequency") {
		// SelectField coerces to str, then UpdateFrequency(value) raises.
		s, _ := pyStr(body["frequency"])
		f := canonicalFrequency(s)
		if f == "" {
			return &formOutcome{msg: pyRepr(s) + " is not a valid UpdateFrequency"}
		}
		d.Frequency = &f
	}
	for _, k := range []string{"frequency_date", "archived", "deleted"} {
		if !body.has(k) {
			continue
		}
		tv, e := dateTimeValue(body[k])
		if e != "" {
			errs.add(k, e)
			continue
		}
		switch k {
		case "frequency_date":
			d.FrequencyDate = tv.t
		case "archived":
			d.Archived = tv.t
		default:
			d.Deleted = tv.t
		}
	}
	return nil
}

// datasetCoverageFields: the temporal coverage, the spatial coverage and
// the tags (the temporal coverage and the tags emptied when absent). A value
// udata does not catch is a crash (its outcome).
func datasetCoverageFields(d *dataset, body formBody, errs fieldErrors) *formOutcome {
	tc, e, crash := temporalCoverage(body["temporal_coverage"])
	if crash {
		return &formOutcome{crash: true}
	} else if e != "" {
		errs.add("temporal_coverage", e)
	} else {
		d.TemporalCoverage = tc
	}
	if body.has("spatial") {
		if sc, sub := spatialValue(d.Spatial, body["spatial"]); sub != nil {
			errs["spatial"] = sub
		} else {
			d.Spatial = sc
		}
	}
	tags, e, crash := tagsValue(body["tags"])
	if crash {
		return &formOutcome{crash: true}
	} else if e != "" {
		errs.add("tags", e)
	} else {
		d.Tags = tags
	}
	return nil
}

// datasetOwnershipFields: private, the owner and the organization. Taking
// the organization away from a dataset that has one crashes (its outcome).
func (st *state) datasetOwnershipFields(u *user, d *dataset, body formBody, errs fieldErrors, create bool) *formOutcome {
	if body.has("private") {
		d.Private = boolValue(body["private"])
	}
	if body.has("owner") && body["owner"] != nil {
		st.ownerField(u, d, body["owner"], body.has("organization"), errs)
	}
	if body.has("organization") {
		// PublishAsField compares the stored organization's id with the new
		// one's: with no new one, it dereferences None.
		if o := body["organization"]; !create && d.OrgID != "" && (o == nil || o == "") {
			return &formOutcome{crash: true}
		}
		st.organizationField(u, d, body["organization"], create, errs)
	}
	return nil
}

// datasetModelCheck is the model validation run on save (Dataset.clean).
func datasetModelCheck(d *dataset, create bool) formOutcome {
	id := "None"
	if !create {
		id = d.ID
	}
	if msg, whole := geomModelError(d.Spatial); msg != "" {
		key := "geom"
		if whole {
			key = "__all__"
		}
		return formOutcome{modelErrs: map[string]any{"spatial": map[string]any{key: msg}},
			modelMsg: fmt.Sprintf("ValidationError (Dataset:%s) (%s.%s: ['spatial'])", id, key, msg)}
	}
	if d.Acronym != nil && len([]rune(*d.Acronym)) > 128 {
		return formOutcome{modelErrs: map[string]any{"acronym": "String value is too long"},
			modelMsg: fmt.Sprintf("ValidationError (Dataset:%s) (String value is too long: ['acronym'])", id)}
	}
	for _, k := range sortedKeys(d.Extras) {
		if strings.HasPrefix(k, "custom:") {
			m := "Dataset's organization did not define the requested custom metadata."
			if d.OrgID == "" {
				m = "Custom metadatas are only accessible to dataset owned by on organization."
			}
			return formOutcome{modelErrs: map[string]any{"__all__": m},
				modelMsg: fmt.Sprintf("ValidationError (Dataset:%s) (%s: ['__all__'])", id, m)}
		}
	}
	return datasetAccessCheck(d, id)
}

// extrasKeysError is the check MongoDB's key rules impose on extras
// (mongoengine's DictField): no key may start with "$".
func extrasKeysError(m map[string]any) string {
	for k := range m {
		if strings.HasPrefix(k, "$") {
			return `Invalid dictionary key name - keys may not startswith "$" characters`
		}
	}
	return ""
}

// ownerField is udata's CurrentUserField: only site admins may give a
// dataset to someone else; giving it to oneself takes it out of its
// organization unless the body names one.
func (st *state) ownerField(u *user, d *dataset, v any, hasOrg bool, errs fieldErrors) {
	id, _ := v.(string)
	if m, ok := v.(map[string]any); ok {
		id, _ = m["id"].(string)
	}
	if !isObjectID(id) {
		errs.add("owner", fmt.Sprintf("Unsupported identifier: %v", v))
		return
	}
	if st.userByID(id) == nil {
		errs.add("owner", "User does not exists")
		return
	}
	if d.OwnerID != "" && d.OwnerID != id && !u.Sysadmin {
		errs.add("owner", "Cannot change owner after creation. Please use transfer feature.")
		return
	}
	if !u.Sysadmin && id != u.ID {
		errs.add("owner", "You can only set yourself as owner")
		return
	}
	d.OwnerID = id
	if !hasOrg {
		d.OrgID = ""
	}
}

// organizationField is udata's PublishAsField: publish as an organization
// the caller is a member of; never move to another one (a transfer is
// needed), except for site admins.
func (st *state) organizationField(u *user, d *dataset, v any, create bool, errs fieldErrors) {
	if v == nil {
		if !create && d.OrgID != "" && !u.Sysadmin {
			errs.add("organization", "Cannot change owner after creation. Please use transfer feature.")
		}
		return
	}
	raw := v
	if m, ok := v.(map[string]any); ok {
		raw = m["id"]
	}
	id, ok := raw.(string)
	if !ok || !isObjectID(id) {
		errs.add("organization", fmt.Sprintf("Unsupported identifier: %v", raw))
		return
	}
	o := st.orgs[id]
	if o == nil {
		errs.add("organization", "Organization does not exists")
		return
	}
	if !create && d.OrgID != "" && d.OrgID != id && !u.Sysadmin {
		errs.add("organization", "Cannot change owner after creation. Please use transfer feature.")
		return
	}
	if !u.Sysadmin && st.orgRole(u, id) == "" {
		errs.add("organization", "Permission denied for this organization")
		return
	}
	d.OrgID, d.OwnerID = id, ""
}

// temporalCoverage is udata's DateRangeField: {"start", "end"} or
// "start - end"; times are cut to dates, start and end swapped if reversed.
// Its messages are wtforms' e.args[0]: dateutil's unformatted "%s". crash
// is a value udata's field chokes on (a 500).
func temporalCoverage(v any) (tc *dateRange, msg string, crash bool) {
	var start, end any
	switch x := v.(type) {
	case nil:
		return nil, "", false
	case string:
		if x == "" {
			return nil, "", false
		}
		parts := strings.Split(x, " - ")
		switch {
		case len(parts) < 2:
			return nil, "not enough values to unpack (expected 2, got 1)", false
		case len(parts) > 2:
			return nil, "too many values to unpack (expected 2)", false
		}
		start, end = parts[0], parts[1]
	case map[string]any:
		if len(x) == 0 {
			return nil, "", false
		}
		var ok bool
		if start, ok = x["start"]; !ok {
			return nil, "Unable to parse date range", false
		}
		if _, ok := start.(string); !ok {
			return nil, "Date must be a string", false
		}
		end = x["end"]
		if end != nil && end != "" {
			if _, ok := end.(string); !ok {
				return nil, "Date must be a string", false
			}
		}
	case []any:
		return nil, "Unable to parse date range", false
	case bool:
		if !x {
			return nil, "", false
		}
		return nil, "", true
	default:
		return nil, "", true
	}
	ds, ok := parseDate(start.(string))
	if !ok {
		return nil, "Unknown string format: %s", false
	}
	tc = &dateRange{Start: ds}
	if e, _ := end.(string); e != "" {
		de, ok := parseDate(e)
		if !ok {
			return nil, "Unknown string format: %s", false
		}
		tc.End = &de
		if tc.Start > de {
			tc.Start, *tc.End = de, tc.Start
		}
	}
	return tc, "", false
}

// spatialValue is udata's SpatialCoverageField, a FormField that
// wtforms-json flattens into spatial-zones, spatial-granularity, etc. Each
// sub-field behaves on its own: absent or an empty list keeps the current
// value (or the default, for a dataset without coverage), null clears the
// zones and is an invalid granularity. A body naming none of them (null,
// {}, or not an object) leaves the coverage as it is.
func spatialValue(cur *spatialCoverage, v any) (*spatialCoverage, fieldErrors) {
	m, _ := v.(map[string]any)
	_, hasZones := m["zones"]
	_, hasGranularity := m["granularity"]
	_, hasGeom := m["geom"]
	if !hasZones && !hasGranularity && !hasGeom {
		return cur, nil
	}
	other := "other"
	sc := &spatialCoverage{Zones: []string{}, Granularity: &other}
	if cur != nil {
		sc.Zones = append([]string{}, cur.Zones...)
		if cur.Granularity != nil {
			g := *cur.Granularity
			sc.Granularity = &g
		}
		sc.Geom = cur.Geom
	}
	errs := fieldErrors{}
	if hasGeom {
		geom, geomErrs := geomFormValue(m["geom"])
		if geomErrs != nil {
			errs["geom"] = geomErrs
		}
		sc.Geom = geom
	}
	var ids []string
	switch z := m["zones"].(type) {
	case nil:
		if hasZones {
			sc.Zones = []string{}
		}
	case string:
		for _, id := range strings.Split(z, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
		sc.Zones = []string{}
	case []any:
		for _, item := range z {
			if obj, ok := item.(map[string]any); ok {
				item = obj["id"]
			}
			s, ok := item.(string)
			if !ok {
				errs.add("zones", fmt.Sprintf("Unsupported identifier: %v", item))
				return nil, errs
			}
			ids = append(ids, s)
		}
		if len(z) > 0 {
			sc.Zones = []string{}
		}
	default:
		errs.add("zones", "Not a valid list of zones")
		return nil, errs
	}
	var unknown []string
	for _, id := range ids {
		if geozones[id] {
			sc.Zones = append(sc.Zones, id)
		} else {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		errs.add("zones", "Unknown geoid(s): "+strings.Join(unknown, ", "))
	}
	if gv, present := m["granularity"]; present {
		gs, ok := gv.(string)
		if !ok || !granularities[gs] {
			errs.add("granularity", msgNotValidChoice)
		} else {
			sc.Granularity = &gs
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return sc, nil
}

// tagsValue is udata's TagField: a list of several tags is slugified tag
// by tag; one value (a string, or a one-element list) is split on commas
// first; each tag must then be 3 to 96 characters long. They are stored
// de-duplicated and sorted. Values that are not strings crash the field
// (a 500).
func tagsValue(v any) (tags []string, msg string, crash bool) {
	switch x := v.(type) {
	case nil:
	case string:
		tags = splitTags(x)
	case []any:
		if len(x) == 1 {
			s, ok := x[0].(string)
			if !ok {
				return nil, "", true
			}
			tags = splitTags(s)
			break
		}
		for _, item := range x {
			s, ok := item.(string)
			if !ok {
				return nil, "", true
			}
			tags = append(tags, tagSlug(s))
		}
	default:
		return nil, "", true
	}
	set := map[string]bool{}
	for _, t := range tags {
		if n := len([]rune(t)); n < 3 || n > 96 {
			return nil, fmt.Sprintf("Tag \"%s\" must be between 3 and 96 characters long.", t), false
		}
		set[t] = true
	}
	return sortedKeys(set), "", false
}

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if strings.TrimSpace(t) != "" {
			out = append(out, tagSlug(t))
		}
	}
	return out
}
