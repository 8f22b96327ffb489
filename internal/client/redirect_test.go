package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

func TestRedirects(t *testing.T) {
	// other is a second site: its host:port differs from the base URL's.
	other := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, 200, `{"id":"elsewhere"}`)
	})
	base := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Path {
		case "/api/1/datasets/old-slug/":
			http.Redirect(w, r, "/api/1/datasets/new-slug/", http.StatusPermanentRedirect)
		case "/api/1/datasets/moved/":
			http.Redirect(w, r, other.URL+"/api/1/datasets/moved/", http.StatusPermanentRedirect)
		case "/api/1/datasets/loop/":
			http.Redirect(w, r, "/api/1/datasets/loop/", http.StatusFound)
		default:
			writeJSON(w, 200, `{"id":"`+strings.Trim(strings.TrimPrefix(r.URL.Path, "/api/1/datasets/"), "/")+`"}`)
		}
	})
	ctx := context.Background()

	t.Run("same host keeps the key and the PUT body", func(t *testing.T) {
		c, _ := newClient(t, base.URL)
		before := base.count()
		d, err := c.Datasets.Update(ctx, "old-slug", &client.DatasetInput{Title: "T"})
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != "new-slug" {
			t.Errorf("answer from %q, want the redirect target", d.ID)
		}
		reqs := base.requests()[before:]
		if len(reqs) != 2 {
			t.Fatalf("%d requests, want 2", len(reqs))
		}
		hop := reqs[1]
		if hop.Method != "PUT" || hop.Path != "/api/1/datasets/new-slug/" || hop.Header.Get("X-API-KEY") != testKey {
			t.Errorf("second hop %s %s key=%q, want PUT to the new slug with the key", hop.Method, hop.Path, hop.Header.Get("X-API-KEY"))
		}
		if decodeBody(t, hop.Body)["title"] != "T" {
			t.Errorf("second hop body %q", hop.Body)
		}
	})

	t.Run("another host never gets the key", func(t *testing.T) {
		c, log := newClient(t, base.URL)
		d, err := c.Datasets.Get(ctx, "moved")
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != "elsewhere" {
			t.Errorf("answer %q, want the other host's", d.ID)
		}
		reqs := other.requests()
		last := reqs[len(reqs)-1]
		if _, ok := last.Header["X-Api-Key"]; ok {
			t.Errorf("the other host received X-API-KEY %q", last.Header.Get("X-API-KEY"))
		}
		if last.Header.Get("User-Agent") != "tf-test/1.0" {
			t.Errorf("User-Agent on the other host = %q", last.Header.Get("User-Agent"))
		}
		// Both hops are logged.
		var hops int
		for _, e := range log.all() {
			if e.Level == "debug" {
				hops++
			}
		}
		if hops != 2 {
			t.Errorf("%d debug lines, want 2 (one per hop)", hops)
		}
	})

	t.Run("redirect loop is an error", func(t *testing.T) {
		c, _ := newClient(t, base.URL)
		before := base.count()
		_, err := c.Datasets.Get(ctx, "loop")
		if err == nil || !strings.Contains(err.Error(), "redirects") {
			t.Fatalf("err = %v, want a redirect error", err)
		}
		var apiErr *client.APIError
		if errors.As(err, &apiErr) {
			t.Errorf("a redirect loop is not an API answer: %v", err)
		}
		if n := base.count() - before; n != 10 {
			t.Errorf("%d requests, want 10 (no retry of a redirect loop)", n)
		}
	})
}
