package provider

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// startCheckEmulator serves a fresh emulator for the plan-time check tests.
func startCheckEmulator(t *testing.T) (*emulator.Server, string) {
	t.Helper()
	emu, err := emulator.New(emulator.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatalf("emulator: %v", err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { srv.Close(); emu.Close() })
	return emu, srv.URL
}

// checkProviderData is what Configure would build for this key.
func checkProviderData(t *testing.T, baseURL, key string) *providerData {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: baseURL, APIKey: key, MaxRetries: -1})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	return newProviderData(c, key != "")
}

func TestCheckOrganizationMembership(t *testing.T) {
	_, baseURL := startCheckEmulator(t)
	attr := path.Root("organization")

	tests := []struct {
		name, key, org string
		// summary is "" when the check must pass; else the error's summary,
		// and detail lists what its text must contain.
		summary string
		detail  []string
	}{
		{name: "admin of the organization", key: emulator.AliceKey, org: emulator.OrgID},
		{name: "member, by slug", key: emulator.AliceKey, org: emulator.OrgSlug},
		{name: "site admin publishes anywhere", key: emulator.AdminKey, org: emulator.OtherOrgID},
		{name: "no organization", key: emulator.AliceKey, org: ""},
		{name: "no API key: the write reports it", key: "", org: emulator.OtherOrgID},
		{
			name: "member of another organization", key: emulator.AliceKey, org: emulator.OtherOrgID,
			summary: "Not a member of the organization",
			detail:  []string{`"Other Organization" (` + emulator.OtherOrgID + `)`, "Alice Emulator", `The user's organizations: "Emulator Organization" (` + emulator.OrgID + `)`},
		},
		{
			name: "user without organizations", key: emulator.BobKey, org: emulator.OrgID,
			summary: "Not a member of the organization",
			detail:  []string{`"Emulator Organization" (` + emulator.OrgID + `)`, "Bob Emulator", "belongs to no organization"},
		},
		{
			name: "unknown organization", key: emulator.AliceKey, org: "0123456789abcdef01234567",
			summary: "Organization not found",
			detail:  []string{"0123456789abcdef01234567", "Emulator Organization"},
		},
		{
			name: "refused API key", key: "udata_not_a_key", org: emulator.OrgID,
			summary: "Could not check the organization",
			detail:  []string{"GET /api/1/me/", "401", "API key was refused"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			checkOrganizationMembership(context.Background(), checkProviderData(t, baseURL, tt.key), tt.org, attr, &diags)
			if tt.summary == "" {
				if diags.HasError() || len(diags) > 0 {
					t.Fatalf("want no diagnostic, got %v", diags)
				}
				return
			}
			if len(diags) != 1 || !diags.HasError() {
				t.Fatalf("want one error, got %v", diags)
			}
			d := diags[0]
			withPath, ok := d.(diag.DiagnosticWithPath)
			if !ok || !withPath.Path().Equal(attr) {
				t.Errorf("the error is not on %s: %v", attr, d)
			}
			if d.Summary() != tt.summary {
				t.Errorf("summary = %q, want %q", d.Summary(), tt.summary)
			}
			for _, want := range tt.detail {
				if !strings.Contains(d.Detail(), want) {
					t.Errorf("detail lacks %q:\n%s", want, d.Detail())
				}
			}
			if strings.Contains(d.Detail(), tt.key) && tt.key != "" {
				t.Errorf("detail shows the API key:\n%s", d.Detail())
			}
		})
	}
}

// However many datasets a plan checks, the caller is read once per
// configured provider, and the organization only to name it in an error.
func TestCheckOrganizationMembership_readsMeOnce(t *testing.T) {
	emu, baseURL := startCheckEmulator(t)
	data := checkProviderData(t, baseURL, emulator.AliceKey)
	before := orgCheckRequests(emu, "GET", "/api/1/me/")
	for range 20 {
		var diags diag.Diagnostics
		checkOrganizationMembership(context.Background(), data, emulator.OrgID, path.Root("organization"), &diags)
		if diags.HasError() {
			t.Fatalf("unexpected error: %v", diags)
		}
	}
	if n := orgCheckRequests(emu, "GET", "/api/1/me/") - before; n != 1 {
		t.Errorf("GET /api/1/me/ sent %d times for 20 checks, want 1", n)
	}
	if n := orgCheckRequests(emu, "GET", "/api/1/organizations/"+emulator.OrgID+"/"); n != 0 {
		t.Errorf("the organization of a member was read %d times, want 0", n)
	}
}

func TestCheckOrganizationMembership_withoutKeySendsNothing(t *testing.T) {
	emu, baseURL := startCheckEmulator(t)
	before := len(emu.Requests())
	var diags diag.Diagnostics
	checkOrganizationMembership(context.Background(), checkProviderData(t, baseURL, ""), emulator.OrgID, path.Root("organization"), &diags)
	if len(diags) != 0 {
		t.Fatalf("want no diagnostic, got %v", diags)
	}
	if n := len(emu.Requests()) - before; n != 0 {
		t.Errorf("%d requests sent without an API key, want none", n)
	}
}

func TestMembership(t *testing.T) {
	me := &client.Me{ID: "u1", Organizations: []client.OrganizationRef{{ID: "o1", Slug: "org-one"}}}
	tests := []struct {
		name       string
		org        client.Organization
		wantMember bool
		wantRole   string
	}{
		{"role from the members list", client.Organization{ID: "o1", Members: []client.Member{
			{User: client.UserRef{ID: "u2"}, Role: "admin"}, {User: client.UserRef{ID: "u1"}, Role: "editor"}}}, true, "editor"},
		{"partial editor", client.Organization{ID: "o1", Members: []client.Member{{User: client.UserRef{ID: "u1"}, Role: "partial_editor"}}}, true, "partial_editor"},
		{"members left out: /me's organizations say member, role unknown", client.Organization{ID: "o1"}, true, ""},
		{"not a member", client.Organization{ID: "o2", Members: []client.Member{{User: client.UserRef{ID: "u2"}, Role: "admin"}}}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			member, role := membership(me, &tt.org)
			if member != tt.wantMember || role != tt.wantRole {
				t.Errorf("membership = (%v, %q), want (%v, %q)", member, role, tt.wantMember, tt.wantRole)
			}
		})
	}
}

func orgCheckRequests(emu *emulator.Server, method, path string) int {
	n := 0
	for _, r := range emu.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}
