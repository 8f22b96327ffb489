package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCanonicalGeometry(t *testing.T) {
	got, err := canonicalGeometry(`{ "type": "MultiPolygon",
	  "coordinates": [[[[2.1234567, 48.1234565], [2.5, 48], [1.0000025, 1e-7], [2.1234567, 48.1234565]]]] }`)
	want := `{"coordinates":[[[[2.123457,48.123457],[2.5,48],[1.000002,0],[2.123457,48.123457]]]],"type":"MultiPolygon"}`
	if err != nil || got != want {
		t.Errorf("got %s (%v), want %s", got, err, want)
	}
	if _, err := canonicalGeometry(`{"type": "MultiPolygon"} trailing`); err == nil {
		t.Error("text after the value must be refused")
	}
}

func TestGeometrySemanticEquals(t *testing.T) {
	a := geometryValue{StringValue: types.StringValue(`{"type":"MultiPolygon","coordinates":[[[[0.0000001,0],[1,0],[1,1],[0.0000001,0]]]]}`)}
	b := geometryValue{StringValue: types.StringValue(`{"coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]], "type": "MultiPolygon"}`)}
	c := geometryValue{StringValue: types.StringValue(`{"coordinates": [[[[0, 0], [2, 0], [1, 1], [0, 0]]]], "type": "MultiPolygon"}`)}
	if eq, _ := a.StringSemanticEquals(context.Background(), b); !eq {
		t.Error("the same geometry to 6 decimals, written otherwise, must be equal")
	}
	if eq, _ := a.StringSemanticEquals(context.Background(), c); eq {
		t.Error("another geometry must differ")
	}
}

func TestGeometryProblem(t *testing.T) {
	ring := `[[0, 0], [1, 0], [1, 1], [0, 0]]`
	for text, want := range map[string]string{
		`{"type": "MultiPolygon", "coordinates": [[` + ring + `]]}`:                        "",
		`{"type": "Polygon", "coordinates": [` + ring + `]}`:                               "MultiPolygon only, not Polygon",
		`{"type": "MultiPolygon", "coordinates": []}`:                                      "at least one polygon",
		`{"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [0, 0]]]]}`:            "at least 4 positions",
		`{"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 1]]]]}`:    "must end where it starts",
		`{"type": "MultiPolygon", "coordinates": [[[[0, 0, 1], [1, 0], [1, 1], [0, 0]]]]}`: "two-dimensional",
		`{"type": "MultiPolygon", "coordinates": [[` + ring + `]], "bbox": [0, 0, 1, 1]}`:  `"bbox"`,
		`[1, 2]`:          "GeoJSON geometry object",
		`{"type": "Multi`: "not valid JSON",
	} {
		got := geometryProblem(text)
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("%s: got %q, want it to say %q", text, got, want)
		}
	}
}
