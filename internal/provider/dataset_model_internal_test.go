package provider

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

func TestDateTimeFromAPI(t *testing.T) {
	sp := func(s string) *string { return &s }
	tests := []struct {
		name   string
		server *string
		prior  types.String
		want   types.String
	}{
		{"null", nil, types.StringValue("2030-01-01T00:00:00Z"), types.StringNull()},
		{"same instant, other form: prior kept", sp("2030-01-15T08:30:00+00:00"), types.StringValue("2030-01-15T08:30:00Z"), types.StringValue("2030-01-15T08:30:00Z")},
		{"precision lost below the millisecond: prior kept", sp("2030-01-15T08:30:00.123000+00:00"), types.StringValue("2030-01-15T08:30:00.123456Z"), types.StringValue("2030-01-15T08:30:00.123456Z")},
		{"other zone, same instant: prior kept", sp("2030-01-15T06:30:00+00:00"), types.StringValue("2030-01-15T08:30:00+02:00"), types.StringValue("2030-01-15T08:30:00+02:00")},
		{"changed on the portal", sp("2031-01-01T00:00:00+00:00"), types.StringValue("2030-01-15T08:30:00Z"), types.StringValue("2031-01-01T00:00:00Z")},
		{"no prior (import): UTC at the millisecond", sp("2030-01-15T08:30:00.123456+00:00"), types.StringNull(), types.StringValue("2030-01-15T08:30:00.123Z")},
		{"naive datetime is UTC", sp("2030-01-15T08:30:00"), types.StringNull(), types.StringValue("2030-01-15T08:30:00Z")},
	}
	for _, tt := range tests {
		if got := dateTimeFromAPI(tt.server, tt.prior); !got.Equal(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestExtrasFromAPI(t *testing.T) {
	server := map[string]any{"mine": "a", "recommendations": []any{"x"}, "check:status": 200.0, "other-tool": "b", "number": 3.0}
	managed := types.MapValueMust(types.StringType, map[string]attr.Value{
		"mine": types.StringValue("old"), "number": types.StringValue("1"), "gone": types.StringValue("z"),
	})
	got, diags := extrasFromAPI(server, managed, false)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := types.MapValueMust(types.StringType, map[string]attr.Value{"mine": types.StringValue("a"), "number": types.StringValue("3")})
	if !got.Equal(want) {
		t.Errorf("managed keys: got %v, want %v", got, want)
	}

	// Import adopts every key that is not the portal's own, as its text.
	got, _ = extrasFromAPI(server, types.MapNull(types.StringType), true)
	want = types.MapValueMust(types.StringType, map[string]attr.Value{
		"mine": types.StringValue("a"), "other-tool": types.StringValue("b"), "number": types.StringValue("3"),
	})
	if !got.Equal(want) {
		t.Errorf("import: got %v, want %v", got, want)
	}

	// No key managed, outside an import: none.
	if got, _ = extrasFromAPI(server, types.MapNull(types.StringType), false); !got.IsNull() {
		t.Errorf("unmanaged: got %v, want null", got)
	}
}

// An update writes a declared value only when its text differs from the
// portal's value: the JSON type of an unchanged value is never rewritten.
func TestExtrasUpdate(t *testing.T) {
	ctx := context.Background()
	server := map[string]any{"n": 3.0, "b": true, "o": map[string]any{"a": 1.0}, "s": "x", "old": "y", "adopted": 1.0, "theirs": "z"}
	prior := types.MapValueMust(types.StringType, map[string]attr.Value{
		"n": types.StringValue("3"), "b": types.StringValue("true"), "o": types.StringValue(`{"a":1}`),
		"s": types.StringValue("x"), "old": types.StringValue("y"),
	})
	planned := types.MapValueMust(types.StringType, map[string]attr.Value{
		"n": types.StringValue("3"), "b": types.StringValue("true"), "o": types.StringValue(`{"a":1}`),
		"s": types.StringValue("changed"), "new": types.StringValue("1"),
	})
	got, diags := extrasUpdate(ctx, prior, planned, []string{"adopted"}, server)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := map[string]any{"s": "changed", "new": "1", "old": nil}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes = %#v, want %#v", got, want)
	}
	if got, _ := extrasUpdate(ctx, prior, prior, nil, server); got != nil {
		t.Errorf("nothing changed: changes = %#v, want nil", got)
	}
}

func TestDatasetInputExtrasAndArchived(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	archivedAt := "2025-01-01T00:00:00+00:00"
	m := datasetModel{
		Title: types.StringValue("T"), Description: types.StringValue("D"),
		DescriptionShort: types.StringValue(""), Acronym: types.StringNull(),
		Tags:    types.SetValueMust(types.StringType, []attr.Value{types.StringValue("b-tag"), types.StringValue("a-tag")}),
		License: types.StringValue("cc-by"), Frequency: types.StringValue("daily"), FrequencyDate: types.StringNull(),
		TemporalCoverage: types.ObjectNull(temporalCoverageAttrTypes),
		Spatial: types.ObjectValueMust(spatialAttrTypes, map[string]attr.Value{
			"zones": types.SetValueMust(types.StringType, nil), "granularity": types.StringValue("other"), "geometry": geometryNull(),
		}),
		Private: types.BoolValue(true), Organization: types.StringValue("6630a1b2c3d4e5f601234567"),
		Extras:   types.MapValueMust(types.StringType, map[string]attr.Value{"mine": types.StringValue("new")}),
		Archived: types.BoolValue(true),
	}

	created, diags := m.datasetInput(ctx, nil, now)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if created.Organization == "" || created.Archived == nil || *created.Archived != "2026-03-01T12:00:00Z" {
		t.Errorf("create: organization %q, archived %v", created.Organization, created.Archived)
	}
	if created.DescriptionShort != nil || created.Spatial != nil || created.TemporalCoverage != nil {
		t.Errorf("create: empty values must be sent as null: %+v", created)
	}
	if len(created.Extras) != 1 || created.Extras["mine"] != "new" {
		t.Errorf("create: extras = %v, want the declared ones", created.Extras)
	}
	if len(created.Tags) != 2 || created.Tags[0] != "a-tag" {
		t.Errorf("create: tags %v", created.Tags)
	}

	current := &client.Dataset{Archived: &archivedAt, Extras: map[string]any{"mine": "old", "removed": "x", "recommendations": []any{}}}
	updated, _ := m.datasetInput(ctx, current, now)
	if updated.Organization != "" {
		t.Errorf("update must not send the organization")
	}
	if updated.Archived == nil || *updated.Archived != archivedAt {
		t.Errorf("update of an archived dataset must keep its date, got %v", updated.Archived)
	}
	if updated.Extras != nil {
		t.Errorf("an update must leave extras out of the PUT (written through the v2 endpoint), got %v", updated.Extras)
	}
	// An empty coverage is written as cleared zones with the default
	// granularity: null or [] zones, or no "spatial", would keep the portal's.
	if sp := updated.Spatial; sp == nil || sp.Zones != nil || sp.Granularity != "other" {
		t.Errorf("update spatial = %+v, want zones null and granularity other", sp)
	}
	prior := types.MapValueMust(types.StringType, map[string]attr.Value{
		"mine": types.StringValue("old"), "removed": types.StringValue("x"), "gone-already": types.StringValue("y"),
	})
	changes, _ := extrasUpdate(ctx, prior, m.Extras, nil, current.Extras)
	if len(changes) != 2 || changes["mine"] != "new" || changes["removed"] != nil {
		t.Errorf("extras changes = %v, want mine=new and removed=null only", changes)
	}
	if _, ok := changes["removed"]; !ok {
		t.Errorf("extras changes lack the removed key: %v", changes)
	}
	if same, _ := extrasUpdate(ctx, m.Extras, m.Extras, nil, map[string]any{"mine": "new", "other": "x"}); same != nil {
		t.Errorf("nothing to write, got %v", same)
	}

	m.Archived = types.BoolValue(false)
	unarchived, _ := m.datasetInput(ctx, current, now)
	if unarchived.Archived != nil {
		t.Errorf("archived = false must send null, got %v", *unarchived.Archived)
	}
}
