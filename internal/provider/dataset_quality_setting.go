package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// minimumQualityScoreAttribute is the provider's minimum_quality_score: a
// CI job's floor for the datasets it publishes (dataset_quality_plan.go).
func minimumQualityScoreAttribute() schema.Float64Attribute {
	return schema.Float64Attribute{
		Optional: true,
		Description: "The lowest metadata quality score (0 to 1, as a dataset's `quality.score`) a dataset may be published with. " +
			"A dataset whose plan creates or changes it with a `predicted_quality_score` below it fails at plan time, before " +
			"anything is written, naming the criteria it misses; datasets the plan leaves alone are not checked. Unset by default " +
			"(no minimum). The score counts nine criteria: 5 of 9 is `0.55`, 7 of 9 is `0.77`.",
		Validators: []validator.Float64{float64validator.Between(0, 1)},
	}
}
