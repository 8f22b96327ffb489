package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The prediction, for the tests of package provider_test that compare it
// with the quality the site computes (dataset_quality_udata_test.go).

// PredictQuality is the plan's prediction of the quality once in is
// written over current (nil for a create), read at readAt: current goes
// through the state's mapping and the private state, as a plan finds it.
func PredictQuality(in *client.DatasetInput, current *client.Dataset, readAt time.Time) map[string]bool {
	var before *qualityBefore
	if current != nil {
		state, diags := datasetFromAPI(context.Background(), current, &datasetModel{})
		if diags.HasError() {
			panic(fmt.Sprint(diags))
		}
		private := memPrivate{}
		private[privateQualityRead], _ = json.Marshal(readAt.UTC().Format(time.RFC3339Nano))
		before, _ = qualityBeforeFromState(context.Background(), state, private)
	}
	q, known := predictQuality(in, before)
	if !known {
		return nil
	}
	return q
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
