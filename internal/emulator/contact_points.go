package emulator

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// Contact points: udata's core/contact_point. Anyone reads one; its owner
// (a user, or the editors of an organization) writes it. A POST is a
// get_or_create: the same fields for the same owner answer the existing
// contact point with 200 instead of a new one with 201. DELETE is for good,
// and takes the contact point out of every dataservice.

// contactRoles is CONTACT_ROLES, in declaration order.
var contactRoles = []choice{
	{"contact", "Contact"}, {"creator", "Creator"}, {"publisher", "Publisher"}, {"rightsHolder", "Rights Holder"},
	{"custodian", "Custodian"}, {"distributor", "Distributor"}, {"originator", "Originator"},
	{"principalInvestigator", "Principal Investigator"}, {"processor", "Processor"},
	{"resourceProvider", "Resource Provider"}, {"user", "User"},
}

func contactRoleIDs() []string {
	out := make([]string, len(contactRoles))
	for i, r := range contactRoles {
		out[i] = r.ID
	}
	return out
}

var cpFieldOrder = []string{"owner", "organization", "name", "email", "contact_form", "role"}

// reNameURL approximates urlextract, which check_no_urls runs on a name: a
// scheme, "www." or a dotted name ending in a common top-level domain.
var reNameURL = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://\S|\bwww\.\S|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|fr|eu|io|info|gouv|edu|gov|de|be|ch|uk)\b)`)

// reEmail approximates email_validator without deliverability checks: one
// @, no white space, a dotted domain that is not a special-use name.
var reEmail = regexp.MustCompile(`^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$`)

func validEmail(s string) bool {
	if !reEmail.MatchString(s) {
		return false
	}
	tld := s[strings.LastIndex(s, ".")+1:]
	return !slices.Contains([]string{"local", "localhost", "test", "invalid", "onion", "arpa"}, strings.ToLower(tld))
}

// patchContactPoint applies a POST or PUT body to cp (a copy).
func (c *call) patchContactPoint(cp *contactPoint, body modelBody, create bool) (typeErrs saveErrors, fail answer) {
	owner := ownerFields{OwnerID: cp.OwnerID, OrgID: cp.OrgID}
	for _, key := range body.keys {
		v := body.fields[key]
		switch key {
		case "name", "email", "contact_form", "role":
			s, good := stringValue(v)
			if !good {
				typeErrs.add(key, msgStringType)
				continue
			}
			if s != nil {
				switch key {
				case "name":
					if reNameURL.MatchString(*s) {
						return typeErrs, fieldRefusal(key, "URLs not allowed in this field")
					}
				case "email":
					if !validEmail(*s) {
						return typeErrs, fieldRefusal(key, "Invalid email address")
					}
				case "role":
					if fail := choiceRefusal(key, *s, contactRoleIDs()); fail != nil {
						return typeErrs, fail
					}
				case "contact_form":
					trimmed := strings.TrimSpace(*s) // URLField.to_python
					s = &trimmed
				}
			}
			switch key {
			case "name":
				cp.Name = derefOr(s)
			case "email":
				cp.Email = s
			case "contact_form":
				cp.ContactForm = s
			case "role":
				cp.Role = derefOr(s)
			}
		case "owner", "organization":
			if fail := c.patchOwner(&owner, key, v, create); fail != nil {
				return typeErrs, fail
			}
		}
	}
	cp.OwnerID, cp.OrgID = owner.OwnerID, owner.OrgID
	if cp.OrgID != "" {
		cp.OwnerID = ""
	}
	return typeErrs, nil
}

// validateContactPoint is ContactPoint.validate: its own rule first, then
// the fields'.
func validateContactPoint(cp *contactPoint, typeErrs saveErrors) answer {
	if cp.Role == "contact" && cp.Email == nil && cp.ContactForm == nil {
		return messageRefusal("At least an email or a contact form is required for a contact point")
	}
	errs := typeErrs
	if cp.Name == "" {
		errs.add("name", msgFieldRequired)
	}
	if cp.Role == "" {
		errs.add("role", msgFieldRequired)
	}
	checkString(&errs, "name", strPtrOrNil(cp.Name), 255, false)
	checkString(&errs, "email", cp.Email, 255, false)
	checkString(&errs, "contact_form", cp.ContactForm, 0, true)
	return errs.refusal("ContactPoint", cp.ID, cpFieldOrder)
}

func strPtrOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// sameFields is the MASK_FIELDS comparison of the duplicate checks.
func (cp *contactPoint) sameFields(o *contactPoint) bool {
	return cp.Name == o.Name && derefOr(cp.Email) == derefOr(o.Email) && (cp.Email == nil) == (o.Email == nil) &&
		derefOr(cp.ContactForm) == derefOr(o.ContactForm) && (cp.ContactForm == nil) == (o.ContactForm == nil) && cp.Role == o.Role
}

func (c *call) createContactPoint() {
	writeAfterReading(c, (*call).readModelBody, func(body modelBody) {
		cp := &contactPoint{}
		typeErrs, fail := c.patchContactPoint(cp, body, true)
		if fail != nil {
			fail(c.w)
			return
		}
		if cp.OwnerID == "" && cp.OrgID == "" {
			cp.OwnerID = c.user.ID
		}
		cat := c.s.catalog()
		for _, id := range cat.cpOrder {
			if o := cat.contactPoints[id]; o.sameFields(cp) && o.OwnerID == cp.OwnerID && o.OrgID == cp.OrgID {
				writeJSON(c.w, http.StatusOK, c.renderContactPoint(o))
				return
			}
		}
		if fail := validateContactPoint(cp, typeErrs); fail != nil {
			fail(c.w)
			return
		}
		cp.ID = newObjectID()
		cat.contactPoints[cp.ID] = cp
		cat.cpOrder = append(cat.cpOrder, cp.ID)
		writeJSON(c.w, http.StatusCreated, c.renderContactPoint(cp))
	})
}

func (c *call) getContactPoint() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, c.renderContactPoint(c.pathContactPoint()))
}

func (c *call) pathContactPoint() *contactPoint {
	return c.s.catalog().contactPoints[c.catalogParam()]
}

func (c *call) updateContactPoint() {
	writeAfterReading(c, (*call).readModelBody, func(body modelBody) {
		cur := c.pathContactPoint()
		if !c.s.st.ownedEdit(c.user, cur.OrgID, cur.OwnerID) {
			writeMessage(c.w, http.StatusForbidden, msgForbidden)
			return
		}
		cp := *cur
		typeErrs, fail := c.patchContactPoint(&cp, body, false)
		if fail != nil {
			fail(c.w)
			return
		}
		// Any owner's contact point with the same fields refuses the change.
		for id, o := range c.s.catalog().contactPoints {
			if id != cp.ID && o.sameFields(&cp) {
				fieldRefusal("name", "An existing contact point already exists with these informations.")(c.w)
				return
			}
		}
		if fail := validateContactPoint(&cp, typeErrs); fail != nil {
			fail(c.w)
			return
		}
		*cur = cp
		writeJSON(c.w, http.StatusOK, c.renderContactPoint(cur))
	})
}

func (c *call) deleteContactPoint() {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	cp := c.pathContactPoint()
	if !c.s.st.ownedEdit(c.user, cp.OrgID, cp.OwnerID) {
		writeMessage(c.w, http.StatusForbidden, msgForbidden)
		return
	}
	c.s.catalog().removeContactPoint(cp.ID)
	c.w.WriteHeader(http.StatusNoContent)
}

// listOwnedContactPoints answers the contact points of an organization
// (ownerOrg) or a user, in creation order, one page at a time.
func (c *call) listOwnedContactPoints(ownerOrg, ownerUser string) {
	q := parseQuery(c.r.URL.RawQuery)
	page, pageSize, ok := c.paginationArgs(q)
	if !ok {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	cat := c.s.catalog()
	var hits []*contactPoint
	for _, id := range cat.cpOrder {
		cp := cat.contactPoints[id]
		if ownerOrg != "" && cp.OrgID == ownerOrg || ownerUser != "" && cp.OwnerID == ownerUser {
			hits = append(hits, cp)
		}
	}
	c.writePage(q, page, pageSize, len(hits), func(start, end int) []any {
		out := make([]any, 0, end-start)
		for _, cp := range hits[start:end] {
			out = append(out, c.renderContactPoint(cp))
		}
		return out
	})
}

func (c *call) listOrgContactPoints() { c.listOwnedContactPoints(c.orgID, "") }

func (c *call) listUserContactPoints() {
	c.listOwnedContactPoints("", c.catalogParam())
}

func (c *call) renderContactPoint(cp *contactPoint) map[string]any {
	st := c.s.st
	body := map[string]any{
		"id": cp.ID, "name": cp.Name, "email": cp.Email, "contact_form": cp.ContactForm, "role": cp.Role,
		"organization": nil, "owner": nil,
	}
	if o := st.orgs[cp.OrgID]; o != nil {
		body["organization"] = c.orgRef(o)
	}
	if u := st.userByID(cp.OwnerID); u != nil {
		body["owner"] = c.userRef(u)
	}
	return body
}
