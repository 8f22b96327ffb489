package provider

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// A dataservice POST whose answer is lost is looked up by its marker, never
// repeated blindly: one dataservice on the portal.
func TestCreateDataservice_recovers(t *testing.T) {
	for name, tc := range map[string]struct {
		kind      faultKind
		org       string
		wantPOSTs int
	}{
		"dropped after processing, user's":         {dropAfterProcessing, "", 1},
		"dropped after processing, organization's": {dropAfterProcessing, emulator.OrgID, 1},
		"dropped before processing":                {dropBeforeProcessing, emulator.OrgID, 1},
		"502 from a proxy":                         {badGateway, "", 1},
	} {
		t.Run(name, func(t *testing.T) {
			fx := newRecoveryFixture(t, http.MethodPost, "/api/1/dataservices/", tc.kind, 1)
			in := &client.DataserviceInput{Title: "Recovered " + name, Organization: tc.org, Private: true, Extras: map[string]any{"team": "x"}}
			d, err := createDataservice(fx.ctx, fx.data, in)
			if err != nil {
				t.Fatalf("createDataservice: %v", err)
			}
			if d.Title != in.Title || d.Extras["team"] != "x" {
				t.Fatalf("got %+v", d)
			}
			if got := fx.count(http.MethodPost, "/api/1/dataservices/"); got != tc.wantPOSTs {
				t.Errorf("the emulator processed %d dataservice POSTs, want %d", got, tc.wantPOSTs)
			}
			page, err := fx.data.client.Dataservices.List(fx.ctx, client.DataserviceListOptions{PageSize: 100})
			if err != nil || page.Total != 1 {
				t.Errorf("%d dataservices on the portal (%v), want 1", page.Total, err)
			}
			if in.Extras[createMarkerKey] != nil {
				t.Errorf("the caller's input was changed: %v", in.Extras)
			}
		})
	}
}

// A contact point POST whose answer is lost is sent again: udata's
// get_or_create answers the one the first POST made.
func TestCreateContactPoint_lostAnswer(t *testing.T) {
	fx := newRecoveryFixture(t, http.MethodPost, "/api/1/contacts/", dropAfterProcessing, 1)
	in := &client.ContactPointInput{Name: "Team", Email: new("team@example.org"), Role: "contact", Organization: emulator.OrgID}
	cp, err := fx.data.client.ContactPoints.Create(fx.ctx, in)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	page, err := fx.data.client.ContactPoints.ListByOrganization(fx.ctx, emulator.OrgID, 1, 10)
	if err != nil || page.Total != 1 || page.Data[0].ID != cp.ID {
		t.Errorf("organization's contact points = %+v, %v; want only %s", page, err, cp.ID)
	}
}

func TestServedDatasets(t *testing.T) {
	ctx := context.Background()
	set := func(ids ...string) types.Set { return types.SetValueMust(types.StringType, strValues(ids)) }
	for name, tc := range map[string]struct {
		visible []string
		total   int
		prior   types.Set
		want    []string
	}{
		"all visible":                      {[]string{"a", "b"}, 2, set("a", "b"), []string{"a", "b"}},
		"hidden one known from prior":      {[]string{"a"}, 2, set("a", "h"), []string{"a", "h"}},
		"hidden one, prior has two others": {[]string{"a"}, 2, set("a", "h", "i"), []string{"a"}},
		"hidden one on import":             {[]string{"a"}, 2, types.SetNull(types.StringType), []string{"a"}},
		"one removed out of band":          {[]string{"a"}, 1, set("a", "b"), []string{"a"}},
	} {
		var diags diag.Diagnostics
		got := servedDatasets(ctx, tc.visible, tc.total, tc.prior, &diags)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || diags.HasError() {
			t.Errorf("%s: %v (%v), want %v", name, got, diags, tc.want)
		}
	}
}

func strValues(ids []string) []attr.Value {
	out := make([]attr.Value, len(ids))
	for i, id := range ids {
		out[i] = types.StringValue(id)
	}
	return out
}

// An update writes the managed extras keys into the portal's current
// extras: others' keys stay, removed managed keys go, a value whose text is
// unchanged keeps its JSON type; with no change, extras are left out.
func TestDataserviceInput_extrasAndArchive(t *testing.T) {
	ctx := context.Background()
	m := dataserviceFields{
		Title: types.StringValue("T"),
		Extras: types.MapValueMust(types.StringType, map[string]attr.Value{
			"mine": types.StringValue("new"), "count": types.StringValue("3"),
		}),
		Archived: types.BoolValue(true),
	}
	prior := types.MapValueMust(types.StringType, map[string]attr.Value{
		"mine": types.StringValue("old"), "count": types.StringValue("3"), "gone": types.StringValue("x"),
	})
	archived := "2024-01-02T03:04:05+00:00"
	current := &client.Dataservice{Extras: map[string]any{"mine": "old", "count": 3.0, "gone": "x", "theirs": 3.0}, ArchivedAt: &archived}
	changes, diags := extrasUpdate(ctx, prior, m.Extras, nil, current.Extras)
	in, d := m.dataserviceInput(ctx, current, changes, time.Now())
	diags.Append(d...)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(in.Extras) != 3 || in.Extras["mine"] != "new" || in.Extras["count"] != 3.0 || in.Extras["theirs"] != 3.0 {
		t.Errorf("extras = %v", in.Extras)
	}
	if same, _ := m.dataserviceInput(ctx, current, nil, time.Now()); same.Extras != nil {
		t.Errorf("no extras change: extras = %v, want left out", same.Extras)
	}
	if in.ArchivedAt == nil || *in.ArchivedAt != archived || in.Organization != "" {
		t.Errorf("archived_at %v organization %q: the archive date is kept, the organization never sent", in.ArchivedAt, in.Organization)
	}
	if in.Tags == nil || in.Datasets == nil || in.ContactPoints == nil || in.AccessType != client.AccessOpen {
		t.Errorf("lists and access type must never be null: %+v", in)
	}
}
