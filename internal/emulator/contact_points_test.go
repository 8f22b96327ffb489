package emulator

import (
	"net/http"
	"testing"
)

// Conformance of the contact point endpoints.

func TestContactPointGetOrCreate(t *testing.T) {
	e := newEnv(t, Config{})
	body := map[string]any{"name": "Jane", "email": "jane@example.org", "role": "contact", "organization": OrgID}
	first := e.do(http.MethodPost, "/api/1/contacts/", AliceKey, body).want(t, http.StatusCreated)
	again := e.do(http.MethodPost, "/api/1/contacts/", AliceKey, body).want(t, http.StatusOK)
	if first.str("id") != again.str("id") || first.str("organization.id") != OrgID || first.obj()["owner"] != nil {
		t.Errorf("get_or_create: %s then %s", first.raw, again.raw)
	}
	delete(body, "organization")
	own := e.do(http.MethodPost, "/api/1/contacts/", AliceKey, body).want(t, http.StatusCreated)
	if own.str("id") == first.str("id") || own.str("owner.id") != AliceID {
		t.Errorf("same fields, another owner: a new contact point: %s", own.raw)
	}
	r := e.do(http.MethodGet, "/api/1/organizations/"+OrgID+"/contacts/", "", nil).want(t, http.StatusOK)
	if r.obj()["total"] != float64(1) || firstItem(r, "id") != first.str("id") {
		t.Errorf("organization's contact points: %s", r.raw)
	}
	r = e.do(http.MethodGet, "/api/1/users/"+AliceID+"/contacts/", "", nil).want(t, http.StatusOK)
	if r.obj()["total"] != float64(1) || firstItem(r, "id") != own.str("id") {
		t.Errorf("user's contact points: %s", r.raw)
	}
}

func TestContactPointValidation(t *testing.T) {
	e := newEnv(t, Config{})
	for _, tc := range []struct {
		body       map[string]any
		field, msg string
	}{
		{map[string]any{"name": "Jane", "role": "contact"}, "", "At least an email or a contact form is required for a contact point"},
		{map[string]any{"name": "Jane", "role": "boss"}, "role", "'boss' is not a valid choice. Valid choices: ['contact', 'creator', 'publisher', 'rightsHolder', 'custodian', 'distributor', 'originator', 'principalInvestigator', 'processor', 'resourceProvider', 'user']"},
		{map[string]any{"name": "see https://example.org", "role": "creator"}, "name", "URLs not allowed in this field"},
		{map[string]any{"name": "Jane", "role": "creator", "email": "jane"}, "email", "Invalid email address"},
		{map[string]any{"name": "", "role": "creator"}, "name", "Field is required"},
		{map[string]any{"name": "Jane", "role": "creator", "contact_form": "nope"}, "contact_form", `Invalid URL "nope"`},
		{map[string]any{"name": "Jane", "role": "creator", "organization": OtherOrgID}, "organization", "Permission denied for this organization"},
	} {
		r := e.do(http.MethodPost, "/api/1/contacts/", AliceKey, tc.body).want(t, http.StatusBadRequest)
		if got := r.str("errors." + tc.field); tc.field != "" && got != tc.msg {
			t.Errorf("%v: errors.%s = %q, want %q", tc.body, tc.field, got, tc.msg)
		}
		if tc.field == "" && r.str("message") != tc.msg {
			t.Errorf("%v: message %q, want %q", tc.body, r.str("message"), tc.msg)
		}
	}
}

func TestContactPointUpdateAndDelete(t *testing.T) {
	e := newEnv(t, Config{})
	cp := e.do(http.MethodPost, "/api/1/contacts/", AliceKey, map[string]any{"name": "Jane", "email": "jane@example.org", "role": "contact", "organization": OrgID}).want(t, http.StatusCreated).str("id")
	other := e.do(http.MethodPost, "/api/1/contacts/", AliceKey, map[string]any{"name": "Joe", "role": "creator"}).want(t, http.StatusCreated).str("id")
	p := "/api/1/contacts/" + cp + "/"
	r := e.do(http.MethodPut, p, AliceKey, map[string]any{"role": "publisher"}).want(t, http.StatusOK)
	if r.str("email") != "jane@example.org" || r.str("role") != "publisher" {
		t.Errorf("PUT keeps absent fields: %s", r.raw)
	}
	r = e.do(http.MethodPut, p, AliceKey, map[string]any{"email": ""}).want(t, http.StatusOK)
	if r.obj()["email"] != nil {
		t.Errorf("blank email kept: %s", r.raw)
	}
	r = e.do(http.MethodPut, p, AliceKey, map[string]any{"name": "Joe", "role": "creator"}).want(t, http.StatusBadRequest)
	if r.str("errors.name") != "An existing contact point already exists with these informations." {
		t.Errorf("duplicate: %s", r.raw)
	}
	e.do(http.MethodPut, p, AliceKey, map[string]any{"organization": OtherOrgID}).want(t, http.StatusBadRequest)
	e.do(http.MethodPut, p, BobKey, map[string]any{"name": "x"}).want(t, http.StatusForbidden)

	ds := e.createDataservice(map[string]any{"contact_points": []any{cp, other}}).str("id")
	e.do(http.MethodDelete, p, BobKey, nil).want(t, http.StatusForbidden)
	e.do(http.MethodDelete, p, AliceKey, nil).want(t, http.StatusNoContent)
	e.do(http.MethodGet, p, AliceKey, nil).want(t, http.StatusNotFound)
	e.do(http.MethodDelete, p, AliceKey, nil).want(t, http.StatusNotFound)
	r = e.do(http.MethodGet, "/api/1/dataservices/"+ds+"/", AliceKey, nil).want(t, http.StatusOK)
	if cps := r.obj()["contact_points"].([]any); len(cps) != 1 || cps[0].(map[string]any)["id"] != other {
		t.Errorf("a deleted contact point leaves the dataservices: %s", r.raw)
	}
}

func TestContactPointRolesAndReasonCategories(t *testing.T) {
	e := newEnv(t, Config{})
	if r := e.do(http.MethodGet, "/api/1/contacts/roles/", "", nil).want(t, http.StatusOK); len(r.list()) != 11 {
		t.Errorf("roles: %s", r.raw)
	}
	if r := e.do(http.MethodGet, "/api/1/access_type/reason_categories/", "", nil).want(t, http.StatusOK); len(r.list()) != 8 {
		t.Errorf("reason categories: %s", r.raw)
	}
}
