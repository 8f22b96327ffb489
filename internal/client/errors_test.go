package client_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

var sentinels = map[string]error{
	"ErrNotFound":     client.ErrNotFound,
	"ErrGone":         client.ErrGone,
	"ErrUnauthorized": client.ErrUnauthorized,
	"ErrForbidden":    client.ErrForbidden,
	"ErrValidation":   client.ErrValidation,
	"ErrReadOnly":     client.ErrReadOnly,
	"ErrRateLimited":  client.ErrRateLimited,
	"ErrUncertain":    client.ErrUncertain,
}

func TestTypedErrors(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		header   map[string]string
		sentinel string // "" → matches none
		message  string
		fields   map[string][]string
		text     []string // substrings of Error()
	}{
		{
			name: "404", status: 404, body: `{"message":"Not Found"}`, sentinel: "ErrNotFound",
			message: "Not Found", text: []string{"PUT /api/1/datasets/d1/: 404 Not Found: Not Found"},
		},
		{
			name: "410 soft deleted", status: 410, body: `{"message":"Dataset has been deleted"}`, sentinel: "ErrGone",
			message: "Dataset has been deleted", text: []string{"410 Gone: Dataset has been deleted"},
		},
		{
			name: "401 invalid token", status: 401, body: `{"message":"Invalid API token"}`, sentinel: "ErrUnauthorized",
			header: map[string]string{"WWW-Authenticate": `Bearer realm="uData"`}, message: "Invalid API token",
			text: []string{"401 Unauthorized: Invalid API token"},
		},
		{
			name: "403", status: 403, body: `{"message":"You do not have the permission to modify that object."}`, sentinel: "ErrForbidden",
			message: "You do not have the permission to modify that object.",
		},
		{
			name: "400 form validation, nested", status: 400, sentinel: "ErrValidation",
			body: `{"errors":{"title":["This field is required."],"spatial":{"zones":["Unknown zone xx"]},"temporal_coverage":{"start":["Not a valid date."]}}}`,
			fields: map[string][]string{
				"title":                   {"This field is required."},
				"spatial.zones":           {"Unknown zone xx"},
				"temporal_coverage.start": {"Not a valid date."},
			},
			text: []string{"PUT /api/1/datasets/d1/: 400 Bad Request", "title: This field is required.", "spatial.zones: Unknown zone xx"},
		},
		{
			name: "400 list of per-item errors", status: 400, sentinel: "ErrValidation",
			body:   `{"errors":{"resources":[{},{"url":["Invalid URL"]}]}}`,
			fields: map[string][]string{"resources.1.url": {"Invalid URL"}},
		},
		{
			name: "400 model validation", status: 400, sentinel: "ErrValidation",
			body:    `{"errors":{"tags":["Tag too short"]},"message":"ValidationError (Dataset:None) (tags)"}`,
			message: "ValidationError (Dataset:None) (tags)", fields: map[string][]string{"tags": {"Tag too short"}},
			text: []string{"ValidationError (Dataset:None) (tags): tags: Tag too short"},
		},
		{
			name: "400 message", status: 400, sentinel: "ErrValidation",
			body: `{"message":"'foo' is not a valid UpdateFrequency"}`, message: "'foo' is not a valid UpdateFrequency",
		},
		{
			name: "400 upload", status: 400, sentinel: "ErrValidation",
			body: `{"success":false,"error":"Missing file parameter"}`, message: "Missing file parameter",
			text: []string{"400 Bad Request: Missing file parameter"},
		},
		{
			name: "423 read-only", status: 423, sentinel: "ErrReadOnly",
			body:    `{"message":"Due to maintenance, creation of new content is currently disabled."}`,
			message: "Due to maintenance, creation of new content is currently disabled.",
			text:    []string{"423 Locked", "read-only maintenance"},
		},
		{
			name: "429 from the proxy, plain text", status: 429, sentinel: "ErrRateLimited",
			body: "Too many requests, slow down", header: map[string]string{"Content-Type": "text/plain"},
			message: "Too many requests, slow down", text: []string{"429 Too Many Requests: rate limited"},
		},
		{
			name: "500 html page", status: 500, body: "<html><body>Internal error</body></html>",
			header: map[string]string{"Content-Type": "text/html"}, text: []string{"PUT /api/1/datasets/d1/: 500 Internal Server Error"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				if w.Header().Get("Content-Type") == "" {
					w.Header().Set("Content-Type", "application/json")
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			})
			c, _ := newClient(t, rec.URL, func(cfg *client.Config) { cfg.MaxRetries = -1 })
			_, err := c.Datasets.Update(context.Background(), "d1", &client.DatasetInput{Title: "x"})
			if err == nil {
				t.Fatal("no error")
			}
			for name, s := range sentinels {
				if got := errors.Is(err, s); got != (name == tt.sentinel) {
					t.Errorf("errors.Is(err, %s) = %v", name, got)
				}
			}
			var apiErr *client.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %T is not an *APIError: %v", err, err)
			}
			if apiErr.StatusCode != tt.status || apiErr.Method != "PUT" || apiErr.Path != "/api/1/datasets/d1/" {
				t.Errorf("APIError = %+v", apiErr)
			}
			if apiErr.Message != tt.message {
				t.Errorf("Message = %q, want %q", apiErr.Message, tt.message)
			}
			if !reflect.DeepEqual(apiErr.FieldErrors, tt.fields) {
				t.Errorf("FieldErrors = %#v, want %#v", apiErr.FieldErrors, tt.fields)
			}
			for _, s := range tt.text {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("Error() = %q, want it to contain %q", err.Error(), s)
				}
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("the key is in the error: %v", err)
			}
		})
	}
}

func TestServerEchoingTheKeyIsRedacted(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, 401, `{"message":"Invalid API token `+r.Header.Get("X-API-KEY")+`","errors":{"key":["`+r.Header.Get("X-API-KEY")+`"]}}`)
	})
	c, log := newClient(t, rec.URL)
	_, err := c.Datasets.Get(context.Background(), "d1")
	if !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	if strings.Contains(err.Error(), testKey) || strings.Contains(log.text(), testKey) {
		t.Errorf("the key leaks: error %q, logs %q", err, log.text())
	}
	if !strings.Contains(err.Error(), "Invalid API token REDACTED") {
		t.Errorf("Error() = %q", err)
	}
}

func TestRetryAfterIsReported(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Retry-After", "7")
		writeJSON(w, 429, `{"message":"slow down"}`)
	})
	c, _ := newClient(t, rec.URL, func(cfg *client.Config) { cfg.MaxRetries = -1 })
	_, err := c.Datasets.Get(context.Background(), "d1")
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.RetryAfter != 7*time.Second {
		t.Fatalf("err = %#v, want an APIError with RetryAfter 7s", err)
	}
	if rec.count() != 1 {
		t.Errorf("MaxRetries -1: %d attempts, want 1", rec.count())
	}
}
