package client

import "testing"

// TestPaceName: names udata normalizes alike share a key (what matters);
// names with letters unidecode would transliterate share the key of every
// name.
func TestPaceName(t *testing.T) {
	tests := []struct {
		a, b      string
		wantAlike bool
	}{
		{"data.csv", "data.csv", true},
		{"Data.CSV", "data.csv", true},
		{"Data File.csv", "data-file.csv", true},
		{"data_file.csv", "Data  File.csv", true},
		{" data.csv", "data.csv", true},
		{"l'eau.csv", "leau.csv", true},
		{"données.csv", "anything.csv", true},
		{"data.csv", "data.json", false},
		{"data1.csv", "data2.csv", false},
		{"a.b.csv", "ab.csv", false},
	}
	for _, tt := range tests {
		ka, kb := paceKey{"d", paceName(tt.a)}, paceKey{"d", paceName(tt.b)}
		if got := ka.conflicts(kb); got != tt.wantAlike {
			t.Errorf("%q (%q) and %q (%q): conflict %v, want %v", tt.a, ka.name, tt.b, kb.name, got, tt.wantAlike)
		}
		if (paceKey{"other", kb.name}).conflicts(ka) {
			t.Errorf("%q conflicts across datasets", tt.a)
		}
	}
}
