package validators

import "testing"

// Each name was sent to udata 17.6.0 as a contact point's name: refused
// ("URLs not allowed in this field") or accepted, as the table says.
func TestContainsURL(t *testing.T) {
	tests := []struct {
		name    string
		refused bool
	}{
		{"Service example.org", true},
		{"https://x.fr", true},
		{"Dept.Finance", true},
		{"Open.Data team", true},
		{"www.foo", true},
		{"foo.bar", true},
		{"a.fr", true},
		{"Équipe OpenData (Paris.fr)", true},
		{"1.2.3.4", true},
		{"Ville-de-Paris.Paris", true},
		{"foo.com,", true},
		{"dev.team", true},
		{"Mairie de Paris", false},
		{"M. Dupont", false},
		{"S.A.R.L. Foo", false},
		{"data.gouv", false},
		{"jean@example.org", false},
		{"localhost", false},
		{"x.csv", false},
		{"Rapport v1.2", false},
		{"Bob.Smith", false},
		{"Dept.Finance.xyzzy", false},
		{"http://localhost", true},
		{"http://localhost:8080/x", true},
		{"(a.fr)", true},
		{"Ville de Paris - paris.fr/contact", true},
		{"contact@paris.fr", false},
		{"192.168.0.1:80", true},
		{"dupont.jean", false},
		{"A.B.C", false},
		{"app.Paris.FR", true},
		{"foo_bar.com", false},
		{"-foo.fr", true},
		{"foo-.fr", false},
		{"Example.ORG.", true},
		{"mailto:x@y.fr", false},
		{"Team [dev.io]", true},
		{"a.b.c.d.com", true},
		{"x.com/abc", true},
		{"Bureau 3.14", false},
		{"R&D.Lab", false},
		{"version 10.0.0.1", true},
		{"www.example.org:abc", false},
		{"co.uk", true},
	}
	for _, tt := range tests {
		if got := ContainsURL(tt.name); (got != "") != tt.refused {
			t.Errorf("ContainsURL(%q) = %q, udata refuses it: %v", tt.name, got, tt.refused)
		}
	}
}
