package provider

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// planQuality plans a dataset's quality attributes when a write is planned
// (create, or an update that writes): `quality` unknown, since apply may
// find another availability or another "in time" than the plan sees, and
// `predicted_quality_score` the prediction, which apply keeps (so the plan
// is consistent by construction). A prediction lower than the portal's
// current score is a warning naming the criteria lost; one below the
// provider's minimum_quality_score is an error. While a value the
// prediction needs is unknown, so is the prediction, and nothing is
// checked: Terraform plans again at apply, with the values known.
func planQuality(ctx context.Context, data *providerData, plan datasetModel, create bool, resp *resource.ModifyPlanResponse) {
	predicted := path.Root("predicted_quality_score")
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("quality"), types.ObjectUnknown(qualityAttrTypes))...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, predicted, types.Float64Unknown())...)
	for _, v := range []interface{ IsUnknown() bool }{plan.License, plan.Description, plan.Frequency, plan.TemporalCoverage, plan.Spatial} {
		if v.IsUnknown() {
			return
		}
	}
	var current *client.Dataset
	if !create {
		// The refresh's read when this process made one (coalesced_reads.go).
		ds, err := data.datasetReads.Dataset(ctx, plan.ID.ValueString())
		if err != nil {
			return // apply reads it again and reports any problem
		}
		current = ds
	}
	// The body apply will send, built by the same mapping.
	in, diags := plan.datasetInput(ctx, current, time.Now())
	if diags.HasError() {
		return // the same mapping reports it at apply
	}
	q := predictQuality(in, current, time.Now())
	score := q.score()
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, predicted, types.Float64Value(score))...)

	if current != nil && current.Quality != nil {
		before := qualityFromPortal(current.Quality)
		if lost := q.lost(before); below(score, before.score()) && len(lost) > 0 {
			resp.Diagnostics.AddAttributeWarning(predicted, "Dataset quality score drops",
				fmt.Sprintf("This change lowers the dataset's metadata quality score on the portal from %s to %s: it will no longer have %s.",
					scoreText(before.score()), scoreText(score), strings.Join(lost, ", ")))
		}
	}
	if minimum := data.minimumQualityScore; minimum != nil && below(score, *minimum) {
		resp.Diagnostics.AddAttributeError(predicted, "Dataset quality score below the minimum",
			fmt.Sprintf("The dataset's predicted metadata quality score, %s, is below the provider's minimum_quality_score, %g. "+
				"Missing: %s. Files added by datagouv_resource blocks count once they are published: apply them first "+
				"(-target), or lower minimum_quality_score.", scoreText(score), *minimum, strings.Join(q.missing(), ", ")))
	}
}

// below tells whether score is lower than limit, beyond float rounding
// (scores are ninths: 5/9 is not below a minimum written 0.5555555555555556).
func below(score, limit float64) bool {
	return score < limit-1e-9
}

// scoreText shows a score as udata's nine criteria do: "5/9 (0.56)".
func scoreText(score float64) string {
	return fmt.Sprintf("%d/%d (%.2f)", int(math.Round(score*qualityMaxScore)), qualityMaxScore, score)
}
