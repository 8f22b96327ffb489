package client_test

import (
	"context"
	"crypto/tls"
	"net/http"
	"strings"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

func TestNewBaseURL(t *testing.T) {
	tests := []struct {
		in, want, wantErr string
	}{
		{in: "", want: "https://www.data.gouv.fr"},
		{in: "https://www.data.gouv.fr", want: "https://www.data.gouv.fr"},
		{in: "https://www.data.gouv.fr/", want: "https://www.data.gouv.fr"},
		{in: "https://demo.data.gouv.fr/api/1", want: "https://demo.data.gouv.fr"},
		{in: "https://demo.data.gouv.fr/api/1/", want: "https://demo.data.gouv.fr"},
		{in: "HTTPS://Demo.Data.Gouv.FR/api/1/", want: "https://demo.data.gouv.fr"},
		{in: "http://localhost:7000/api/1/", want: "http://localhost:7000"},
		{in: "http://127.0.0.5:7000", want: "http://127.0.0.5:7000"},
		{in: "http://[::1]:7000/", want: "http://[::1]:7000"},
		{in: "https://example.org/udata/api/1", want: "https://example.org/udata"},
		{in: "http://www.data.gouv.fr", wantErr: "only https is accepted"},
		{in: "http://10.0.0.1:80", wantErr: "only https is accepted"},
		{in: "http://localhost.example.org", wantErr: "only https is accepted"},
		{in: "ftp://www.data.gouv.fr", wantErr: "scheme must be https"},
		{in: "www.data.gouv.fr", wantErr: "needs a scheme and a host"},
		{in: "https://user:pw@www.data.gouv.fr", wantErr: "credentials"},
		{in: "https://www.data.gouv.fr/?x=1", wantErr: "query"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := client.New(client.Config{BaseURL: tt.in})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "pw") {
					t.Errorf("error shows the URL's password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New(%q): %v", tt.in, err)
			}
			if got := c.BaseURL(); got != tt.want {
				t.Errorf("BaseURL() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNewRefusesDisabledTLSVerification(t *testing.T) {
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	if _, err := client.New(client.Config{HTTPClient: hc}); err == nil || !strings.Contains(err.Error(), "TLS") {
		t.Fatalf("New with InsecureSkipVerify: error = %v, want a TLS error", err)
	}
}

func TestRequestHeaders(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, 200, `{"id":"d1"}`)
	})
	tests := []struct {
		name    string
		key     string
		call    func(c *client.Client) error
		method  string
		wantCT  string
		wantKey string
	}{
		{
			name: "GET with key", key: testKey, method: "GET", wantKey: testKey,
			call: func(c *client.Client) error { _, err := c.Datasets.Get(context.Background(), "d1"); return err },
		},
		{
			name: "GET without key", key: "", method: "GET",
			call: func(c *client.Client) error { _, err := c.Datasets.Get(context.Background(), "d1"); return err },
		},
		{
			name: "PUT sends JSON", key: testKey, method: "PUT", wantCT: "application/json", wantKey: testKey,
			call: func(c *client.Client) error {
				_, err := c.Datasets.Update(context.Background(), "d1", &client.DatasetInput{Title: "t"})
				return err
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newClient(t, rec.URL, func(cfg *client.Config) { cfg.APIKey = tt.key })
			before := rec.count()
			if err := tt.call(c); err != nil {
				t.Fatal(err)
			}
			got := rec.requests()[before]
			if got.Method != tt.method {
				t.Errorf("method = %s, want %s", got.Method, tt.method)
			}
			if v := got.Header.Get("Accept"); v != "application/json" {
				t.Errorf("Accept = %q", v)
			}
			if v := got.Header.Get("User-Agent"); v != "tf-test/1.0" {
				t.Errorf("User-Agent = %q", v)
			}
			if v := got.Header.Get("Content-Type"); v != tt.wantCT {
				t.Errorf("Content-Type = %q, want %q", v, tt.wantCT)
			}
			if _, present := got.Header["X-Api-Key"]; present != (tt.wantKey != "") || got.Header.Get("X-API-KEY") != tt.wantKey {
				t.Errorf("X-API-KEY = %q (present %v), want %q", got.Header.Get("X-API-KEY"), present, tt.wantKey)
			}
		})
	}
}

func TestDebugLogsRedactKey(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, 200, `{"id":"d1"}`)
	})
	c, log := newClient(t, rec.URL+"/api/1")
	if _, err := c.Datasets.Get(context.Background(), "d1"); err != nil {
		t.Fatal(err)
	}
	entries := log.all()
	if len(entries) != 1 || entries[0].Level != "debug" {
		t.Fatalf("log entries = %v, want one debug entry", entries)
	}
	f := entries[0].Fields
	if f["method"] != "GET" || f["url_path"] != "/api/1/datasets/d1/" || f["status"] != 200 {
		t.Errorf("debug fields = %v", f)
	}
	if _, ok := f["duration_ms"]; !ok {
		t.Errorf("no duration in %v", f)
	}
	h, _ := f["request_headers"].(map[string]string)
	if h["X-Api-Key"] != "REDACTED" {
		t.Errorf("request_headers = %v, want X-Api-Key REDACTED", h)
	}
	if strings.Contains(log.text(), testKey) {
		t.Errorf("the key appears in the logs:\n%s", log.text())
	}
}
