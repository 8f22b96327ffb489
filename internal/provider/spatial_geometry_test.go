package provider_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The canonical text of the test geometry: what jsonencode writes and what
// the provider reads back from the portal.
const testGeometry = `{"coordinates":[[[[2.2,48.8],[2.5,48.8],[2.5,48.9],[2.2,48.8]]]],"type":"MultiPolygon"}`

// spatial.geometry: written, read back, imported; the same geometry
// written otherwise (7 decimals, other key order and spacing) is no
// change; zones replace it, and zones set elsewhere give way to it.
func TestAccDataset_spatialGeometry(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-geometry")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	config := func(spatial string) string {
		return datasetConfig(fmt.Sprintf("title = %q", title), `description = "Covers an area."`, orgLine(), spatial)
	}
	geometryOnPortal := func(want string, zones ...string) resource.TestCheckFunc {
		return checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
			got := ""
			if ds.Spatial != nil && ds.Spatial.HasGeom() {
				var v any
				if err := json.Unmarshal(ds.Spatial.Geom, &v); err != nil {
					return err
				}
				raw, _ := json.Marshal(v)
				got = string(raw)
			}
			var gotZones []string
			if ds.Spatial != nil {
				gotZones = ds.Spatial.Zones
			}
			if got != want || fmt.Sprint(gotZones) != fmt.Sprint(zones) {
				return fmt.Errorf("portal spatial: geom %s, zones %v; want %s, %v", got, gotZones, want, zones)
			}
			return nil
		})
	}
	withGeometry := `spatial = { granularity = "fr:commune", geometry = jsonencode({ type = "MultiPolygon", coordinates = [[[[2.2, 48.8], [2.5, 48.8], [2.5, 48.9], [2.2, 48.8]]]] }) }`
	sameOtherwise := `spatial = { granularity = "fr:commune", geometry = "{ \"type\": \"MultiPolygon\",\n \"coordinates\": [[[[2.2000001, 48.8], [2.5, 48.80000004], [2.5, 48.9], [2.2000001, 48.8]]]] }" }`
	withZones := `spatial = { granularity = "country", zones = ["country:fr"] }`
	empty := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	var id string

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				Config: config(withGeometry),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(datasetAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("spatial").AtMapKey("geometry"), knownvalue.StringExact(testGeometry)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(geometryOnPortal(testGeometry),
					resource.TestCheckResourceAttrWith(datasetAddr, "id", func(v string) error { id = v; return nil })),
			},
			{ResourceName: datasetAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				// The same area written otherwise: Terraform plans the new
				// text (a configured value is planned as written), the
				// portal keeps the same geometry, and neither its rounding
				// nor its key order shows as drift afterwards.
				Config: config(sameOtherwise),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(datasetAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: empty,
				},
				Check: geometryOnPortal(testGeometry),
			},
			{
				// Zones instead: the geometry is cleared.
				Config: config(withZones),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(datasetAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(datasetAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("spatial").AtMapKey("geometry"), knownvalue.Null()),
				},
				Check: geometryOnPortal("", "country:fr"),
			},
			{
				// Someone draws an area in the web interface, which drops
				// the zones: the refresh shows it, the apply puts the
				// configured zones back (sending the zones alone would be
				// refused next to the stored geometry).
				PreConfig: func() {
					acctest.OutOfBand(t, http.MethodPut, "/api/1/datasets/"+id+"/",
						map[string]any{"spatial": map[string]any{"zones": nil, "geom": json.RawMessage(testGeometry)}}, http.StatusOK)
				},
				Config: config(withZones),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(datasetAddr, plancheck.ResourceActionUpdate)},
				},
				Check: geometryOnPortal("", "country:fr"),
			},
			{
				// Back to the geometry, then no spatial at all: cleared.
				Config: config(withGeometry),
				Check:  geometryOnPortal(testGeometry),
			},
			{
				Config:            config(""),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("spatial"), knownvalue.Null())},
				Check:             geometryOnPortal(""),
			},
		},
	})
}

// Geometries data.gouv.fr would refuse are errors at plan, on
// spatial.geometry, with what to write instead.
func TestAccDataset_spatialGeometryRefused(t *testing.T) {
	acctest.PreCheck(t)
	config := func(spatial string) string {
		return datasetConfig(`title = "Refused geometry"`, `description = "Never created."`, spatial)
	}
	cases := []struct{ spatial, want string }{
		{`spatial = { geometry = jsonencode({ type = "Polygon", coordinates = [[[0, 0], [1, 0], [1, 1], [0, 0]]] }) }`,
			`(?s)Invalid spatial geometry.*MultiPolygon only, not Polygon`},
		{`spatial = { geometry = jsonencode({ type = "MultiPolygon", coordinates = [[[[0, 0], [1, 0], [1, 1], [0, 1]]]] }) }`,
			`(?s)Invalid spatial geometry.*ring 1 of polygon 1 must end where it starts`},
		{`spatial = { geometry = jsonencode({ type = "MultiPolygon", coordinates = [[[[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]]]] }) }`,
			`(?s)Invalid spatial geometry.*two-dimensional`},
		{`spatial = { geometry = "{\"type\": \"MultiPolygon\"" }`, `(?s)Invalid spatial geometry.*not valid JSON`},
		{`spatial = { zones = ["country:fr"], geometry = jsonencode({ type = "MultiPolygon", coordinates = [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] }) }`,
			`(?s)Spatial geometry together with zones.*either by zones or by a geometry`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		// Terraform wraps messages: any space may be a line break.
		want := regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`))
		steps = append(steps, resource.TestStep{Config: config(c.spatial), PlanOnly: true, ExpectError: want})
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
}
