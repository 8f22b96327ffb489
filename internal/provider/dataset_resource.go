package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/planmodifiers"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// datasetTimeouts are the dataset's default time limits.
var datasetTimeouts = operationTimeouts{Create: 10 * time.Minute, Read: 5 * time.Minute, Update: 10 * time.Minute, Delete: 5 * time.Minute}

var (
	_ resource.Resource                = (*datasetResource)(nil)
	_ resource.ResourceWithConfigure   = (*datasetResource)(nil)
	_ resource.ResourceWithImportState = (*datasetResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*datasetResource)(nil)

	_ resource.ResourceWithValidateConfig = (*datasetResource)(nil)
)

var (
	objectAsOptions = basetypes.ObjectAsOptions{}
	objectIDPattern = validators.ObjectIDPattern
)

// NewDatasetResource is the constructor of datagouv_dataset.
func NewDatasetResource() resource.Resource { return &datasetResource{} }

type datasetResource struct {
	data *providerData
	// validation is the portal of the provider's validated configuration,
	// for ValidateConfig's checks before the provider is configured.
	validation func() *providerData
}

func (r *datasetResource) setValidationPortal(v func() *providerData) { r.validation = v }

func (r *datasetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataset"
}

func (r *datasetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *datasetResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	frequencies := append([]string(nil), datasetFrequencies...)
	sort.Strings(frequencies)
	resp.Schema = schema.Schema{
		Description: "A dataset on data.gouv.fr: its metadata (title, description, tags, licence, update frequency, coverage...). " +
			"Files and links are managed with `datagouv_resource`. Destroying a datagouv_dataset deletes it the way the portal's " +
			"web interface does (a soft delete): it leaves listings and search, but stays restorable with its files until the portal " +
			"purges deleted datasets (daily on data.gouv.fr). A dataset deleted out of band is restored in place by the next apply.",
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
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     mapdefault.StaticValue(types.MapValueMust(types.StringType, map[string]attr.Value{})),
				Description: "Extra key/value metadata. Only the keys written here are managed: keys the portal or other tools add " +
					"(e.g. `recommendations`) are kept and never shown as changes; a key removed from this map is removed from the portal. " +
					"Keys an import adopted and the configuration never names are not managed either: no plan removes them from the portal. " +
					"Updates in place.",
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

// ModifyPlan completes the plan (imported extras, the dates a write moves)
// and checks at plan time what would otherwise fail at apply: a write
// without an API key or with a refused key. The configuration's values are
// checked against the portal in ValidateConfig.
func (r *datasetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return // provider not configured yet (validation)
	}
	destroy, create := req.Plan.Raw.IsNull(), req.State.Raw.IsNull()
	if !destroy && !create {
		r.planAdoptedExtras(ctx, req, resp)
	}
	if !destroy && !create && !plannedWrite(ctx, &resp.Plan, req.State, &resp.Diagnostics, "last_modified", "last_update") {
		return // nothing will be written
	}
	if !checkWriteAccess(ctx, r.data, destroy, create, "a dataset", &resp.Diagnostics) {
		return
	}
	if !destroy {
		var plan datasetModel
		resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
		if resp.Diagnostics.HasError() {
			return
		}
		checkAccessRules(ctx, r.data, plan.accessRulesModel, &resp.Diagnostics)
		if !create {
			r.checkDatasetAudiencesRemoval(ctx, &plan, &resp.Diagnostics)
			planOrganizationChange(ctx, r.data, datasetTransfer, req.State, &resp.Plan, &resp.Diagnostics)
		}
	}
}

// ValidateConfig checks the configuration against the portal's lists
// (portal_checks.go) and the API key's memberships. It runs with the
// attributes' own validators, so that one plan reports every problem of a
// configuration: Terraform stops before the plan when validation fails.
// Terraform validates again at plan and at apply, so a value unknown now is
// checked once known. Before the provider is configured, the portal is the
// one its configuration names, if known (validation_portal.go).
func (r *datasetResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	checkDatasetAccessConfig(ctx, req.Config, &resp.Diagnostics)
	data := portalForChecks(r.data, r.validation)
	if data == nil {
		return
	}
	var license, org types.String
	var spatial types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("license"), &license)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("spatial"), &spatial)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("organization"), &org)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkLicense(ctx, data, license, &resp.Diagnostics)
	checkSpatial(ctx, data, spatial, &resp.Diagnostics)
	// Publishing as an organization needs its membership, and so does
	// editing its datasets.
	if isSet(org) && strings.TrimSpace(org.ValueString()) != "" && objectIDPattern.MatchString(org.ValueString()) {
		checkOrganizationMembership(ctx, data, org.ValueString(), path.Root("organization"), &resp.Diagnostics)
	}
}

// planAdoptedExtras keeps the extras keys an import adopted, and that the
// configuration does not name, out of the update (extras_adoption.go).
func (r *datasetResource) planAdoptedExtras(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	adopted, diags := adoptedExtras(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	var config, planned, state types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("extras"), &config)...)
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("extras"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("extras"), &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	extras, unnamed, diags := planAdoptedExtras(config, planned, state, adopted)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("extras"), extras)...)
	resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, unnamed)...)
}

func (r *datasetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan datasetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "create a dataset") {
		return
	}
	ctx, cancel := operationContext(ctx, plan.Timeouts.Create, datasetTimeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	in, diags := plan.datasetInput(ctx, nil, time.Now())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A POST whose answer was lost is looked up before being repeated
	// (create_recovery.go): never two datasets for one resource.
	ds, err := createDataset(ctx, r.data, in)
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not create dataset", err, datasetFieldPaths)
		return
	}
	tflog.Info(ctx, "created dataset", map[string]any{"id": ds.ID})
	r.setState(ctx, ds, &plan, &resp.State, &resp.Diagnostics)
}

func (r *datasetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state datasetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := operationContext(ctx, state.Timeouts.Read, datasetTimeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	// Shared with the Reads of the dataset's resources (coalesced_reads.go):
	// a refresh reads each dataset once.
	ds, err := r.data.datasetReads.Dataset(ctx, state.ID.ValueString())
	switch {
	case errors.Is(err, client.ErrNotFound):
		// A 404 is a deletion only for a key that would see the dataset
		// (deletion_check.go).
		visible, why, err := datasetVisibility(ctx, r.data, state.Owner, state.Organization)
		switch {
		case err != nil:
			addClientError(&resp.Diagnostics, "Could not read dataset", err, nil)
		case !visible:
			resp.Diagnostics.AddError("Dataset not visible with this API key",
				fmt.Sprintf("data.gouv.fr answers 404 for the dataset %s with this API key. %s It is kept in the state. "+
					"If it really was deleted and purged, remove it from the state with terraform state rm.", state.ID.ValueString(), why))
		default:
			resp.Diagnostics.AddWarning("Dataset no longer exists",
				fmt.Sprintf("The dataset %s was not found on the portal, although this API key would see it: it was purged after "+
					"its deletion. It is removed from the state, and the next apply creates it anew (with a new id).", state.ID.ValueString()))
			resp.State.RemoveResource(ctx)
		}
		return
	case errors.Is(err, client.ErrGone):
		// Soft-deleted, and this key is not one of its editors (they read
		// it with "deleted" set): keep it, planned for a restore.
		if state.Title.IsNull() {
			resp.Diagnostics.AddError("Cannot import a deleted dataset",
				fmt.Sprintf("The dataset %s is deleted and this API key is not one of its editors. Import it with an editor's key.", state.ID.ValueString()))
			return
		}
		if state.Deleted.IsNull() {
			state.Deleted = types.StringValue(time.Now().UTC().Truncate(time.Second).Format(time.RFC3339))
		}
		resp.Diagnostics.AddWarning("Dataset deleted on the portal",
			fmt.Sprintf("The dataset %s was deleted out of band and this API key cannot read it anymore (410). Apply restores it, "+
				"which needs the key of one of its editors. %s", state.ID.ValueString(), errorDetail(err)))
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	case err != nil:
		addClientError(&resp.Diagnostics, "Could not read dataset", err, nil)
		return
	}
	r.setState(ctx, ds, &state, &resp.State, &resp.Diagnostics)
	if state.Extras.IsNull() && !resp.Diagnostics.HasError() {
		// An import: every key read is adopted, not managed until named.
		var extras types.Map
		resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root("extras"), &extras)...)
		resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, adoptedKeysOf(extras))...)
	}
}

func (r *datasetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state datasetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "update a dataset") {
		return
	}
	ctx, cancel := operationContext(ctx, plan.Timeouts.Update, datasetTimeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	id := state.ID.ValueString()
	unlock := r.data.locks.Lock(id)
	defer unlock()

	// A new owner first: the PUT's contact points and organization are
	// checked against the owner the dataset has then.
	readOrg := func(ctx context.Context) (*client.OrganizationRef, error) {
		ds, err := r.data.client.Datasets.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return ds.Organization, nil
	}
	if !applyOrganizationChange(ctx, r.data, datasetTransfer, id, state.Organization, plan.Organization, readOrg, &resp.Diagnostics) {
		return
	}

	// The server's current extras, archive date and deletion, just before
	// the PUT: what to write follows from them.
	current, err := r.data.client.Datasets.Get(ctx, id)
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not read dataset before updating it", err, nil)
		return
	}
	adopted, diags := adoptedExtras(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	removed, diags := removedExtrasKeys(ctx, state.Extras, plan.Extras)
	resp.Diagnostics.Append(diags...)
	removed = unadopted(removed, adopted)
	in, diags := plan.datasetInput(ctx, current, time.Now())
	resp.Diagnostics.Append(diags...)
	extras, diags := extrasChanges(ctx, plan.Extras, removed, current.Extras)
	resp.Diagnostics.Append(diags...)
	extras = withoutAdopted(extras, adopted)
	if resp.Diagnostics.HasError() {
		return
	}

	var ds *client.Dataset
	if current.Deleted != nil {
		ds, err = r.data.client.Datasets.Restore(ctx, id, in)
		if err != nil {
			addClientError(&resp.Diagnostics, "Could not restore deleted dataset", err, datasetFieldPaths)
			return
		}
		tflog.Info(ctx, "restored soft-deleted dataset", map[string]any{"id": id})
	} else {
		ds, err = r.data.client.Datasets.Update(ctx, id, in)
		if err != nil {
			addClientError(&resp.Diagnostics, "Could not update dataset", err, datasetFieldPaths)
			return
		}
	}
	if extras != nil {
		written, err := r.data.client.Datasets.UpdateExtras(ctx, id, extras)
		if err != nil {
			// The PUT is done: the state follows it, with the extras as
			// they were, so that the next plan shows what remains.
			addClientError(&resp.Diagnostics, "Dataset updated, but its extras could not be written", err, map[string]path.Path{"extras": path.Root("extras")})
			r.setState(ctx, ds, &state, &resp.State, &resp.Diagnostics)
			return
		}
		ds.Extras = written
	}
	r.setState(ctx, ds, &plan, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, stillAdopted(adopted, plan.Extras))...)
}

func (r *datasetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state datasetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "delete a dataset") {
		return
	}
	ctx, cancel := operationContext(ctx, state.Timeouts.Delete, datasetTimeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	id := state.ID.ValueString()
	unlock := r.data.locks.Lock(id)
	defer unlock()
	err := r.data.client.Datasets.Delete(ctx, id)
	if errors.Is(err, client.ErrNotFound) {
		// Already gone, unless this key just cannot see it.
		visible, why, verr := datasetVisibility(ctx, r.data, state.Owner, state.Organization)
		switch {
		case verr != nil:
			addClientError(&resp.Diagnostics, "Could not delete dataset", verr, nil)
		case !visible:
			resp.Diagnostics.AddError("Dataset not visible with this API key",
				fmt.Sprintf("data.gouv.fr answers 404 for the dataset %s with this API key, so it was not deleted. %s", id, why))
		}
		return
	}
	if err != nil && !errors.Is(err, client.ErrGone) {
		addClientError(&resp.Diagnostics, "Could not delete dataset", err, nil)
	}
}

// ImportState accepts an id or a slug; Read resolves a slug to the id.
func (r *datasetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// setState maps ds onto the state, keeping prior's form of equivalent values.
func (r *datasetResource) setState(ctx context.Context, ds *client.Dataset, prior *datasetModel, state interface {
	Set(context.Context, any) diag.Diagnostics
}, diags *diag.Diagnostics) {
	m, d := datasetFromAPI(ctx, ds, prior)
	diags.Append(d...)
	if d.HasError() {
		return
	}
	diags.Append(state.Set(ctx, &m)...)
}
