package provider_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// A mistake inside the coverage blocks is reported on the attribute
// concerned, not on the whole block: an unknown zone on its element of
// spatial.zones, an unknown granularity on spatial.granularity, a geometry
// on spatial.geometry, an inverted period on temporal_coverage.end. The
// Terraform CLI places a diagnostic inside an object attribute on the
// resource's first line, so each detail also opens with the attribute's
// address; the paths themselves are checked in the provider's answers.
func TestAccPlan_coverageErrorsOnTheirAttributes(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	title := acctest.RandomName("coverage paths")
	var mu sync.Mutex
	var diags []*tfprotov6.Diagnostic
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"datagouv": func() (tfprotov6.ProviderServer, error) {
			s, err := log.Server()
			return planDiagnostics{ProviderServer: s, mu: &mu, diags: &diags}, err
		},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "datagouv_dataset" "zones" {
  title       = "%[1]s zones"
  description = "Coverage mistakes."
  spatial = {
    granularity = "fr:comune"
    zones       = ["fr:region:11", "fr:region:99"]
  }
  temporal_coverage = {
    start = "2021-01-01"
    end   = "2020-01-01"
  }
}

resource "datagouv_dataset" "geometry" {
  title       = "%[1]s geometry"
  description = "A geometry data.gouv.fr does not store."
  spatial = {
    geometry = jsonencode({ type = "Point", coordinates = [2.3, 48.8] })
  }
}
`, title),
			PlanOnly: true,
			// In the order the provider reports them, which is also their
			// order in the configuration: Terraform 1.5.7 prints them in the
			// first order, newer CLIs (their lines known) in the second.
			ExpectError: errorPattern("Unknown spatial granularity", `spatial.granularity: "fr:comune"`,
				"Unknown spatial zone", `spatial.zones: this portal knows no zone "fr:region:99"`,
				"Inverted date range", "temporal_coverage.end (2020-01-01)",
				"Invalid spatial geometry", "spatial.geometry: the geometry"),
		}},
	})
	assertNothingWritten(t, log, 0, title)

	at := func(steps ...any) *tftypes.AttributePath {
		p := tftypes.NewAttributePath()
		for _, s := range steps {
			switch s := s.(type) {
			case string:
				p = p.WithAttributeName(s)
			case tftypes.Value:
				p = p.WithElementKeyValue(s)
			}
		}
		return p
	}
	want := map[string]*tftypes.AttributePath{
		"Unknown spatial zone":        at("spatial", "zones", tftypes.NewValue(tftypes.String, "fr:region:99")),
		"Unknown spatial granularity": at("spatial", "granularity"),
		"Inverted date range":         at("temporal_coverage", "end"),
		"Invalid spatial geometry":    at("spatial", "geometry"),
	}
	mu.Lock()
	defer mu.Unlock()
	for summary, path := range want {
		found := false
		for _, d := range diags {
			if d.Severity != tfprotov6.DiagnosticSeverityError || d.Summary != summary {
				continue
			}
			if d.Attribute == nil || !d.Attribute.Equal(path) {
				t.Errorf("%q is on %v, want %v", summary, d.Attribute, path)
			}
			found = true
		}
		if !found {
			t.Errorf("no %q error among the provider's diagnostics", summary)
		}
	}
}
