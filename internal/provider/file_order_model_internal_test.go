package provider

import (
	"slices"
	"testing"
)

// The listed files take the places they hold, in the listed order; the
// others never move.
func TestOrderedResourceIDs(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		current, wanted, order []string
		missing                []string
	}{
		{name: "all listed", current: []string{"c", "b", "a"}, wanted: []string{"a", "b", "c"}, order: []string{"a", "b", "c"}},
		{name: "already in order", current: []string{"a", "b"}, wanted: []string{"a", "b"}, order: []string{"a", "b"}},
		{name: "others keep their places", current: []string{"x", "c", "y", "a", "b"}, wanted: []string{"a", "b", "c"},
			order: []string{"x", "a", "y", "b", "c"}},
		{name: "a subset", current: []string{"c", "b", "a"}, wanted: []string{"a", "c"}, order: []string{"a", "b", "c"}},
		{name: "missing", current: []string{"a"}, wanted: []string{"a", "z", "y"}, missing: []string{"z", "y"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			order, missing := orderedResourceIDs(tc.current, tc.wanted)
			if !slices.Equal(order, tc.order) || !slices.Equal(missing, tc.missing) {
				t.Errorf("got %v missing %v, want %v missing %v", order, missing, tc.order, tc.missing)
			}
		})
	}
}
