package emulator

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// Conformance of the dataservice endpoints, one case per behaviour the
// provider relies on; TestDifferentialCatalog proves them against udata.

func (e *env) createDataservice(fields map[string]any) resp {
	e.t.Helper()
	body := map[string]any{"title": "An API", "organization": OrgID}
	for k, v := range fields {
		if v == nil {
			delete(body, k)
		} else {
			body[k] = v
		}
	}
	return e.do(http.MethodPost, "/api/1/dataservices/", AliceKey, body).want(e.t, http.StatusCreated)
}

func TestDataserviceCreateDefaults(t *testing.T) {
	e := newEnv(t, Config{})
	r := e.createDataservice(map[string]any{"organization": nil})
	body := r.obj()
	for k, want := range map[string]any{
		"access_type": "open", "description": "", "license": nil, "format": nil, "private": false,
		"archived_at": nil, "deleted_at": nil, "organization": nil, "availability": nil,
	} {
		if body[k] != want {
			t.Errorf("%s = %#v, want %#v", k, body[k], want)
		}
	}
	if r.str("owner.id") != AliceID || r.str("slug") != "an-api" || !strings.HasSuffix(r.str("self_api_url"), "/api/1/dataservices/an-api/") {
		t.Errorf("owner/slug/self_api_url: %s", r.raw)
	}
	if dig(r.body, "datasets.total") != float64(0) || len(dig(r.body, "contact_points").([]any)) != 0 {
		t.Errorf("datasets/contact_points: %s", r.raw)
	}
	if again := e.createDataservice(nil); again.str("slug") != "an-api-1" {
		t.Errorf("second slug %q, want an-api-1", again.str("slug"))
	}
}

func TestDataservicePatchKeepsAbsentAndClearsNull(t *testing.T) {
	e := newEnv(t, Config{})
	id := e.createDataservice(map[string]any{"acronym": "A", "license": "lov2", "format": "REST",
		"extras": map[string]any{"a": "1", "b": "2"}, "tags": []any{"zeta", "alpha-tag"}}).str("id")
	p := "/api/1/dataservices/" + id + "/"
	r := e.do(http.MethodPatch, p, AliceKey, map[string]any{"description": "x"}).want(t, http.StatusOK)
	if r.str("acronym") != "A" || r.str("license") != "lov2" || r.str("format") != "REST" {
		t.Errorf("absent fields changed: %s", r.raw)
	}
	r = e.do(http.MethodPatch, p, AliceKey, map[string]any{"acronym": nil, "license": nil, "format": "", "extras": map[string]any{"c": "3"}}).want(t, http.StatusOK)
	if r.obj()["acronym"] != nil || r.obj()["license"] != nil || r.obj()["format"] != nil {
		t.Errorf("null or blank fields kept: %s", r.raw)
	}
	if ex := r.obj()["extras"].(map[string]any); len(ex) != 1 || ex["c"] != "3" {
		t.Errorf("extras = %v, want replaced by {c: 3}", ex)
	}
	if tags := r.obj()["tags"].([]any); len(tags) != 2 || tags[0] != "alpha-tag" {
		t.Errorf("tags = %v, want sorted", tags)
	}
	e.do(http.MethodPut, p, AliceKey, map[string]any{"title": "x"}).want(t, http.StatusMethodNotAllowed)
	e.do(http.MethodPatch, p, AliceKey, map[string]any{"datasets": nil}).want(t, http.StatusInternalServerError)
	e.do(http.MethodPatch, p, BobKey, map[string]any{"title": "x"}).want(t, http.StatusForbidden)
	r = e.do(http.MethodPatch, p, AliceKey, map[string]any{"organization": OtherOrgID}).want(t, http.StatusBadRequest)
	if r.str("errors.organization") != "Permission denied for this organization" {
		t.Errorf("organization change: %s", r.raw)
	}
	// Site admins may move it (udata's only_creation lets them through).
	if r := e.do(http.MethodPatch, p, AdminKey, map[string]any{"organization": OtherOrgID}).want(t, http.StatusOK); r.str("organization.id") != OtherOrgID {
		t.Errorf("admin's organization change: %s", r.raw)
	}
}

func TestDataserviceValidation(t *testing.T) {
	e := newEnv(t, Config{})
	r := e.do(http.MethodPost, "/api/1/dataservices/", AliceKey, map[string]any{"base_api_url": "bad", "tags": []any{"a"}}).want(t, http.StatusBadRequest)
	if r.str("message") != `ValidationError (Dataservice:None) (Field is required: ['title'] Invalid URL "bad": ['base_api_url'] Tag "a" must be between 3 and 96 characters long.: ['tags'])` {
		t.Errorf("save errors: %s", r.raw)
	}
	// The first refused field in the body's order.
	r = e.do(http.MethodPost, "/api/1/dataservices/", AliceKey, `{"title": "x", "license": "nope", "format": "SOAP"}`,
		"Content-Type", "application/json").want(t, http.StatusBadRequest)
	if r.str("message") != "Unknown reference 'nope'" || r.str("errors.license") == "" {
		t.Errorf("first patch error: %s", r.raw)
	}
	r = e.do(http.MethodPost, "/api/1/dataservices/", AliceKey, map[string]any{"title": "x", "access_type": "restricted",
		"access_audiences": []any{map[string]any{"role": "private", "condition": "no"}, map[string]any{"role": "private", "condition": "yes"}}}).want(t, http.StatusBadRequest)
	if r.str("errors.access_audiences") != "You can only set one condition for a given access audience role" {
		t.Errorf("audiences: %s", r.raw)
	}
	r = e.do(http.MethodPost, "/api/1/dataservices/", BobKey, map[string]any{"title": "x", "organization": OrgID}).want(t, http.StatusBadRequest)
	if r.str("errors.organization") != "Permission denied for this organization" {
		t.Errorf("foreign organization: %s", r.raw)
	}
}

func TestDataserviceAccessRules(t *testing.T) {
	e := newEnv(t, Config{})
	id := e.createDataservice(map[string]any{"license": "lov2", "access_type": "restricted",
		"access_audiences": []any{map[string]any{"role": "private", "condition": "no"}}}).str("id")
	p := "/api/1/dataservices/" + id + "/"
	r := e.do(http.MethodGet, p, "", nil).want(t, http.StatusOK)
	if r.str("license") != "lov2" || len(r.obj()["access_audiences"].([]any)) != 1 {
		t.Errorf("restricted: the licence and audiences are kept: %s", r.raw)
	}
	r = e.do(http.MethodPatch, p, AliceKey, map[string]any{"access_type": "open_with_account"}).want(t, http.StatusOK)
	if len(r.obj()["access_audiences"].([]any)) != 0 {
		t.Errorf("audiences kept without restricted access: %s", r.raw)
	}
}

func TestDataserviceSoftDeleteAndRestore(t *testing.T) {
	e := newEnv(t, Config{})
	id := e.createDataservice(nil).str("id")
	p := "/api/1/dataservices/" + id + "/"
	e.do(http.MethodDelete, p, BobKey, nil).want(t, http.StatusForbidden)
	e.do(http.MethodDelete, p, AliceKey, nil).want(t, http.StatusNoContent)
	if r := e.do(http.MethodGet, p, AliceKey, nil).want(t, http.StatusOK); r.str("deleted_at") == "" {
		t.Errorf("an editor reads a deleted dataservice with deleted_at: %s", r.raw)
	}
	if r := e.do(http.MethodGet, p, "", nil).want(t, http.StatusGone); r.str("message") != msgDataserviceDeleted {
		t.Errorf("anonymous: %s", r.raw)
	}
	e.do(http.MethodPatch, p, AliceKey, map[string]any{"title": "x"}).want(t, http.StatusGone)
	e.do(http.MethodDelete, p, AliceKey, nil).want(t, http.StatusGone)
	r := e.do(http.MethodPatch, p, AliceKey, map[string]any{"deleted_at": nil, "description": "back"}).want(t, http.StatusOK)
	if r.obj()["deleted_at"] != nil || r.str("description") != "back" {
		t.Errorf("restore: %s", r.raw)
	}
	e.do(http.MethodDelete, p, AliceKey, nil).want(t, http.StatusNoContent)
	if ids := e.srv.purge(); !slices.Equal(ids, []string{id}) {
		t.Errorf("purged %v", ids)
	}
	e.do(http.MethodGet, p, AliceKey, nil).want(t, http.StatusNotFound)
}

func TestDataservicePrivateAndSlugs(t *testing.T) {
	e := newEnv(t, Config{})
	r := e.createDataservice(map[string]any{"private": true})
	p := "/api/1/dataservices/" + r.str("id") + "/"
	e.do(http.MethodGet, p, "", nil).want(t, http.StatusNotFound)
	e.do(http.MethodGet, p, BobKey, nil).want(t, http.StatusNotFound)
	e.do(http.MethodGet, p, AdminKey, nil).want(t, http.StatusOK)
	e.do(http.MethodGet, "/api/1/dataservices/an-api/", AliceKey, nil).want(t, http.StatusOK)
	e.do(http.MethodPatch, p, AliceKey, map[string]any{"title": "Renamed API"}).want(t, http.StatusOK)
	if r := e.do(http.MethodGet, "/api/1/dataservices/an-api/", AliceKey, nil).want(t, http.StatusPermanentRedirect); !strings.HasSuffix(r.header.Get("Location"), "/api/1/dataservices/renamed-api/") {
		t.Errorf("old slug redirects to %q", r.header.Get("Location"))
	}
}

func TestDataserviceListingAndDatasetsFilter(t *testing.T) {
	e := newEnv(t, Config{})
	ds1 := e.createDataset(map[string]any{"title": "One"}).str("id")
	ds2 := e.createDataset(map[string]any{"title": "Two", "private": true}).str("id")
	e.createDataset(map[string]any{"title": "Three"})
	id := e.createDataservice(map[string]any{"datasets": []any{ds1, ds2}, "tags": []any{"listed"}}).str("id")
	e.createDataservice(map[string]any{"title": "Private API", "private": true, "tags": []any{"listed"}})

	r := e.do(http.MethodGet, "/api/1/datasets/?dataservice="+id, AliceKey, nil).want(t, http.StatusOK)
	if r.obj()["total"] != float64(2) {
		t.Errorf("served datasets for their owner: %s", r.raw)
	}
	r = e.do(http.MethodGet, "/api/1/datasets/?dataservice="+id, "", nil).want(t, http.StatusOK)
	if r.obj()["total"] != float64(1) || firstItem(r, "id") != ds1 {
		t.Errorf("served datasets for anyone: %s", r.raw)
	}
	r = e.do(http.MethodGet, "/api/1/datasets/?dataservice="+id+"&page_size=1", AliceKey, nil).want(t, http.StatusOK)
	if r.obj()["next_page"] == nil || !strings.Contains(r.obj()["next_page"].(string), "dataservice="+id) {
		t.Errorf("next page keeps the filter: %s", r.raw)
	}
	e.do(http.MethodGet, "/api/1/datasets/?dataservice=nope", AliceKey, nil).want(t, http.StatusBadRequest)

	if r := e.do(http.MethodGet, "/api/1/dataservices/?tag=listed", "", nil).want(t, http.StatusOK); r.obj()["total"] != float64(1) {
		t.Errorf("anonymous listing: %s", r.raw)
	}
	if r := e.do(http.MethodGet, "/api/1/dataservices/?tag=listed&sort=-created", AliceKey, nil).want(t, http.StatusOK); r.obj()["total"] != float64(2) || firstItem(r, "title") != "Private API" {
		t.Errorf("owner's listing, newest first: %s", r.raw)
	}
}

func TestDataserviceReadOnlyMode(t *testing.T) {
	e := newEnv(t, Config{})
	id := e.createDataservice(nil).str("id")
	e.srv.SetReadOnly(true)
	e.do(http.MethodPost, "/api/1/dataservices/", AliceKey, map[string]any{"title": "x"}).want(t, http.StatusLocked)
	e.do(http.MethodPost, "/api/1/contacts/", AliceKey, map[string]any{"name": "x", "role": "creator"}).want(t, http.StatusLocked)
	// Only creations are blocked, as on udata.
	e.do(http.MethodPatch, "/api/1/dataservices/"+id+"/", AliceKey, map[string]any{"title": "y"}).want(t, http.StatusOK)
}

// firstItem is a field of the first item of a page.
func firstItem(r resp, field string) any {
	data, _ := r.obj()["data"].([]any)
	if len(data) == 0 {
		return nil
	}
	item, _ := data[0].(map[string]any)
	return item[field]
}
