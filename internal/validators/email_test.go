package validators

import "testing"

func TestCheckEmail(t *testing.T) {
	for s, ok := range map[string]bool{
		"jane@example.org": true, "Jane.Doe+tag@sub.example.fr": true,
		"jane": false, "jane@example": false, "jane doe@example.org": false, "a@b@c.org": false,
		"jane@host.local": false, "jane@example.test": false,
	} {
		if err := CheckEmail(s); (err == nil) != ok {
			t.Errorf("CheckEmail(%q) = %v, want ok=%v", s, err, ok)
		}
	}
}
