package provider

import (
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The prediction, for the tests of package provider_test that compare it
// with the quality the site computes (quality_udata_test.go).

// PredictQuality is predictQuality, by criterion key.
func PredictQuality(in *client.DatasetInput, current *client.Dataset, now time.Time) map[string]bool {
	return predictQuality(in, current, now)
}

// PortalQuality is the portal's quality object, by criterion key.
func PortalQuality(q *client.Quality) map[string]bool { return qualityFromPortal(q) }

// QualityKeys are has_resources and the nine criteria of the score.
func QualityKeys() []string {
	keys := []string{"has_resources"}
	for _, c := range qualityCriteriaOrder {
		keys = append(keys, c.key)
	}
	return keys
}
