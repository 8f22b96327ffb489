package client_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

func TestContactPointsAgainstEmulator(t *testing.T) {
	_, mk := emulatorClients(t)
	alice, bob := mk(emulator.AliceKey), mk(emulator.BobKey)
	ctx := context.Background()

	in := &client.ContactPointInput{Name: "Data team", Email: ptr("data@example.org"), Role: "contact", Organization: emulator.OrgID}
	cp, err := alice.ContactPoints.Create(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if cp.Organization == nil || cp.Organization.ID != emulator.OrgID || cp.Owner != nil || *cp.Email != "data@example.org" {
		t.Errorf("created %+v", cp)
	}
	// udata's POST is a get_or_create: the same body is the same object.
	if again, err := alice.ContactPoints.Create(ctx, in); err != nil || again.ID != cp.ID {
		t.Errorf("second Create = %+v, %v", again, err)
	}
	page, err := alice.ContactPoints.ListByOrganization(ctx, emulator.OrgID, 1, 10)
	if err != nil || page.Total != 1 || page.Data[0].ID != cp.ID {
		t.Errorf("ListByOrganization = %+v, %v", page, err)
	}
	if page, err := alice.ContactPoints.ListByUser(ctx, emulator.AliceID, 0, 0); err != nil || page.Total != 0 {
		t.Errorf("ListByUser = %+v, %v", page, err)
	}

	upd := &client.ContactPointInput{Name: "Data team", ContactForm: ptr("https://example.org/contact"), Role: "publisher"}
	if cp, err = alice.ContactPoints.Update(ctx, cp.ID, upd); err != nil || cp.Email != nil || cp.Role != "publisher" {
		t.Fatalf("Update = %+v, %v", cp, err)
	}
	if _, err := bob.ContactPoints.Update(ctx, cp.ID, upd); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("Update by a stranger: %v", err)
	}
	_, err = alice.ContactPoints.Create(ctx, &client.ContactPointInput{Name: "Nobody", Role: "contact"})
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.Message == "" {
		t.Errorf("contact without email nor form: %v", err)
	}

	roles, err := alice.Reference.ContactPointRoles(ctx)
	if err != nil || len(roles) != 11 || roles[0].ID != "contact" {
		t.Errorf("roles = %v, %v", roles, err)
	}
	cats, err := alice.Reference.AccessReasonCategories(ctx)
	if err != nil || len(cats) != 8 || cats[0].Value == "" {
		t.Errorf("reason categories = %v, %v", cats, err)
	}

	if err := alice.ContactPoints.Delete(ctx, cp.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.ContactPoints.Get(ctx, cp.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
}

// TestContactPointCreateIsRetried: a POST whose answer was lost is sent
// again, since udata's get_or_create makes it safe.
func TestContactPointCreateIsRetried(t *testing.T) {
	var calls atomic.Int32
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		if calls.Add(1) == 1 {
			writeJSON(w, http.StatusBadGateway, `{}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"id": "cp1", "name": "N", "role": "creator"}`)
	})
	c, _ := newClient(t, rec.URL)
	cp, err := c.ContactPoints.Create(context.Background(), &client.ContactPointInput{Name: "N", Role: "creator"})
	if err != nil || cp.ID != "cp1" || rec.count() != 2 {
		t.Fatalf("Create = %+v, %v after %d requests", cp, err, rec.count())
	}
}
