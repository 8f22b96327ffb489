package client_test

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

func TestResourceCalls(t *testing.T) {
	const res = `{"id":"r1","title":"T","filetype":"remote","type":"api","url":"https://example.org/x","checksum":{"type":"md5","value":"abc"},"filesize":12}`
	tests := []struct {
		name       string
		call       func(c *client.Client) (*client.Resource, error)
		method     string
		path       string
		wantFields map[string]any
		absent     []string
	}{
		{
			name: "get", method: "GET", path: "/api/1/datasets/d1/resources/r1/",
			call: func(c *client.Client) (*client.Resource, error) {
				return c.Resources.Get(context.Background(), "d1", "r1")
			},
		},
		{
			name: "lookup by resource id", method: "GET", path: "/api/2/datasets/resources/r1/",
			call: func(c *client.Client) (*client.Resource, error) {
				r, ds, err := c.Resources.Lookup(context.Background(), "r1")
				if err == nil && ds != "d9" {
					t.Errorf("Lookup dataset id = %q, want d9", ds)
				}
				return r, err
			},
		},
		{
			name: "create remote forces filetype", method: "POST", path: "/api/1/datasets/d1/resources/",
			call: func(c *client.Client) (*client.Resource, error) {
				return c.Resources.CreateRemote(context.Background(), "d1", &client.ResourceInput{Title: "T", URL: "https://example.org/x", Filetype: "file"})
			},
			wantFields: map[string]any{"filetype": "remote", "title": "T", "url": "https://example.org/x", "description": nil, "checksum": nil},
			absent:     []string{"type", "extras"},
		},
		{
			name: "update sends nulls to clear", method: "PUT", path: "/api/1/datasets/d1/resources/r1/",
			call: func(c *client.Client) (*client.Resource, error) {
				return c.Resources.Update(context.Background(), "d1", "r1", &client.ResourceInput{
					Title: "T", Type: "api", Format: ptr("csv"), Extras: map[string]any{},
					Schema: &client.Schema{Name: ptr("etalab/x")},
				})
			},
			wantFields: map[string]any{
				"title": "T", "type": "api", "format": "csv", "checksum": nil, "description": nil,
				"mime": nil, "filesize": nil, "extras": map[string]any{}, "schema": map[string]any{"name": "etalab/x"},
			},
			absent: []string{"filetype", "url"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				switch {
				case r.URL.Path == "/api/2/datasets/resources/r1/":
					writeJSON(w, 200, `{"resource":`+res+`,"dataset_id":"d9"}`)
				case r.Method == "POST":
					writeJSON(w, 201, res)
				default:
					writeJSON(w, 200, res)
				}
			})
			c, _ := newClient(t, rec.URL)
			got, err := tt.call(c)
			if err != nil {
				t.Fatal(err)
			}
			want := &client.Resource{ID: "r1", Title: "T", Filetype: "remote", Type: "api", URL: "https://example.org/x",
				Checksum: &client.Checksum{Type: "md5", Value: "abc"}, Filesize: ptr(int64(12))}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoded %+v, want %+v", got, want)
			}
			reqs := rec.requests()
			if len(reqs) != 1 || reqs[0].Method != tt.method || reqs[0].Path != tt.path {
				t.Fatalf("requests = %+v, want one %s %s", reqs, tt.method, tt.path)
			}
			if tt.wantFields == nil {
				if len(reqs[0].Body) != 0 {
					t.Errorf("unexpected body %q", reqs[0].Body)
				}
				return
			}
			body := decodeBody(t, reqs[0].Body)
			for k, want := range tt.wantFields {
				if got, ok := body[k]; !ok || !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v (sent %v), want %#v", k, got, ok, want)
				}
			}
			for _, k := range tt.absent {
				if _, ok := body[k]; ok {
					t.Errorf("key %q sent, want it absent", k)
				}
			}
		})
	}
}

func TestResourceDelete(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusNoContent) })
	c, _ := newClient(t, rec.URL)
	if err := c.Resources.Delete(context.Background(), "d1", "r1"); err != nil {
		t.Fatal(err)
	}
	if r := rec.requests()[0]; r.Method != "DELETE" || r.Path != "/api/1/datasets/d1/resources/r1/" {
		t.Errorf("sent %s %s", r.Method, r.Path)
	}
}
