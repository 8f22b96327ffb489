package provider

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The dataset's `quality` (the portal's, read-only) and
// `predicted_quality_score` (the plan's prediction) attributes: schema,
// and the mapping from the portal's quality object.

// qualityAttributeDescriptions describe the criteria of `quality`, by key.
var qualityAttributeDescriptions = map[string]string{
	"license":                     "The dataset has a licence (`notspecified` counts: it is one of the portal's licences).",
	"temporal_coverage":           "The dataset has a temporal coverage.",
	"spatial":                     "The dataset has a spatial coverage (a granularity alone counts).",
	"update_frequency":            "The dataset has an update frequency other than `unknown`.",
	"update_fulfilled_in_time":    "The dataset was updated in time for its frequency (at most one day late; always true for a frequency without a period, such as `irregular`; false without a frequency).",
	"dataset_description_quality": fmt.Sprintf("The description is longer than %d characters (exactly %d is not enough).", qualityDescriptionLength, qualityDescriptionLength),
	"has_resources":               "The dataset has files (not counted in the score; without files the three criteria below are false).",
	"has_open_format":             "A file has a format that is not closed (closed: pdf, doc, docx, word, xls, excel, xlsx; a file without a format is not open).",
	"all_resources_available":     "Every remote file passed the portal's availability check (a file not checked yet counts as available).",
	"resources_documentation":     "A file is of type `documentation`, or has a description.",
}

var qualityAttrTypes = func() map[string]attr.Type {
	m := map[string]attr.Type{"score": types.Float64Type}
	for k := range qualityAttributeDescriptions {
		m[k] = types.BoolType
	}
	return m
}()

const qualityDescription = "The dataset's metadata quality as the portal computes it (udata's `quality`: the criteria " +
	"data.gouv.fr ranks datasets by, and `score`, the share of the nine criteria met, from 0 to 1). Read-only, refreshed " +
	"with the dataset; known after apply when the plan changes the dataset."

const scoreDescription = "The share of the nine criteria met (all but `has_resources`), from 0 to 1."

// qualityResourceAttribute is an object attribute, not a nested one:
// Terraform 1.5 panics generating the configuration of an import
// (-generate-config-out) for a resource with a computed-only nested
// attribute (configschema.Block.Filter, fixed in 1.6). Its fields are
// described in its description instead.
func qualityResourceAttribute() schema.ObjectAttribute {
	keys := make([]string, 0, len(qualityAttributeDescriptions))
	for k := range qualityAttributeDescriptions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fields := make([]string, 0, len(keys)+1)
	for _, k := range keys {
		fields = append(fields, fmt.Sprintf("`%s`: %s", k, qualityAttributeDescriptions[k]))
	}
	fields = append(fields, "`score`: "+scoreDescription)
	return schema.ObjectAttribute{
		Computed:       true,
		AttributeTypes: qualityAttrTypes,
		Description:    qualityDescription + " Fields (booleans but `score`): " + strings.Join(fields, " "),
		// Kept while nothing is written; a planned write makes it unknown
		// (dataset_quality_plan.go): apply may find another availability or
		// another "in time" than the plan could see.
		PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
	}
}

func qualityDataSourceAttribute() dsschema.SingleNestedAttribute {
	attrs := map[string]dsschema.Attribute{"score": dsschema.Float64Attribute{Computed: true, Description: scoreDescription}}
	for k, d := range qualityAttributeDescriptions {
		attrs[k] = dsschema.BoolAttribute{Computed: true, Description: d}
	}
	return dsschema.SingleNestedAttribute{Computed: true, Description: qualityDescription, Attributes: attrs}
}

func predictedQualityScoreAttribute() schema.Float64Attribute {
	return schema.Float64Attribute{
		Computed: true,
		Description: "The quality score (0 to 1, as `quality.score`) the dataset will have once the plan is applied, predicted " +
			"at plan time: the licence, temporal and spatial coverage, frequency and description from the planned values, " +
			"the files' criteria (open format, availability, documentation) and whether it is updated in time from the portal's " +
			"`quality` as the refresh before the plan read it. A dataset's plan cannot see the `datagouv_resource` blocks of the configuration: files added or changed " +
			"by the same apply count at the next plan. Apply keeps the planned value; a refresh sets the portal's score. " +
			"A planned change that lowers it gets a warning naming the criteria lost; below the provider's " +
			"`minimum_quality_score`, it is a plan error.",
		PlanModifiers: []planmodifier.Float64{float64planmodifier.UseStateForUnknown()},
	}
}

// qualityValue is the portal's quality as the `quality` attribute.
func qualityValue(p *client.Quality) types.Object {
	q := qualityFromPortal(p)
	values := map[string]attr.Value{"score": types.Float64Value(0)}
	if p != nil {
		values["score"] = types.Float64Value(p.Score)
	}
	for k := range qualityAttributeDescriptions {
		values[k] = types.BoolValue(q[k])
	}
	return types.ObjectValueMust(qualityAttrTypes, values)
}

// portalScore is the portal's score, 0 without a quality object.
func portalScore(p *client.Quality) types.Float64 {
	if p == nil {
		return types.Float64Value(0)
	}
	return types.Float64Value(p.Score)
}

// predictedScore is the state's predicted_quality_score after a write or a
// read: the plan's prediction where it had one (apply keeps what the plan
// showed), else the portal's score.
func predictedScore(planned types.Float64, p *client.Quality) types.Float64 {
	if !planned.IsNull() && !planned.IsUnknown() {
		return planned
	}
	return portalScore(p)
}
