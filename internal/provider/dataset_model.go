package provider

import (
	"context"
	"encoding/json"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// This file maps a datagouv_dataset between its Terraform model and the API
// client's structs. The rules that keep plans empty live here: which server
// values are the same as which configured ones.

// Values udata reads back for a field left empty (the licence's,
// defaultLicense, is beside checkLicense in portal_checks.go).
const (
	defaultFrequency   = "unknown"
	defaultGranularity = "other"
)

// datasetFrequencies are the ids of udata's UpdateFrequency
// (udata/core/dataset/constants.py), in udata's order.
var datasetFrequencies = []string{
	"continuous", "oneMinute", "fiveMinutes", "tenMinutes", "fifteenMinutes", "thirtyMinutes",
	"hourly", "bihourly", "trihourly", "twelveHours", "severalTimesADay", "threeTimesADay",
	"semidaily", "daily", "fiveTimesAWeek", "threeTimesAWeek", "semiweekly", "weekly", "biweekly",
	"threeTimesAMonth", "semimonthly", "monthly", "bimonthly", "quarterly", "threeTimesAYear",
	"semiannual", "annual", "biennial", "triennial", "quadrennial", "quinquennial", "decennial",
	"bidecennial", "tridecennial", "punctual", "irregular", "never", "notPlanned", "other", "unknown",
}

// legacyFrequencies are the old names udata still accepts and rewrites
// (UpdateFrequency._LEGACY_FREQUENCIES).
var legacyFrequencies = map[string]string{
	"realtime":       "continuous",
	"fourTimesADay":  "severalTimesADay",
	"fourTimesAWeek": "other",
	"fortnighly":     "biweekly",
	"biannual":       "semiannual",
}

// datasetModel is the state and plan of a datagouv_dataset.
type datasetModel struct {
	ID               types.String `tfsdk:"id"`
	Title            types.String `tfsdk:"title"`
	Description      types.String `tfsdk:"description"`
	DescriptionShort types.String `tfsdk:"description_short"`
	Acronym          types.String `tfsdk:"acronym"`
	Tags             types.Set    `tfsdk:"tags"`
	License          types.String `tfsdk:"license"`
	Frequency        types.String `tfsdk:"frequency"`
	FrequencyDate    types.String `tfsdk:"frequency_date"`
	TemporalCoverage types.Object `tfsdk:"temporal_coverage"`
	Spatial          types.Object `tfsdk:"spatial"`
	Private          types.Bool   `tfsdk:"private"`
	Organization     types.String `tfsdk:"organization"`
	Extras           types.Map    `tfsdk:"extras"`
	ContactPoints    types.List   `tfsdk:"contact_points"`
	accessRulesModel
	Archived     types.Bool     `tfsdk:"archived"`
	Slug         types.String   `tfsdk:"slug"`
	URI          types.String   `tfsdk:"uri"`
	Page         types.String   `tfsdk:"page"`
	Owner        types.String   `tfsdk:"owner"`
	CreatedAt    types.String   `tfsdk:"created_at"`
	LastModified types.String   `tfsdk:"last_modified"`
	LastUpdate   types.String   `tfsdk:"last_update"`
	Deleted      types.String   `tfsdk:"deleted"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
	// The portal's quality and the plan's prediction (dataset_quality_attribute.go).
	Quality               types.Object  `tfsdk:"quality"`
	PredictedQualityScore types.Float64 `tfsdk:"predicted_quality_score"`
}

type temporalCoverageModel struct {
	Start types.String `tfsdk:"start"`
	End   types.String `tfsdk:"end"`
}

type spatialModel struct {
	Zones       types.Set     `tfsdk:"zones"`
	Granularity types.String  `tfsdk:"granularity"`
	Geometry    geometryValue `tfsdk:"geometry"` // spatial_geometry.go
}

var (
	temporalCoverageAttrTypes = map[string]attr.Type{"start": types.StringType, "end": types.StringType}
	spatialAttrTypes          = map[string]attr.Type{"zones": types.SetType{ElemType: types.StringType}, "granularity": types.StringType, "geometry": geometryType{}}
)

// datasetFieldPaths attaches udata's per-field validation errors to the
// attributes they concern.
var datasetFieldPaths = func() map[string]path.Path {
	m := map[string]path.Path{
		"title":                   path.Root("title"),
		"description":             path.Root("description"),
		"description_short":       path.Root("description_short"),
		"acronym":                 path.Root("acronym"),
		"tags":                    path.Root("tags"),
		"license":                 path.Root("license"),
		"frequency":               path.Root("frequency"),
		"frequency_date":          path.Root("frequency_date"),
		"temporal_coverage":       path.Root("temporal_coverage"),
		"temporal_coverage.start": path.Root("temporal_coverage").AtName("start"),
		"temporal_coverage.end":   path.Root("temporal_coverage").AtName("end"),
		"spatial":                 path.Root("spatial"),
		"spatial.zones":           path.Root("spatial").AtName("zones"),
		"spatial.granularity":     path.Root("spatial").AtName("granularity"),
		"spatial.geom":            path.Root("spatial").AtName("geometry"),
		"private":                 path.Root("private"),
		"organization":            path.Root("organization"),
		"extras":                  path.Root("extras"),
		"archived":                path.Root("archived"),
	}
	maps.Copy(m, datasetAccessFieldPaths)
	return m
}()

// datasetInput builds the body of a POST (current == nil) or PUT. It always
// carries every managed field: udata's PUT clears tags and temporal coverage
// when they are absent, and nil pointers are sent as explicit nulls.
//
// Extras are sent on create only: a PUT leaves them out (udata then keeps
// them) and the managed keys are written by extrasUpdate through the v2
// endpoint, which never drops a key the portal wrote meanwhile. For a PUT,
// current is the dataset as the server has it just before: an archived
// dataset keeps its archive date.
func (m *datasetModel) datasetInput(ctx context.Context, current *client.Dataset, now time.Time) (*client.DatasetInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := &client.DatasetInput{
		Title:            m.Title.ValueString(),
		Description:      m.Description.ValueString(),
		DescriptionShort: optionalString(m.DescriptionShort),
		Acronym:          optionalString(m.Acronym),
		Tags:             []string{},
		License:          optionalString(m.License),
		Frequency:        optionalString(m.Frequency),
		FrequencyDate:    optionalString(m.FrequencyDate),
		Private:          m.Private.ValueBool(),
	}
	if !m.Tags.IsNull() && !m.Tags.IsUnknown() {
		diags.Append(m.Tags.ElementsAs(ctx, &in.Tags, false)...)
		sort.Strings(in.Tags)
	}
	if !m.TemporalCoverage.IsNull() && !m.TemporalCoverage.IsUnknown() {
		var tc temporalCoverageModel
		diags.Append(m.TemporalCoverage.As(ctx, &tc, objectAsOptions)...)
		in.TemporalCoverage = &client.TemporalCoverage{Start: tc.Start.ValueString(), End: optionalString(tc.End)}
	}

	// The coverage is always written on a PUT, so that one removed from the
	// configuration is cleared: udata keeps it when "spatial" is null or
	// absent, clears zones only when they are null, and cannot clear the
	// granularity (its default, "other", stands for none). The geometry is
	// sent when configured, and as null only when the portal has one: zones
	// next to a stored geometry are refused.
	spatial := &client.SpatialInput{Granularity: defaultGranularity}
	if !m.Spatial.IsNull() && !m.Spatial.IsUnknown() {
		var sp spatialModel
		diags.Append(m.Spatial.As(ctx, &sp, objectAsOptions)...)
		if g := sp.Granularity.ValueString(); g != "" {
			spatial.Granularity = g
		}
		if !sp.Zones.IsNull() && !sp.Zones.IsUnknown() {
			diags.Append(sp.Zones.ElementsAs(ctx, &spatial.Zones, false)...)
			sort.Strings(spatial.Zones)
		}
		if len(spatial.Zones) == 0 {
			spatial.Zones = nil // [] would leave the zones unchanged
		}
		if !sp.Geometry.IsNull() && !sp.Geometry.IsUnknown() {
			canon, err := canonicalGeometry(sp.Geometry.ValueString())
			if err != nil {
				diags.AddAttributeError(path.Root("spatial").AtName("geometry"), "Invalid spatial geometry", err.Error())
			}
			spatial.Geom = json.RawMessage(canon)
		}
	}
	if spatial.Geom == nil && current != nil && current.Spatial != nil && current.Spatial.HasGeom() {
		spatial.Geom = json.RawMessage("null")
	}
	if current != nil || len(spatial.Zones) > 0 || spatial.Granularity != defaultGranularity || spatial.Geom != nil {
		in.Spatial = spatial
	}

	diags.Append(m.datasetAccessInput(ctx, in)...)

	if current == nil {
		in.Organization = m.Organization.ValueString()
		var d diag.Diagnostics
		in.Extras, d = declaredExtras(ctx, m.Extras)
		diags.Append(d...)
	}

	// archived is a bool here and a date on the portal: the date is set
	// when the dataset becomes archived and kept while it stays so.
	if m.Archived.ValueBool() {
		if current != nil && current.Archived != nil {
			in.Archived = current.Archived
		} else {
			stamp := now.UTC().Format(time.RFC3339)
			in.Archived = &stamp
		}
	}
	return in, diags
}

// datasetFromAPI maps the portal's dataset to the Terraform model. prior is
// the plan or the state the values are compared with, so that a value the
// portal stores differently but means the same keeps its configured form;
// its zero value (import) yields the form a create would have produced.
func datasetFromAPI(ctx context.Context, ds *client.Dataset, prior *datasetModel) (datasetModel, diag.Diagnostics) {
	var diags, d diag.Diagnostics
	m := datasetModel{
		ID:                    types.StringValue(ds.ID),
		Title:                 types.StringValue(ds.Title),
		Description:           types.StringValue(ds.Description),
		DescriptionShort:      optionalStringFromAPI(ds.DescriptionShort, prior.DescriptionShort),
		Acronym:               optionalStringFromAPI(ds.Acronym, prior.Acronym),
		License:               types.StringValue(firstNonEmpty(ds.License, defaultLicense)),
		Frequency:             types.StringValue(firstNonEmpty(ds.Frequency, defaultFrequency)),
		FrequencyDate:         dateTimeFromAPI(ds.FrequencyDate, prior.FrequencyDate),
		Private:               types.BoolValue(ds.Private),
		Organization:          types.StringNull(),
		Owner:                 types.StringNull(),
		Archived:              types.BoolValue(ds.Archived != nil),
		Slug:                  types.StringValue(ds.Slug),
		URI:                   types.StringValue(ds.URI),
		Page:                  types.StringValue(ds.Page),
		CreatedAt:             dateTimeFromAPI(&ds.CreatedAt, types.StringNull()),
		LastModified:          dateTimeFromAPI(&ds.LastModified, types.StringNull()),
		LastUpdate:            dateTimeFromAPI(ds.LastUpdate, types.StringNull()),
		Deleted:               dateTimeFromAPI(ds.Deleted, types.StringNull()),
		Timeouts:              knownTimeouts(prior.Timeouts),
		Quality:               qualityValue(ds.Quality),
		PredictedQualityScore: predictedScore(prior.PredictedQualityScore, ds.Quality),
	}
	if ds.Organization != nil && ds.Organization.ID != "" {
		m.Organization = types.StringValue(ds.Organization.ID)
	}
	if ds.Owner != nil && ds.Owner.ID != "" {
		m.Owner = types.StringValue(ds.Owner.ID)
	}

	tags := append([]string{}, ds.Tags...)
	m.Tags, d = types.SetValueFrom(ctx, types.StringType, tags)
	diags.Append(d...)

	m.TemporalCoverage = types.ObjectNull(temporalCoverageAttrTypes)
	if tc := ds.TemporalCoverage; tc != nil && tc.Start != "" {
		m.TemporalCoverage, d = types.ObjectValueFrom(ctx, temporalCoverageAttrTypes, temporalCoverageModel{
			Start: types.StringValue(dateOnly(tc.Start)),
			End:   optionalDateFromAPI(tc.End),
		})
		diags.Append(d...)
	}

	m.Spatial, d = spatialFromAPI(ctx, ds.Spatial, prior.Spatial)
	diags.Append(d...)

	// A prior without extras is an import's (the plan always has them).
	m.Extras, d = extrasFromAPI(ds.Extras, prior.Extras, prior.Extras.IsNull())
	diags.Append(d...)
	diags.Append(datasetAccessFromAPI(ctx, ds, prior, &m)...)
	return m, diags
}

// spatialFromAPI treats an empty coverage (no zones, the default
// granularity) as the same as none, in whichever form prior has it.
func spatialFromAPI(ctx context.Context, sp *client.Spatial, prior types.Object) (types.Object, diag.Diagnostics) {
	zones := []string{}
	granularity := defaultGranularity
	geometry := geometryNull()
	if sp != nil {
		zones = append(zones, sp.Zones...)
		if sp.Granularity != nil && *sp.Granularity != "" {
			granularity = *sp.Granularity
		}
		geometry = geometryFromAPI(sp.Geom)
	}
	if len(zones) == 0 && granularity == defaultGranularity && geometry.IsNull() && (prior.IsNull() || prior.IsUnknown()) {
		return types.ObjectNull(spatialAttrTypes), nil
	}
	zoneSet, diags := types.SetValueFrom(ctx, types.StringType, zones)
	obj, d := types.ObjectValueFrom(ctx, spatialAttrTypes, spatialModel{Zones: zoneSet, Granularity: types.StringValue(granularity), Geometry: geometry})
	diags.Append(d...)
	return obj, diags
}

// dateOnly cuts a date or datetime of the portal to its YYYY-MM-DD date,
// the form temporal coverage is configured in.
func dateOnly(s string) string {
	if len(s) >= len(time.DateOnly) {
		if _, err := time.Parse(time.DateOnly, s[:len(time.DateOnly)]); err == nil {
			return s[:len(time.DateOnly)]
		}
	}
	return strings.TrimSpace(s)
}

func optionalDateFromAPI(v *string) types.String {
	if v == nil || *v == "" {
		return types.StringNull()
	}
	return types.StringValue(dateOnly(*v))
}
