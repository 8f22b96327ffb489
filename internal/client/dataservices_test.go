package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// emulatorClients starts an emulator and returns a client for a key.
func emulatorClients(t *testing.T) (*emulator.Server, func(key string) *client.Client) {
	t.Helper()
	emu, srv := startEmulator(t, emulator.Config{})
	return emu, func(key string) *client.Client {
		c, err := client.New(client.Config{BaseURL: srv.URL, APIKey: key, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
}

func TestDataservicesAgainstEmulator(t *testing.T) {
	emu, mk := emulatorClients(t)
	alice, bob, anon := mk(emulator.AliceKey), mk(emulator.BobKey), mk("")
	ctx := context.Background()

	ds, err := alice.Datasets.Create(ctx, &client.DatasetInput{Title: "Served", Description: "d", Organization: emulator.OrgID})
	if err != nil {
		t.Fatal(err)
	}
	in := &client.DataserviceInput{
		Title: "Client API", Description: "An API.", BaseAPIURL: ptr("https://api.example.org/"),
		Availability: ptr(99.9), Format: ptr("REST"), License: ptr("lov2"), Tags: []string{"api"},
		Datasets: []string{ds.ID}, Extras: map[string]any{"k": "v"}, Organization: emulator.OrgID,
		AccessRules: client.AccessRules{AccessType: client.AccessRestricted,
			AccessAudiences: []client.AccessAudience{{Role: ptr("private"), Condition: ptr("no")}}},
	}
	d, err := alice.Dataservices.Create(ctx, in)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if d.Slug != "client-api" || d.Organization == nil || d.Organization.ID != emulator.OrgID || d.Datasets.Total != 1 ||
		d.AccessType != client.AccessRestricted || len(d.AccessAudiences) != 1 || *d.Availability != 99.9 {
		t.Errorf("created %+v", d)
	}
	ids, err := alice.Dataservices.DatasetIDs(ctx, d.ID)
	if err != nil || !slices.Equal(ids, []string{ds.ID}) {
		t.Errorf("DatasetIDs = %v, %v", ids, err)
	}
	if got, err := anon.Dataservices.Get(ctx, d.Slug); err != nil || got.ID != d.ID {
		t.Errorf("Get by slug = %+v, %v", got, err)
	}

	// nil extras are left out of the PATCH: udata keeps them.
	kept, err := alice.Dataservices.Update(ctx, d.ID, &client.DataserviceInput{Title: "Client API"})
	if err != nil {
		t.Fatalf("Update without extras: %v", err)
	}
	if kept.Extras["k"] != "v" {
		t.Errorf("Update without extras: extras %v, want them kept", kept.Extras)
	}

	// Update sends the whole state: what is left out is cleared (extras
	// when sent empty).
	upd := &client.DataserviceInput{Title: "Client API", Organization: "ignored on update", Extras: map[string]any{}}
	d, err = alice.Dataservices.Update(ctx, d.ID, upd)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if d.BaseAPIURL != nil || d.License != nil || len(d.Tags) != 0 || d.Datasets.Total != 0 || len(d.Extras) != 0 ||
		d.AccessType != client.AccessOpen || d.Organization == nil {
		t.Errorf("updated %+v", d)
	}
	if _, err := bob.Dataservices.Update(ctx, d.ID, upd); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("Update by a stranger: %v", err)
	}
	_, err = alice.Dataservices.Update(ctx, d.ID, &client.DataserviceInput{Title: "x", Format: ptr("SOAP")})
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || len(apiErr.FieldErrors["format"]) != 1 {
		t.Errorf("bad format: %v", err)
	}

	// Soft delete, then restore.
	if err := alice.Dataservices.Delete(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if err := alice.Dataservices.Delete(ctx, d.ID); !errors.Is(err, client.ErrGone) {
		t.Errorf("second Delete: %v", err)
	}
	if _, err := anon.Dataservices.Get(ctx, d.ID); !errors.Is(err, client.ErrGone) {
		t.Errorf("Get of a deleted dataservice by a stranger: %v", err)
	}
	if got, err := alice.Dataservices.Get(ctx, d.ID); err != nil || got.DeletedAt == nil {
		t.Errorf("Get of a deleted dataservice by its editor: %+v, %v", got, err)
	}
	if _, err := alice.Dataservices.Update(ctx, d.ID, upd); !errors.Is(err, client.ErrGone) {
		t.Errorf("Update of a deleted dataservice: %v", err)
	}
	if d, err = alice.Dataservices.Restore(ctx, d.ID, upd); err != nil || d.DeletedAt != nil {
		t.Fatalf("Restore: %+v, %v", d, err)
	}

	page, err := alice.Dataservices.List(ctx, client.DataserviceListOptions{Organization: emulator.OrgID, Sort: "-created", PageSize: 10})
	if err != nil || page.Total != 1 || page.Data[0].ID != d.ID {
		t.Errorf("List = %+v, %v", page, err)
	}
	_ = alice.Dataservices.Delete(ctx, d.ID)
	emu.Purge()
	if _, err := alice.Dataservices.Get(ctx, d.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after purge: %v", err)
	}
}

// TestDataservicePatchBody: the PATCH carries every field, lists as [] and
// never the organization, nor nil extras; a restore adds "deleted_at": null.
func TestDataservicePatchBody(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, 200, `{"id": "x", "datasets": {"href": "h", "total": 0}}`)
	})
	c, _ := newClient(t, rec.URL)
	ctx := context.Background()
	in := &client.DataserviceInput{Title: "T", Organization: "org"}
	if _, err := c.Dataservices.Update(ctx, "x", in); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Dataservices.Restore(ctx, "x", in); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{false, true} {
		req := rec.requests()[i]
		var body map[string]any
		if err := json.Unmarshal(req.Body, &body); err != nil {
			t.Fatal(err)
		}
		if req.Method != http.MethodPatch || req.Path != "/api/1/dataservices/x/" {
			t.Errorf("%s %s", req.Method, req.Path)
		}
		for _, k := range []string{"tags", "datasets", "contact_points", "access_audiences"} {
			if l, ok := body[k].([]any); !ok || len(l) != 0 {
				t.Errorf("%s = %#v, want []", k, body[k])
			}
		}
		if _, ok := body["organization"]; ok {
			t.Errorf("organization sent on a PATCH: %s", req.Body)
		}
		if v, ok := body["acronym"]; !ok || v != nil {
			t.Errorf("acronym = %#v, want an explicit null", v)
		}
		if _, ok := body["extras"]; body["access_type"] != "open" || ok {
			t.Errorf("access_type %v extras %v, want open and nil extras left out (udata keeps them)", body["access_type"], body["extras"])
		}
		if v, ok := body["deleted_at"]; ok != want || v != nil {
			t.Errorf("deleted_at present=%v value=%v, want present=%v", ok, v, want)
		}
	}
}

// The extras an update writes back are the numbers udata wrote: 1.0 stays
// a float, an integer beyond 2^53 keeps every digit.
func TestDataserviceExtrasNumbersRoundTrip(t *testing.T) {
	var d client.Dataservice
	if err := json.Unmarshal([]byte(`{"id": "x", "extras": {"ratio": 1.0, "big": 12345678901234567891, "n": 3}}`), &d); err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(client.DataserviceInput{Extras: d.Extras})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"ratio":1.0`, `"big":12345678901234567891`, `"n":3`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("body %s lacks %s", body, want)
		}
	}
}

func TestDataserviceDatasetsDecoding(t *testing.T) {
	for raw, want := range map[string]client.DataserviceDatasets{
		`{"datasets": {"href": "h", "rel": "subsection", "total": 3, "type": "GET"}}`: {Total: 3},
		`{"datasets": ["a", "b"]}`:                  {Total: 2, IDs: []string{"a", "b"}},
		`{"datasets": [{"id": "a", "title": "A"}]}`: {Total: 1, IDs: []string{"a"}},
	} {
		var d client.Dataservice
		if err := json.Unmarshal([]byte(raw), &d); err != nil || d.Datasets.Total != want.Total || !slices.Equal(d.Datasets.IDs, want.IDs) {
			t.Errorf("%s: %+v, %v", raw, d.Datasets, err)
		}
	}
}
