package acctest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// This file gives the tests the portal's other accounts and the names the
// provider's messages show for them, so that a test written against the
// emulator's fixtures runs unchanged on real udata.

var otherOrgOnce sync.Once
var otherOrgErr error

// OtherOrganization returns an organization the main user is not a member
// of. On the emulator it is a fixture; elsewhere it is DATAGOUV_OTHER_ORGANIZATION,
// or else one created once per test run by the site administrator (any
// user may create an organization on udata; not the other user, who must
// stay without any). Skips without the administrator's key.
func OtherOrganization(t *testing.T) string {
	t.Helper()
	PreCheck(t)
	otherOrgOnce.Do(func() {
		if site.otherOrgID != "" {
			return
		}
		if site.AdminAPIKey == "" {
			return
		}
		site.otherOrgID, otherOrgErr = createOrganization(site.BaseURL, site.AdminAPIKey, RandomName("other organization"))
	})
	if otherOrgErr != nil {
		t.Fatalf("creating an organization with %s: %v", EnvAdminAPIKey, otherOrgErr)
	}
	if site.otherOrgID == "" {
		t.Skipf("needs an organization the main user is not a member of: set %s, or %s so that one is created",
			EnvOtherOrganization, EnvAdminAPIKey)
	}
	return site.otherOrgID
}

// createOrganization posts a new organization with apiKey (whose user
// becomes its administrator) and returns its id.
func createOrganization(baseURL, apiKey, name string) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	err := send(baseURL, apiKey, http.MethodPost, "/api/1/organizations/",
		map[string]string{"name": name, "description": "Created by the acceptance tests of terraform-provider-datagouv."}, &out, http.StatusCreated)
	if err == nil && out.ID == "" {
		err = errors.New("POST /api/1/organizations/ answered no id")
	}
	return out.ID, err
}

// send makes one API call with apiKey outside the provider and its client
// (which has no organization management), decoding the answer into out
// when it is not nil; any status but want is an error.
func send(baseURL, apiKey, method, path string, body, out any, want int) error {
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return err
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, strings.TrimRight(baseURL, "/")+path, reader)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-KEY", apiKey)
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s answered %s: %.300s", method, path, resp.Status, raw)
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// OutOfBand makes one API call with the main key, outside the provider,
// the way the web interface or another tool writes; the test fails unless
// the portal answers want.
func OutOfBand(t *testing.T, method, path string, body any, want int) {
	t.Helper()
	PreCheck(t)
	if err := send(site.BaseURL, site.APIKey, method, path, body, nil, want); err != nil {
		t.Fatalf("out-of-band change: %v", err)
	}
}

// AdministeredOrganization is a new organization the main user
// administers (its creator), for tests that move objects between
// organizations. It is deleted (soft, as udata does) when the test ends,
// so that other tests see the main user's organizations unchanged: tests
// using it must not run in parallel.
func AdministeredOrganization(t *testing.T) string {
	t.Helper()
	PreCheck(t)
	return testOrganization(t, site.APIKey, "administered organization")
}

// EditedOrganization is a new organization, created with the other user's
// key, where the main user is an editor, not an administrator: it may
// publish and edit there but neither request nor accept a transfer.
// Deleted when the test ends; tests using it must not run in parallel.
func EditedOrganization(t *testing.T) string {
	t.Helper()
	otherKey := RequireOtherKey(t)
	id := testOrganization(t, otherKey, "edited organization")
	me, err := Client(t).Reference.Me(context.Background())
	if err != nil {
		t.Fatalf("reading the main user: %v", err)
	}
	var inv struct {
		ID string `json:"id"`
	}
	if err := send(site.BaseURL, otherKey, http.MethodPost, "/api/1/organizations/"+id+"/member/",
		map[string]string{"user": me.ID, "role": "editor"}, &inv, http.StatusCreated); err != nil {
		t.Fatalf("inviting the main user: %v", err)
	}
	if err := send(site.BaseURL, site.APIKey, http.MethodPost, "/api/1/me/org_invitations/"+inv.ID+"/accept/", map[string]string{}, nil, http.StatusOK); err != nil {
		t.Fatalf("accepting the invitation: %v", err)
	}
	return id
}

func testOrganization(t *testing.T, apiKey, what string) string {
	t.Helper()
	id, err := createOrganization(site.BaseURL, apiKey, RandomName(what))
	if err != nil {
		t.Fatalf("creating an organization: %v", err)
	}
	t.Cleanup(func() {
		if err := send(site.BaseURL, apiKey, http.MethodDelete, "/api/1/organizations/"+id+"/", nil, nil, http.StatusNoContent); err != nil {
			t.Errorf("deleting the test organization: %v", err)
		}
	})
	return id
}

// OrganizationName is the name the portal gives organization id, as the
// provider's messages quote it.
func OrganizationName(t *testing.T, id string) string {
	t.Helper()
	org, err := Client(t).Reference.Organization(context.Background(), id)
	if err != nil {
		t.Fatalf("reading organization %s: %v", id, err)
	}
	return org.Name
}

// UserName is "First Last" of the user of apiKey, as the provider's
// messages name a user.
func UserName(t *testing.T, apiKey string) string {
	t.Helper()
	me, err := NewClient(t, apiKey).Reference.Me(context.Background())
	if err != nil {
		t.Fatalf("reading the user of a key: %v", err)
	}
	return strings.TrimSpace(me.FirstName + " " + me.LastName)
}
