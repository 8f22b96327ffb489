package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// spatial.geometry is udata's spatial.geom: a GeoJSON MultiPolygon (the
// only type its MultiPolygonField accepts), stored with every coordinate
// rounded to 6 decimals, and never together with zones. The attribute is
// GeoJSON text compared by meaning: key order, spacing and the portal's
// rounding are no change.

// geometryType is the attribute's type: a string whose values compare
// semantically (the framework keeps the configuration's text when the
// portal answers the same geometry written otherwise).
type geometryType struct{ basetypes.StringType }

var _ basetypes.StringTypable = geometryType{}

func (t geometryType) Equal(o attr.Type) bool { _, ok := o.(geometryType); return ok }
func (t geometryType) String() string         { return "geometryType" }
func (t geometryType) ValueType(context.Context) attr.Value {
	return geometryValue{}
}

func (t geometryType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return geometryValue{StringValue: in}, nil
}

func (t geometryType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return geometryValue{StringValue: s}, nil
}

// geometryValue is a value of geometryType.
type geometryValue struct{ basetypes.StringValue }

var _ basetypes.StringValuableWithSemanticEquals = geometryValue{}

func (v geometryValue) Type(context.Context) attr.Type { return geometryType{} }

func (v geometryValue) Equal(o attr.Value) bool {
	other, ok := o.(geometryValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals: the same geometry once both are in the portal's
// canonical form.
func (v geometryValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValuable.(geometryValue)
	if !ok {
		return false, nil
	}
	a, errA := canonicalGeometry(v.ValueString())
	b, errB := canonicalGeometry(other.ValueString())
	return errA == nil && errB == nil && a == b, nil
}

func geometryNull() geometryValue { return geometryValue{StringValue: types.StringNull()} }

// canonicalGeometry is GeoJSON text as the portal stores it: every number
// rounded to 6 decimals (as udata's geojson library does), keys sorted, no
// spaces.
func canonicalGeometry(text string) (string, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	if dec.More() {
		return "", fmt.Errorf("text after the JSON value")
	}
	out, err := json.Marshal(roundNumbers(v))
	return string(out), err
}

func roundNumbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			x[k] = roundNumbers(item)
		}
	case []any:
		for i, item := range x {
			x[i] = roundNumbers(item)
		}
	case json.Number:
		if f, err := x.Float64(); err == nil {
			r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 6, 64), 64)
			return r
		}
	}
	return v
}

// geometryFromAPI is the portal's geom as the attribute's text (null when
// there is none).
func geometryFromAPI(raw json.RawMessage) geometryValue {
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return geometryNull()
	}
	text, err := canonicalGeometry(string(raw))
	if err != nil {
		text = string(raw) // shown as is: a drift the user can read
	}
	return geometryValue{StringValue: types.StringValue(text)}
}

// geometryProblem tells, in words, why text is not a geometry the portal
// accepts; "" when it is.
func geometryProblem(text string) string {
	canon, err := canonicalGeometry(text)
	if err != nil {
		return fmt.Sprintf("it is not valid JSON (%s); write it with jsonencode() or file()", err)
	}
	var g map[string]any
	if json.Unmarshal([]byte(canon), &g) != nil {
		return "it must be a GeoJSON geometry object"
	}
	if g["type"] != "MultiPolygon" {
		return fmt.Sprintf("data.gouv.fr stores a MultiPolygon only, not %v: write a Polygon's coordinates inside one more list, "+
			`as {"type": "MultiPolygon", "coordinates": [<the polygon's coordinates>]}`, g["type"])
	}
	for k := range g {
		if k != "type" && k != "coordinates" {
			return fmt.Sprintf("data.gouv.fr refuses any member but type and coordinates, and this one has %q", k)
		}
	}
	polygons, ok := g["coordinates"].([]any)
	if !ok || len(polygons) == 0 {
		return "its coordinates must list at least one polygon"
	}
	for i, p := range polygons {
		rings, ok := p.([]any)
		if !ok || len(rings) == 0 {
			return fmt.Sprintf("polygon %d must be a list of linear rings", i+1)
		}
		for j, r := range rings {
			positions, ok := r.([]any)
			if !ok || len(positions) < 4 {
				return fmt.Sprintf("ring %d of polygon %d must have at least 4 positions", j+1, i+1)
			}
			for _, pos := range positions {
				xy, ok := pos.([]any)
				if !ok || len(xy) != 2 {
					return fmt.Sprintf("ring %d of polygon %d has a position that is not [longitude, latitude]: data.gouv.fr "+
						"stores two-dimensional points only", j+1, i+1)
				}
				for _, n := range xy {
					if _, ok := n.(float64); !ok {
						return fmt.Sprintf("ring %d of polygon %d has a coordinate that is not a number", j+1, i+1)
					}
				}
			}
			first, _ := json.Marshal(positions[0])
			last, _ := json.Marshal(positions[len(positions)-1])
			if !bytes.Equal(first, last) {
				return fmt.Sprintf("ring %d of polygon %d must end where it starts (its last position must repeat its first, "+
					"to 6 decimals)", j+1, i+1)
			}
		}
	}
	return ""
}

// geometryValidator refuses, at plan, a geometry the portal would refuse.
type geometryValidator struct{}

func (geometryValidator) Description(context.Context) string {
	return "must be a GeoJSON MultiPolygon of two-dimensional positions with closed rings"
}
func (v geometryValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (geometryValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := geometryProblem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid spatial geometry",
			fmt.Sprintf("%s: the geometry is not one data.gouv.fr accepts: %s.", req.Path, problem))
	}
}

// geometryWithoutZones refuses a coverage with both zones and a geometry:
// udata keeps one or the other ("The spatial coverage cannot contains a
// Geozone and a Geometry").
type geometryWithoutZones struct{}

func (geometryWithoutZones) Description(context.Context) string {
	return "zones and geometry cannot both be set"
}
func (v geometryWithoutZones) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (geometryWithoutZones) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var sp spatialModel
	resp.Diagnostics.Append(req.ConfigValue.As(ctx, &sp, objectAsOptions)...)
	if resp.Diagnostics.HasError() || sp.Geometry.IsNull() || sp.Geometry.IsUnknown() || sp.Zones.IsNull() || sp.Zones.IsUnknown() {
		return
	}
	if len(sp.Zones.Elements()) > 0 {
		resp.Diagnostics.AddAttributeError(req.Path.AtName("geometry"), "Spatial geometry together with zones",
			fmt.Sprintf("%s: data.gouv.fr describes a spatial coverage either by zones or by a geometry, not both: remove zones, or geometry.",
				req.Path.AtName("geometry")))
	}
}
