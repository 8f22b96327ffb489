package client

import (
	"net/http"
	"net/url"
	"testing"
)

func TestKeyOnlyForTheBaseOrigin(t *testing.T) {
	c, err := New(Config{BaseURL: "https://www.data.gouv.fr/api/1/", APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		target string
		want   bool
	}{
		{"https://www.data.gouv.fr/api/1/datasets/x/", true},
		{"https://WWW.data.gouv.fr:443/api/1/datasets/x/", true},
		{"http://www.data.gouv.fr/api/1/datasets/x/", false}, // downgrade
		{"https://www.data.gouv.fr:8443/x", false},
		{"https://static.data.gouv.fr/resources/x.csv", false},
		{"https://data.gouv.fr/x", false},
		{"https://www.data.gouv.fr.evil.example/x", false},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.target)
		if got := c.sameOrigin(u); got != tt.want {
			t.Errorf("sameOrigin(%s) = %v, want %v", tt.target, got, tt.want)
		}
		// The redirect policy drops a key some other layer may have set.
		req := &http.Request{URL: u, Header: http.Header{}}
		req.Header.Set(headerAPIKey, "k")
		if err := c.checkRedirect(req, []*http.Request{{}}); err != nil {
			t.Fatal(err)
		}
		if kept := req.Header.Get(headerAPIKey) != ""; kept != tt.want {
			t.Errorf("redirect to %s: key kept = %v, want %v", tt.target, kept, tt.want)
		}
	}
}
