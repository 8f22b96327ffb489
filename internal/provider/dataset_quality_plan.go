package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// planQuality plans a dataset's quality attributes when a write is planned
// (create, or an update that writes): `quality` unknown, since apply may
// find another availability or another "in time" than the plan sees, and
// `predicted_quality_score` the prediction, which apply keeps.
//
// The prediction depends only on the configuration and the prior state
// (the portal's quality at the refresh, and when it was read: the private
// state), which Terraform hands again to the plan it makes at apply (a
// saved plan's too): both plans predict the same, so the plan's value never
// ends in an "inconsistent final plan".
//
// A prediction lower than the portal's score at the refresh is a warning
// naming the criteria lost; one below the provider's minimum_quality_score
// is an error. While a value the prediction needs is unknown, so is the
// prediction, and nothing is checked: Terraform plans again at apply, with
// the values known.
func planQuality(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, plan datasetModel, create bool, resp *resource.ModifyPlanResponse) {
	predicted := path.Root("predicted_quality_score")
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("quality"), types.ObjectUnknown(qualityAttrTypes))...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, predicted, types.Float64Unknown())...)
	for _, v := range []interface{ IsUnknown() bool }{plan.License, plan.Description, plan.Frequency, plan.TemporalCoverage, plan.Spatial} {
		if v.IsUnknown() {
			return
		}
	}
	var before *qualityBefore
	var current *client.Dataset // a create: no dataset yet
	if !create {
		var state datasetModel
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
			return
		}
		var known bool
		if before, known = qualityBeforeFromState(ctx, state, req.Private); !known {
			return
		}
		// An update sends the dataset's whole body (spatial coverage
		// included) whatever the portal holds.
		current = &client.Dataset{}
	}
	// The body apply will send, built by the same mapping.
	in, diags := plan.datasetInput(ctx, current, time.Now())
	if diags.HasError() {
		return // the same mapping reports it at apply
	}
	q, known := predictQuality(in, before)
	if !known {
		return
	}
	score := q.score()
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, predicted, types.Float64Value(score))...)

	if before != nil {
		if lost := q.lost(before.criteria); scoreBelow(score, before.criteria.score()) && len(lost) > 0 {
			resp.Diagnostics.AddAttributeWarning(predicted, "Dataset quality score drops",
				fmt.Sprintf("This change lowers the dataset's metadata quality score on the portal from %s to %s: it will no longer have %s.",
					scoreText(before.criteria.score()), scoreText(score), strings.Join(lost, ", ")))
		}
	}
	if minimum := data.minimumQualityScore; minimum != nil && scoreBelow(score, *minimum) {
		resp.Diagnostics.AddAttributeError(predicted, "Dataset quality score below the minimum",
			fmt.Sprintf("The dataset's predicted metadata quality score, %s, is below the provider's minimum_quality_score, %g. "+
				"Missing: %s. Files added by datagouv_resource blocks count once they are published: apply them first "+
				"(-target), or lower minimum_quality_score.", scoreText(score), *minimum, strings.Join(q.missing(), ", ")))
	}
}

// privateQualityRead is the private-state key of when the dataset's quality
// in the state was read (a JSON string, RFC 3339).
const privateQualityRead = "quality_read_at"

// rememberQualityRead records that the state's quality was read now: what
// "in time" is predicted against.
func rememberQualityRead(ctx context.Context, private privateSetter) diag.Diagnostics {
	v, _ := json.Marshal(time.Now().UTC().Format(time.RFC3339Nano))
	return private.SetKey(ctx, privateQualityRead, v)
}

// qualityBeforeFromState is the dataset as the state holds it after the
// refresh; known is false without a quality in the state (a plan without
// refresh of a state written before the attribute existed).
func qualityBeforeFromState(ctx context.Context, state datasetModel, private privateGetter) (before *qualityBefore, known bool) {
	if state.Quality.IsNull() || state.Quality.IsUnknown() {
		return nil, false
	}
	before = &qualityBefore{criteria: qualityCriteria{}, frequency: state.Frequency.ValueString()}
	for k, v := range state.Quality.Attributes() {
		if b, ok := v.(types.Bool); ok {
			before.criteria[k] = b.ValueBool()
		}
	}
	if t, err := parseAPIDateTime(state.LastUpdate.ValueString()); err == nil && isSet(state.LastUpdate) {
		before.lastUpdate = &t
	}
	var readAt string
	if raw, d := private.GetKey(ctx, privateQualityRead); !d.HasError() && json.Unmarshal(raw, &readAt) == nil {
		if t, err := time.Parse(time.RFC3339Nano, readAt); err == nil {
			before.readAt = &t
		}
	}
	return before, true
}

// scoreBelow tells whether score is lower than limit, beyond float rounding
// (scores are ninths: 5/9 is not below a minimum written 0.5555555555555556).
func scoreBelow(score, limit float64) bool {
	return score < limit-1e-9
}

// scoreText shows a score as udata's nine criteria do: "5/9 (0.56)".
func scoreText(score float64) string {
	return fmt.Sprintf("%d/%d (%.2f)", int(math.Round(score*qualityMaxScore)), qualityMaxScore, score)
}
