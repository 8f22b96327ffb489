package client_test

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

func TestReference(t *testing.T) {
	answers := map[string]string{
		"/api/1/datasets/licenses/":       `[{"id":"lov2","title":"Licence Ouverte","url":"https://x","flags":{}}]`,
		"/api/1/datasets/frequencies/":    `[{"id":"daily","label":"Daily"}]`,
		"/api/1/datasets/resource_types/": `[{"id":"main","label":"Main"}]`,
		"/api/1/datasets/extensions/":     `["csv","zip"]`,
		"/api/1/me/":                      `{"id":"u1","slug":"alice","first_name":"Alice","roles":["admin"],"organizations":[{"id":"o1","name":"Org","slug":"org"}]}`,
		"/api/1/organizations/org/":       `{"id":"o1","name":"Org","slug":"org","members":[{"user":{"id":"u1"},"role":"admin"}]}`,
	}
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if a, ok := answers[r.URL.Path]; ok && r.Method == "GET" {
			writeJSON(w, 200, a)
			return
		}
		writeJSON(w, 404, `{"message":"nope"}`)
	})
	c, _ := newClient(t, rec.URL)
	ctx := context.Background()
	tests := []struct {
		name string
		call func() (any, error)
		want any
	}{
		{"licenses", func() (any, error) { return c.Reference.Licenses(ctx) }, []client.License{{ID: "lov2", Title: "Licence Ouverte", URL: "https://x"}}},
		{"frequencies", func() (any, error) { return c.Reference.Frequencies(ctx) }, []client.Choice{{ID: "daily", Label: "Daily"}}},
		{"resource types", func() (any, error) { return c.Reference.ResourceTypes(ctx) }, []client.Choice{{ID: "main", Label: "Main"}}},
		{"extensions", func() (any, error) { return c.Reference.Extensions(ctx) }, []string{"csv", "zip"}},
		{"me", func() (any, error) { return c.Reference.Me(ctx) }, &client.Me{ID: "u1", Slug: "alice", FirstName: "Alice", Roles: []string{"admin"},
			Organizations: []client.OrganizationRef{{ID: "o1", Name: "Org", Slug: "org"}}}},
		{"organization", func() (any, error) { return c.Reference.Organization(ctx, "org") }, &client.Organization{ID: "o1", Name: "Org", Slug: "org",
			Members: []client.Member{{User: client.UserRef{ID: "u1"}, Role: "admin"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.call()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
	if _, err := c.Reference.Organization(ctx, "missing"); err == nil {
		t.Error("unknown organization: no error")
	}
}
