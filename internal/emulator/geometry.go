package emulator

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// A dataset's spatial geometry (spatial.geom), as udata 17.6.0 takes it:
// GeomField reads a GeoJSON object or its text (the geojson library, which
// rounds every coordinate to 6 decimals and checks the rings), then
// mongoengine's MultiPolygonField accepts a MultiPolygon only, and
// SpatialCoverage.clean refuses a geometry with zones.

const (
	msgNotGeoJSON       = "Not a valid GeoJSON"
	msgGeomNotDict      = "MultiPolygonField can only accept a valid GeoJson dictionary or lists of (x, y)"
	msgGeomNotMulti     = `MultiPolygonField type must be "MultiPolygon"`
	msgGeomNoPolygon    = "Invalid MultiPolygon must contain at least one valid Polygon"
	msgGeomWithZones    = "The spatial coverage cannot contains a Geozone and a Geometry"
	msgRingTooShort     = "Each linear ring must contain at least 4 positions"
	msgRingNotClosed    = "Each linear ring must end where it started"
	msgGeomNot2DPattern = "Value (%s) must be a two-dimensional point"
)

// geomFormValue is GeomField: the value to store (nil clears), or the
// form's errors for the "geom" key.
func geomFormValue(v any) (map[string]any, []any) {
	if s, ok := v.(string); ok {
		var parsed any
		if err := json.Unmarshal([]byte(s), &parsed); err != nil {
			return nil, []any{msgNotGeoJSON}
		}
		v = parsed
	}
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		if v == nil {
			return nil, nil
		}
		if ok {
			return m, nil // {} skips the form's checks; the model refuses it
		}
		return nil, []any{msgNotGeoJSON}
	}
	if coords, ok := m["coordinates"]; ok {
		m["coordinates"] = roundCoordinates(coords)
	}
	if m["type"] == "MultiPolygon" {
		if errs := multiPolygonRingErrors(m["coordinates"]); len(errs) > 0 {
			return nil, []any{errs}
		}
	}
	return m, nil
}

// roundCoordinates is the geojson library's rounding: floats to 6
// decimals (Python's round, correctly rounded), integers left alone.
func roundCoordinates(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = roundCoordinates(item)
		}
		return out
	case float64:
		return round6(x)
	case json.Number: // bodies are decoded with UseNumber
		if strings.ContainsAny(string(x), ".eE") {
			if f, err := x.Float64(); err == nil {
				return round6(f)
			}
		}
	}
	return v
}

func round6(x float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 6, 64), 64)
	return r
}

// multiPolygonRingErrors is the geojson library's validity check of a
// MultiPolygon: one message per invalid polygon, its first bad ring's.
func multiPolygonRingErrors(coords any) []any {
	polygons, _ := coords.([]any)
	var errs []any
	for _, p := range polygons {
		rings, _ := p.([]any)
		for _, r := range rings {
			positions, _ := r.([]any)
			if len(positions) < 4 {
				errs = append(errs, msgRingTooShort)
				break
			}
			first, _ := json.Marshal(positions[0])
			last, _ := json.Marshal(positions[len(positions)-1])
			if string(first) != string(last) {
				errs = append(errs, msgRingNotClosed)
				break
			}
		}
	}
	return errs
}

// geomModelError is MultiPolygonField's validation on save, then
// SpatialCoverage.clean: "" when the coverage may be saved, else the
// message and whether it concerns the whole coverage (__all__).
func geomModelError(sc *spatialCoverage) (msg string, whole bool) {
	if sc == nil || sc.Geom == nil {
		return "", false
	}
	g := sc.Geom
	if _, hasType := g["type"]; len(g) != 2 || !hasType || g["coordinates"] == nil {
		return msgGeomNotDict, false
	}
	if g["type"] != "MultiPolygon" {
		return msgGeomNotMulti, false
	}
	polygons, _ := g["coordinates"].([]any)
	if len(polygons) == 0 {
		return msgGeomNoPolygon, false
	}
	for _, p := range polygons {
		rings, _ := p.([]any)
		for _, r := range rings {
			positions, _ := r.([]any)
			for _, pos := range positions {
				if xy, _ := pos.([]any); len(xy) != 2 {
					raw, _ := json.Marshal(pos)
					return "Invalid MultiPolygon:\n" + fmt.Sprintf(msgGeomNot2DPattern, raw), false
				}
			}
		}
	}
	if len(sc.Zones) > 0 {
		return msgGeomWithZones, true
	}
	return "", false
}
