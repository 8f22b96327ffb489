package acctest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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

// createOrganization posts a new organization with apiKey and returns its id.
func createOrganization(baseURL, apiKey, name string) (string, error) {
	body, _ := json.Marshal(map[string]string{"name": name, "description": "Created by the acceptance tests of terraform-provider-datagouv."})
	req, err := http.NewRequest(http.MethodPost, strings.TrimRight(baseURL, "/")+"/api/1/organizations/", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-KEY", apiKey)
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		ID string `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusCreated || out.ID == "" {
		return "", fmt.Errorf("POST /api/1/organizations/ answered %s (%v)", resp.Status, err)
	}
	return out.ID, nil
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
