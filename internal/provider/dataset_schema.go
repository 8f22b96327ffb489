package provider

import (
	"context"
	"maps"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/planmodifiers"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// Schema of datagouv_dataset: attributes, descriptions (docs are generated
// from them), validators and plan modifiers.

func (r *datasetResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	frequencies := append([]string(nil), datasetFrequencies...)
	sort.Strings(frequencies)
	resp.Schema = schema.Schema{
		Description: "A dataset on data.gouv.fr: its metadata (title, description, tags, licence, update frequency, coverage...). " +
			"Files and links are managed with `datagouv_resource`. Destroying a datagouv_dataset deletes it the way the portal's " +
			"web interface does (a soft delete): it leaves listings and search, but stays restorable, with the files it still holds, " +
			"until the portal purges deleted datasets (daily on data.gouv.fr). Terraform destroys a dataset's `datagouv_resource` " +
			"files before the dataset, and a file's destroy deletes a hosted file for good (the plan warns): a restored dataset " +
			"comes back without them. `lifecycle { prevent_destroy = true }` protects a catalogue. A dataset deleted out of band " +
			"is restored in place, files included, by the next apply; once purged, it leaves the state with its files and file order. " +
			"Its identity (Terraform and OpenTofu 1.12 or later) is its `id`: an `import` block may give `identity = { id = \"<dataset id>\" }` instead of `id`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   "The dataset's id on data.gouv.fr (24 hexadecimal characters). Import accepts the id or the current slug.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"title": schema.StringAttribute{
				Required:    true,
				Description: "Title shown on the dataset's page (at most 350 characters). Changing it updates in place and changes `slug`, `uri` and `page`.",
				Validators:  []validator.String{validators.NotBlank(), stringvalidator.UTF8LengthAtMost(350)},
			},
			"description": schema.StringAttribute{
				Required:    true,
				Description: "Description of the dataset in Markdown (at most 100000 characters). Updates in place.",
				Validators:  []validator.String{validators.NotBlank(), stringvalidator.UTF8LengthAtMost(100000)},
			},
			"description_short": schema.StringAttribute{
				Optional:    true,
				Description: "Short description shown in listings (at most 200 characters); an empty string is the same as none. Updates in place.",
				Validators:  []validator.String{stringvalidator.UTF8LengthAtMost(200)},
			},
			"acronym": schema.StringAttribute{
				Optional:    true,
				Description: "Acronym of the dataset (at most 128 characters); an empty string is the same as none. Updates in place.",
				Validators:  []validator.String{stringvalidator.UTF8LengthAtMost(128)},
			},
			"tags": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				Description: "Keywords of the dataset, written as data.gouv.fr stores them: lower-case ASCII letters and digits joined by single " +
					"dashes, 3 to 96 characters (e.g. `open-data`, not `Open Data`); another form is refused at plan time with the form to write. " +
					"Defaults to none. Updates in place.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(validators.Tag())},
			},
			"license": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(defaultLicense),
				Description: "Id of the dataset's licence among the portal's licences (`GET /api/1/datasets/licenses/`; on data.gouv.fr e.g. " +
					"`lov2`, `fr-lo`, `odc-odbl`, `cc-by`, `cc-by-sa`, `cc-zero`). Defaults to `notspecified` (no licence). An unknown id is refused " +
					"at plan time with the valid ones. Updates in place.",
				Validators: []validator.String{validators.NotEmpty("licence", "leave license out for no licence (notspecified)")},
			},
			"frequency": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(defaultFrequency),
				Description: "How often the data is updated, as an id of udata's frequencies (e.g. `daily`, `monthly`, `annual`, `irregular`, " +
					"`punctual`). Defaults to `unknown`. Legacy names (`realtime`, `fourTimesADay`, `fourTimesAWeek`, `fortnighly`, `biannual`) " +
					"are refused with the current id to write. Updates in place.",
				Validators: []validator.String{
					validators.NotEmpty("frequency", "leave frequency out for the default, unknown"),
					validators.OneOfOrRenamed("frequency", frequencies, legacyFrequencies),
				},
			},
			"frequency_date": schema.StringAttribute{
				Optional: true,
				Description: "Date and time of the next expected update, in RFC 3339 (e.g. `2026-01-01T00:00:00Z`). Compared at the millisecond with the portal's value: " +
					"the same instant written in another time zone is no change. Updates in place.",
				Validators:    []validator.String{validators.RFC3339()},
				PlanModifiers: []planmodifier.String{planmodifiers.SameInstant()},
			},
			"temporal_coverage": schema.SingleNestedAttribute{
				Optional:    true,
				Description: "Period the data covers. Updates in place.",
				Attributes: map[string]schema.Attribute{
					"start": schema.StringAttribute{
						Required:    true,
						Description: "First day covered, `YYYY-MM-DD`.",
						Validators:  []validator.String{validators.Date()},
					},
					"end": schema.StringAttribute{
						Optional:    true,
						Description: "Last day covered, `YYYY-MM-DD`, not before `start`; leave it out for an open-ended period.",
						Validators:  []validator.String{validators.Date()},
					},
				},
				Validators: []validator.Object{validators.DateRange("start", "end")},
			},
			"spatial": schema.SingleNestedAttribute{
				Optional:    true,
				Description: "Geographical coverage. Updates in place.",
				Attributes: map[string]schema.Attribute{
					"zones": schema.SetAttribute{
						ElementType: types.StringType,
						Optional:    true,
						Computed:    true,
						Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
						Description: "Ids of the portal's geographical zones covered (geozones, e.g. `country:fr`). Defaults to none.",
						Validators:  []validator.Set{setvalidator.ValueStringsAre(validators.NotEmpty("spatial zone", "remove it from zones"))},
					},
					"granularity": schema.StringAttribute{
						Optional:    true,
						Computed:    true,
						Default:     stringdefault.StaticString(defaultGranularity),
						Description: "Finest geographical level of the data, as an id of the portal's granularities (e.g. `country`, `fr:commune`). Defaults to `other`.",
						Validators:  []validator.String{validators.NotEmpty("spatial granularity", "leave granularity out for the default, other")},
					},
					"geometry": schema.StringAttribute{
						CustomType: geometryType{},
						Optional:   true,
						Description: "The area covered, as GeoJSON text of a `MultiPolygon` (the only geometry data.gouv.fr stores), " +
							"e.g. `jsonencode({ type = \"MultiPolygon\", coordinates = [[[[2.2, 48.8], [2.5, 48.8], [2.5, 48.9], [2.2, 48.8]]]] })` " +
							"or `file(\"area.geojson\")` holding the geometry object. Compared by meaning: key order, spacing and the portal's " +
							"rounding of coordinates to 6 decimals are no change. Cannot be set together with `zones`. Removing it clears it on the portal.",
						Validators: []validator.String{geometryValidator{}},
					},
				},
				Validators: []validator.Object{geometryWithoutZones{}},
			},
			"private": schema.BoolAttribute{
				Optional:    true,
				Computed:    true,
				Default:     booldefault.StaticBool(false),
				Description: "Whether the dataset is a draft visible only to its owner or the members of its organization. Defaults to false (public). Updates in place.",
			},
			"organization": schema.StringAttribute{
				Optional: true,
				Description: "Id of the organization publishing the dataset (24 hexadecimal characters); the API key's user must be a member. " +
					"Leave it out to publish as that user. Changing it (or adding or removing it) moves the dataset with a data.gouv.fr transfer, " +
					"requested and accepted in the same apply: it keeps its id, slug, followers and statistics. The API key's user must administer " +
					"both the current and the new owner (or be a site admin); otherwise the plan fails and says what to do.",
				Validators: []validator.String{
					validators.NotEmpty("organization", "leave organization out to publish as the API key's user"),
					validators.ObjectID("organization", func(string) string {
						return "Read it with the datagouv_organization data source, e.g. organization = data.datagouv_organization.<name>.id."
					}),
				},
			},
			"extras": schema.MapAttribute{
				Validators:  []validator.Map{validators.ExtrasKeys()},
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     mapdefault.StaticValue(types.MapValueMust(types.StringType, map[string]attr.Value{})),
				Description: "Extra key/value metadata. Only the keys written here are managed: keys the portal or other tools add " +
					"(e.g. `recommendations`) are kept and never shown as changes; a key removed from this map is removed from the portal. " +
					"Keys an import adopted and the configuration never names are not managed either: no plan removes them from the portal. " +
					"Updates in place." + extrasValuesDescription,
			},
			"archived": schema.BoolAttribute{
				Optional:    true,
				Computed:    true,
				Default:     booldefault.StaticBool(false),
				Description: "Whether the dataset is archived (still readable, marked as no longer maintained). The portal records the date of archiving when it becomes true. Defaults to false. Updates in place.",
			},
			"slug": schema.StringAttribute{
				Computed:      true,
				Description:   "The dataset's current slug, made from the title; it changes when the title does.",
				PlanModifiers: []planmodifier.String{planmodifiers.UseStateUnlessChanged(path.Root("title"))},
			},
			"uri": schema.StringAttribute{
				Computed:      true,
				Description:   "URL of the dataset in the API.",
				PlanModifiers: []planmodifier.String{planmodifiers.UseStateUnlessChanged(path.Root("title"))},
			},
			"page": schema.StringAttribute{
				Computed:      true,
				Description:   "URL of the dataset's web page.",
				PlanModifiers: []planmodifier.String{planmodifiers.UseStateUnlessChanged(path.Root("title"))},
			},
			"owner": schema.StringAttribute{
				Computed:      true,
				Description:   "Id of the user owning the dataset; null when an organization publishes it.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Computed:      true,
				Description:   "Creation date and time (RFC 3339, UTC).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"last_modified": schema.StringAttribute{
				Computed:    true,
				Description: "Date and time of the last change of the dataset's metadata or files (RFC 3339, UTC); every update changes it.",
			},
			"last_update": schema.StringAttribute{
				Computed:    true,
				Description: "Date and time the dataset's data was last updated, as the portal computes it from its files (RFC 3339, UTC).",
			},
			"quality":                 qualityResourceAttribute(),
			"predicted_quality_score": predictedQualityScoreAttribute(),
			"deleted": schema.StringAttribute{
				Computed: true,
				Description: "Date and time the dataset was deleted out of band (RFC 3339, UTC), null otherwise. When set, the plan shows an " +
					"in-place update that restores the dataset with the same id and its files.",
				PlanModifiers: []planmodifier.String{planmodifiers.NullAfterApply("Planned null: apply restores a soft-deleted dataset.")},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx, datasetTimeouts),
		},
	}
	maps.Copy(resp.Schema.Attributes, datasetAccessAttributes())
}
