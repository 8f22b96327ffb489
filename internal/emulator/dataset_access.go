package emulator

import (
	"fmt"
	"slices"
	"strings"
)

// A dataset's access rules and contact points, as udata's DatasetForm
// reads them (WithAccessType, ContactPointListField) and Dataset.clean
// checks them. They differ from a dataservice's (a model patch):
//
//   - access_type null is the default, "open"; another value than the
//     choices is "Not a valid choice.";
//   - access_audiences absent or [] keeps the stored ones (a
//     NestedModelList), null is refused without a message, and two
//     conditions for one role fail at save; audiences are kept whatever the
//     access type;
//   - contact_points [] keeps the stored ones and null clears them; an
//     unknown id, or one of another owner, is refused;
//   - a non-open access clears the licence at save.
type datasetAccess struct {
	AccessType               string // "" is "open"
	AccessAudiences          []audience
	AuthorizationRequestURL  *string
	AccessTypeReasonCategory *string
	AccessTypeReason         *string
	ContactPoints            []string
	// ClearedLicense: the last form save cleared a licence. udata computes
	// the quality (quality_cached) before clearing it, so that its
	// "license" criterion still counts the licence sent.
	ClearedLicense bool
}

// datasetAccessForm applies the body's access fields and contact points to
// d. A non-nil outcome is a refusal answered at once.
func (st *state) datasetAccessForm(d *dataset, body map[string]any, errs fieldErrors) *formOutcome {
	has := func(k string) bool { _, ok := body[k]; return ok }
	if has("access_type") {
		switch x := body["access_type"].(type) {
		case nil:
			d.AccessType = "open"
		case string:
			if x == "" {
				d.AccessType = "open"
			} else if slices.Contains(accessTypes, x) {
				d.AccessType = x
			} else {
				errs.add("access_type", msgNotValidChoice)
			}
		default:
			errs.add("access_type", msgNotValidChoice)
		}
	}
	if v, ok := body["access_audiences"]; ok {
		items, isList := v.([]any)
		switch {
		case v == nil || !isList:
			return &formOutcome{errs: fieldErrors{}, emptyErrs: true}
		case len(items) > 0:
			auds, sub := datasetAudiences(items)
			if sub != nil {
				errs["access_audiences"] = sub
			} else {
				d.AccessAudiences = auds
			}
		}
	}
	for _, k := range []string{"authorization_request_url", "access_type_reason"} {
		if has(k) {
			dst := &d.AuthorizationRequestURL
			if k == "access_type_reason" {
				dst = &d.AccessTypeReason
			}
			errs.setOptional(body, k, 0, dst)
		}
	}
	if has("access_type_reason_category") {
		switch x := body["access_type_reason_category"].(type) {
		case nil:
			d.AccessTypeReasonCategory = nil
		case string:
			if x == "" {
				d.AccessTypeReasonCategory = nil
			} else if slices.Contains(reasonCategoryIDs(), x) {
				d.AccessTypeReasonCategory = &x
			} else {
				errs.add("access_type_reason_category", msgNotValidChoice)
			}
		default:
			errs.add("access_type_reason_category", msgNotValidChoice)
		}
	}
	if has("contact_points") {
		st.datasetContactPoints(d, body["contact_points"], errs)
	}
	return nil
}

// datasetAudiences is the NestedModelList of AccessAudienceForm: each
// role and condition checked against its choices.
func datasetAudiences(items []any) ([]audience, fieldErrors) {
	out := []audience{}
	sub := fieldErrors{}
	for _, item := range items {
		obj, _ := item.(map[string]any)
		var a audience
		for _, k := range []string{"role", "condition"} {
			s, ok := obj[k].(string)
			if !ok {
				continue
			}
			choices := audienceRoles
			if k == "condition" {
				choices = audienceConditions
			}
			if !slices.Contains(choices, s) {
				sub.add(k, msgNotValidChoice)
				continue
			}
			if k == "role" {
				a.Role = &s
			} else {
				a.Condition = &s
			}
		}
		out = append(out, a)
	}
	if len(sub) > 0 {
		return nil, sub
	}
	return out, nil
}

// datasetContactPoints is ContactPointListField with validate_contact_point:
// ids of existing contact points of the dataset's organization (or owner).
func (st *state) datasetContactPoints(d *dataset, v any, errs fieldErrors) {
	items, isList := v.([]any)
	if v == nil {
		d.ContactPoints = nil
		return
	}
	if !isList || len(items) == 0 {
		return
	}
	var ids, unknown []string
	for _, item := range items {
		id, _ := item.(string)
		if m, ok := item.(map[string]any); ok {
			id, _ = m["id"].(string)
		}
		if st.catalog.contactPoints[id] == nil {
			unknown = append(unknown, fmt.Sprint(item))
			continue
		}
		ids = append(ids, id)
	}
	if len(unknown) > 0 {
		errs.add("contact_points", "Unknown identifiers: "+strings.Join(unknown, ", "))
		return
	}
	for _, id := range ids {
		cp := st.catalog.contactPoints[id]
		if (d.OrgID != "" && cp.OrgID != d.OrgID) || (d.OrgID == "" && cp.OwnerID != d.OwnerID) {
			errs.add("contact_points", "Wrong contact point id or contact point ownership mismatch")
			return
		}
	}
	d.ContactPoints = ids
}

// datasetAccessCheck is Dataset.clean's part on access: one condition per
// role, a valid request URL, and no licence without an open access.
func datasetAccessCheck(d *dataset, id string) formOutcome {
	roles := map[string]bool{}
	for _, a := range d.AccessAudiences {
		role := "\x00none"
		if a.Role != nil {
			role = *a.Role
		}
		roles[role] = true
	}
	if len(roles) != len(d.AccessAudiences) {
		m := "You can only set one condition for a given access audience role"
		return formOutcome{modelErrs: map[string]any{"__all__": m},
			modelMsg: fmt.Sprintf("ValidationError (Dataset:%s) (access_audiences.%s: ['__all__'])", id, m)}
	}
	if u := d.AuthorizationRequestURL; u != nil {
		if _, m := validateURL(*u); m != "" {
			return formOutcome{modelErrs: map[string]any{"authorization_request_url": m},
				modelMsg: fmt.Sprintf("ValidationError (Dataset:%s) (%s: ['authorization_request_url'])", id, m)}
		}
	}
	d.ClearedLicense = false
	if d.AccessType != "" && d.AccessType != "open" {
		d.ClearedLicense = d.License != nil
		d.License = nil
	}
	return formOutcome{}
}

// renderDatasetAccess fills a dataset body's access rules and contact points.
func (c *call) renderDatasetAccess(d *dataset, b *datasetBody) {
	if d.AccessType != "" {
		b.AccessType = d.AccessType
	}
	for _, a := range d.AccessAudiences {
		b.AccessAudiences = append(b.AccessAudiences, map[string]any{"role": a.Role, "condition": a.Condition})
	}
	b.AuthorizationRequestURL = d.AuthorizationRequestURL
	b.AccessTypeReasonCategory = d.AccessTypeReasonCategory
	b.AccessTypeReason = d.AccessTypeReason
	cat := c.s.catalog()
	for _, id := range d.ContactPoints {
		if cp := cat.contactPoints[id]; cp != nil {
			b.ContactPoints = append(b.ContactPoints, c.renderContactPoint(cp))
		}
	}
}
