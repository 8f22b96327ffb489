package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// decodeBody turns a JSON body into a generic map to assert exactly which
// keys were sent, with which values (null included).
func decodeBody(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("body %q is not a JSON object: %v", b, err)
	}
	return m
}

func TestDatasetWrites(t *testing.T) {
	const answer = `{"id":"5f0c","title":"T","tags":["a"],"private":true,"deleted":null}`
	full := &client.DatasetInput{
		Title:            "T",
		Description:      "D",
		DescriptionShort: ptr("short"),
		Tags:             []string{"a", "b"},
		License:          ptr("lov2"),
		Frequency:        ptr("daily"),
		TemporalCoverage: &client.TemporalCoverage{Start: "2020-01-01"},
		Spatial:          &client.SpatialInput{Zones: []string{"fr:commune:75056"}, Granularity: "other"},
		Private:          true,
		Organization:     "org1",
		Extras:           map[string]any{"k": "v"},
	}
	tests := []struct {
		name       string
		call       func(c *client.Client) (*client.Dataset, error)
		method     string
		path       string
		wantFields map[string]any // exact values of these keys
		absent     []string
	}{
		{
			name:   "update with zero input sends explicit empties and nulls",
			method: "PUT", path: "/api/1/datasets/5f0c/",
			call: func(c *client.Client) (*client.Dataset, error) {
				return c.Datasets.Update(context.Background(), "5f0c", &client.DatasetInput{Title: "T"})
			},
			wantFields: map[string]any{
				"title": "T", "description": "", "tags": []any{}, "temporal_coverage": nil,
				"description_short": nil, "acronym": nil, "license": nil, "frequency": nil,
				"frequency_date": nil, "spatial": nil, "private": false, "archived": nil,
			},
			absent: []string{"organization", "extras", "deleted"},
		},
		{
			name:   "update never sends organization, sends full state",
			method: "PUT", path: "/api/1/datasets/5f0c/",
			call: func(c *client.Client) (*client.Dataset, error) {
				return c.Datasets.Update(context.Background(), "5f0c", full)
			},
			wantFields: map[string]any{
				"tags": []any{"a", "b"}, "license": "lov2", "frequency": "daily", "private": true,
				"temporal_coverage": map[string]any{"start": "2020-01-01", "end": nil},
				"spatial":           map[string]any{"zones": []any{"fr:commune:75056"}, "granularity": "other"},
				"extras":            map[string]any{"k": "v"},
				"description_short": "short",
			},
			absent: []string{"organization", "deleted"},
		},
		{
			name:   "empty extras map is sent as {} to clear them",
			method: "PUT", path: "/api/1/datasets/5f0c/",
			call: func(c *client.Client) (*client.Dataset, error) {
				return c.Datasets.Update(context.Background(), "5f0c", &client.DatasetInput{Title: "T", Extras: map[string]any{}})
			},
			wantFields: map[string]any{"extras": map[string]any{}},
		},
		{
			name:   "restore sends deleted null with the full state",
			method: "PUT", path: "/api/1/datasets/5f0c/",
			call: func(c *client.Client) (*client.Dataset, error) {
				return c.Datasets.Restore(context.Background(), "5f0c", &client.DatasetInput{Title: "T"})
			},
			wantFields: map[string]any{"deleted": nil, "tags": []any{}, "temporal_coverage": nil, "title": "T"},
			absent:     []string{"organization"},
		},
		{
			name:   "create sends the organization",
			method: "POST", path: "/api/1/datasets/",
			call: func(c *client.Client) (*client.Dataset, error) {
				return c.Datasets.Create(context.Background(), full)
			},
			wantFields: map[string]any{"organization": "org1", "title": "T", "private": true, "tags": []any{"a", "b"}},
			absent:     []string{"deleted"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				status := 200
				if r.Method == "POST" {
					status = 201
				}
				writeJSON(w, status, answer)
			})
			c, _ := newClient(t, rec.URL)
			d, err := tt.call(c)
			if err != nil {
				t.Fatal(err)
			}
			if d.ID != "5f0c" || !d.Private || !reflect.DeepEqual(d.Tags, []string{"a"}) {
				t.Errorf("decoded dataset = %+v", d)
			}
			reqs := rec.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			if reqs[0].Method != tt.method || reqs[0].Path != tt.path {
				t.Errorf("sent %s %s, want %s %s", reqs[0].Method, reqs[0].Path, tt.method, tt.path)
			}
			body := decodeBody(t, reqs[0].Body)
			for k, want := range tt.wantFields {
				got, ok := body[k]
				if !ok {
					t.Errorf("key %q not sent (body %s)", k, reqs[0].Body)
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", k, got, want)
				}
			}
			for _, k := range tt.absent {
				if _, ok := body[k]; ok {
					t.Errorf("key %q sent, want it absent (body %s)", k, reqs[0].Body)
				}
			}
		})
	}
	if full.Organization != "org1" || full.Tags == nil {
		t.Errorf("the caller's input was modified: %+v", full)
	}
}

func TestDatasetGetDeleteList(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch {
		case r.Method == "DELETE":
			w.WriteHeader(http.StatusNoContent)
		case r.URL.Path == "/api/1/datasets/":
			writeJSON(w, 200, `{"data":[{"id":"a"},{"id":"b"}],"page":2,"page_size":2,"total":5,"next_page":"https://x/api/1/datasets/?page=3"}`)
		default:
			writeJSON(w, 200, `{"id":"a","deleted":"2026-01-01T00:00:00+00:00","resources":[{"id":"r1","filetype":"remote"}]}`)
		}
	})
	c, _ := newClient(t, rec.URL)
	ctx := context.Background()

	d, err := c.Datasets.Get(ctx, "my slug")
	if err != nil {
		t.Fatal(err)
	}
	if d.Deleted == nil || len(d.Resources) != 1 || d.Resources[0].ID != "r1" {
		t.Errorf("Get decoded %+v", d)
	}
	if err := c.Datasets.Delete(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	p, err := c.Datasets.List(ctx, client.DatasetListOptions{Page: 2, PageSize: 2, Organization: "o1", Tag: "x"})
	if err != nil {
		t.Fatal(err)
	}
	notDeleted := false
	if _, err := c.Datasets.List(ctx, client.DatasetListOptions{Organization: "o1", Deleted: &notDeleted}); err != nil {
		t.Fatal(err)
	}
	if len(p.Data) != 2 || p.Page != 2 || p.PageSize != 2 || p.Total != 5 || p.NextPage == nil {
		t.Errorf("List decoded %+v", p)
	}
	reqs := rec.requests()
	want := []struct{ method, path, query string }{
		{"GET", "/api/1/datasets/my slug/", ""},
		{"DELETE", "/api/1/datasets/a/", ""},
		{"GET", "/api/1/datasets/", "organization=o1&page=2&page_size=2&tag=x"},
		{"GET", "/api/1/datasets/", "deleted=false&organization=o1"},
	}
	for i, w := range want {
		if reqs[i].Method != w.method || reqs[i].Path != w.path || reqs[i].RawQuery != w.query {
			t.Errorf("request %d = %s %s ?%s, want %s %s ?%s", i, reqs[i].Method, reqs[i].Path, reqs[i].RawQuery, w.method, w.path, w.query)
		}
		if len(reqs[i].Body) != 0 {
			t.Errorf("request %d has a body %q", i, reqs[i].Body)
		}
	}
}

func TestEmptyIDsAreRefusedLocally(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 200, `{}`) })
	c, _ := newClient(t, rec.URL)
	ctx := context.Background()
	if _, err := c.Datasets.Get(ctx, ""); err == nil {
		t.Error("Get(\"\") succeeded")
	}
	if err := c.Resources.Delete(ctx, "d", ""); err == nil {
		t.Error("Resources.Delete with empty id succeeded")
	}
	if n := rec.count(); n != 0 {
		t.Errorf("%d requests sent, want 0", n)
	}
}
