package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/planmodifiers"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

var (
	_ resource.ResourceWithConfigure        = (*resourceResource)(nil)
	_ resource.ResourceWithImportState      = (*resourceResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*resourceResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*resourceResource)(nil)
	_ resource.ResourceWithConfigValidators = (*resourceResource)(nil)
)

// resourceTypes are udata's resource types (GET /api/1/datasets/resource_types/).
var resourceTypes = []string{"main", "documentation", "update", "api", "code", "other"}

// checksumTypes are the checksum algorithms udata records.
var checksumTypes = []string{"sha1", "sha2", "sha256", "md5", "crc"}

// privateImporting marks, in the private state, a Read that follows an
// import: the managed extras keys are not known yet.
const privateImporting = "importing"

// NewResourceResource is the constructor of datagouv_resource.
// resourceTimeouts are the resource's default time limits; uploads of large
// files take most of them.
var resourceTimeouts = operationTimeouts{Create: 30 * time.Minute, Read: 5 * time.Minute, Update: 30 * time.Minute, Delete: 5 * time.Minute}

func NewResourceResource() resource.Resource { return &resourceResource{} }

// resourceResource is datagouv_resource: a file of a dataset, either a
// remote link or a local file uploaded to data.gouv.fr.
type resourceResource struct {
	data *providerData
	// validation is the portal of the provider's validated configuration,
	// for ValidateConfig's checks before the provider is configured.
	validation func() *providerData
}

func (r *resourceResource) setValidationPortal(v func() *providerData) { r.validation = v }

func (r *resourceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_resource"
}

func (r *resourceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *resourceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Description: "A resource (file) of a data.gouv.fr dataset: either a link to a file hosted elsewhere (`url`) or a " +
			"local file uploaded to data.gouv.fr (`file_path`). A local file is hashed during plan and uploaded again " +
			"only when its content differs from the file on data.gouv.fr, whichever side changed; apply uploads the file as " +
			"it is when apply reaches the resource.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   "The resource's id on data.gouv.fr (a UUID). It stays the same when the file is uploaded again.",
				PlanModifiers: useState,
			},
			"dataset_id": schema.StringAttribute{
				Required:      true,
				Description:   "Id of the dataset the resource belongs to (e.g. `datagouv_dataset.x.id`). Changing it replaces the resource.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{validators.NotEmpty("dataset id", "refer to the dataset, e.g. datagouv_dataset.<name>.id")},
			},
			"title": schema.StringAttribute{
				Required: true,
				Description: "Title shown on data.gouv.fr (at most 350 characters). Updated in place. data.gouv.fr resets the title " +
					"to the file name when a file is uploaded; the provider puts this title back right after.",
				Validators: []validator.String{validators.NotBlank(), stringvalidator.UTF8LengthAtMost(350)},
			},
			"description": schema.StringAttribute{
				Optional:    true,
				Description: "Description in Markdown. Updated in place; leaving it out clears it.",
			},
			"type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString("main"),
				Description: "Kind of resource: `main` (a data file), `documentation`, `update`, `api`, `code` or `other`. " +
					"Defaults to `main`. Updated in place.",
				Validators: []validator.String{stringvalidator.OneOf(resourceTypes...)},
			},
			"format": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "File format shown on data.gouv.fr, e.g. `csv` (compared without regard to letter case: data.gouv.fr " +
					"lower-cases it). For a remote resource it may be set, updated in place, and left out clears it. For a local " +
					"file it cannot be set: data.gouv.fr derives it from the file's extension at each upload.",
			},
			"mime": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "MIME type, e.g. `text/csv`. For a remote resource it may be set, updated in place, and left out " +
					"clears it. For a local file it cannot be set: data.gouv.fr derives it from the file's extension at each upload.",
			},
			"schema": schema.SingleNestedAttribute{
				Optional:    true,
				Description: "The data schema the file follows (see schema.data.gouv.fr). Updated in place; leaving it out removes it.",
				Attributes: map[string]schema.Attribute{
					"name":    schema.StringAttribute{Optional: true, Description: "Schema name, e.g. `etalab/schema-irve-statique`."},
					"version": schema.StringAttribute{Optional: true, Description: "Schema version, e.g. `2.3.1`."},
					"url":     schema.StringAttribute{Optional: true, Description: "URL of a schema that is not in the catalogue."},
				},
			},
			"extras": schema.MapAttribute{
				Optional: true,
				// Computed only so that the keys an import adopted stay in
				// the state while the configuration does not name them
				// (extras_adoption.go); left out, no key is managed.
				Computed:    true,
				ElementType: types.StringType,
				Description: "Extra key/value metadata. Only the keys written here are managed: keys added on data.gouv.fr " +
					"(e.g. `check:*` and `analysis:*` of the portal's own services) are kept there and never show as changes. " +
					"A key removed from here is removed from data.gouv.fr. Keys an import adopted and the configuration never " +
					"names are not managed either: no plan removes them from the portal. Updated in place.",
			},
			"url": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "For a remote resource: the file's address (http, https, ftp or ftps, on a public host); changing it " +
					"updates the resource in place. For a local file: computed, the address data.gouv.fr serves the file at, which " +
					"changes at each upload (use `latest` for a stable link). Exactly one of `url` and `file_path` must be set; " +
					"switching between them replaces the resource.",
				Validators: []validator.String{validators.ResourceURL()},
			},
			"checksum": schema.SingleNestedAttribute{
				Optional: true,
				Computed: true,
				Description: "Checksum of the file. For a remote resource it may be declared (changing it updates the record in " +
					"place, which is how a producer tells data.gouv.fr that the remote file changed); left out, it is removed. For a " +
					"local file it is computed by data.gouv.fr (sha1 of the uploaded content) and cannot be set.",
				// Both are required when checksum is written (see
				// ValidateConfig). They are not marked Required: Terraform
				// would then take a checksum left out of the configuration
				// for one removed, and plan a change at every run for local
				// files, whose checksum is computed.
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						Optional:    true,
						Computed:    true,
						Description: "Algorithm: `sha1`, `sha2`, `sha256`, `md5` or `crc`. Required in a checksum.",
						Validators:  []validator.String{stringvalidator.OneOf(checksumTypes...)},
					},
					"value": schema.StringAttribute{
						Optional:    true,
						Computed:    true,
						Description: "The checksum's value. Required in a checksum.",
						Validators:  []validator.String{validators.NotEmpty("checksum value", "write the checksum's value, or leave checksum out")},
					},
				},
			},
			"filesize": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Description: "Size of the file in bytes. May be declared for a remote resource (updated in place; left out, it is " +
					"removed); computed by data.gouv.fr for a local file.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"file_path": schema.StringAttribute{
				Optional: true,
				Description: "Path of a local file to upload to data.gouv.fr (a regular file; its extension must be one " +
					"data.gouv.fr accepts, e.g. csv, json, zip). The file is hashed during plan, and uploaded again in place " +
					"(same resource id) whenever its content differs from the file on data.gouv.fr; apply reads it again and " +
					"uploads it as it is then. A file missing at plan is a warning (it may be written during the apply), still " +
					"missing at apply an error before anything is sent. A resource imported from data.gouv.fr has no `file_path` " +
					"until you write it: the first plan then shows an update of `file_path` alone, which sends nothing when the " +
					"content is the portal's.",
				Validators: []validator.String{validators.NotEmpty("file path",
					`name the local file to upload, e.g. "data/export.csv", or set url instead for a file hosted elsewhere`)},
			},
			"file_hash": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "Lower-case hex sha1 of the local file's content (the algorithm of data.gouv.fr's own checksum). " +
					"In the state it is data.gouv.fr's checksum of the hosted file, compared during plan with the sha1 of " +
					"`file_path`: a difference on either side plans an upload. Left out, it shows as known after apply when an " +
					"upload is planned (the file is read again at apply). Set it to pin the content (e.g. from the resource that " +
					"writes the file): apply then uploads nothing unless the file has this sha1.",
				Validators: []validator.String{stringvalidator.RegexMatches(sha1Hex, "must be 40 lower-case hexadecimal digits (a sha1)")},
				PlanModifiers: []planmodifier.String{planmodifiers.ResourceFileHash(func(p string) (string, error) {
					sum, _, err := hashLocalFile(p)
					return sum, err
				})},
			},
			"filetype": schema.StringAttribute{
				Computed:      true,
				Description:   "`file` for a file hosted by data.gouv.fr (`file_path`), `remote` for a link (`url`).",
				PlanModifiers: []planmodifier.String{planmodifiers.ResourceFiletype()},
			},
			"latest": schema.StringAttribute{
				Computed:      true,
				Description:   "Stable permalink of the resource (`…/api/1/datasets/r/{id}`), redirecting to its current file.",
				PlanModifiers: useState,
			},
			"created_at": schema.StringAttribute{
				Computed:      true,
				Description:   "When the resource was created on data.gouv.fr (ISO 8601).",
				PlanModifiers: useState,
			},
			"last_modified": schema.StringAttribute{
				Computed:    true,
				Description: "When the resource was last modified on data.gouv.fr (ISO 8601); changes at every update.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx, resourceTimeouts),
		},
	}
}

var sha1Hex = regexp.MustCompile(`^[0-9a-f]{40}$`)

func (r *resourceResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("url"), path.MatchRoot("file_path")),
	}
}

// ValidateConfig refuses what data.gouv.fr would silently ignore for an
// uploaded file (and so show as a change on every plan): it derives format,
// mime, checksum and filesize from the file itself.
//
// A value still unknown (e.g. `file_path = var.mode == "local" ? … : null`
// while the mode comes from a resource apply creates) is not taken for set:
// Terraform validates the configuration again at plan and at apply, once the
// value is known, and the check runs then.
func (r *resourceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg resourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if isSet(cfg.FilePath) {
		for name, v := range map[string]attr.Value{"format": cfg.Format, "mime": cfg.Mime, "checksum": cfg.Checksum, "filesize": cfg.Filesize} {
			if !isSet(v) {
				continue
			}
			resp.Diagnostics.AddAttributeError(path.Root(name), "Attribute not settable for an uploaded file",
				fmt.Sprintf("%s cannot be set together with file_path: data.gouv.fr computes it from the uploaded file "+
					"(format and mime from the file's extension, checksum and filesize from its content) and ignores any other value. "+
					"Remove %s, or use url for a file hosted elsewhere.", name, name))
		}
	}
	if !cfg.Checksum.IsNull() && !cfg.Checksum.IsUnknown() {
		for name, v := range cfg.Checksum.Attributes() {
			if v.IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root("checksum").AtName(name), "Missing checksum "+name,
					"A checksum needs both type and value, e.g. checksum = { type = \"sha256\", value = \"…\" }.")
			}
		}
	}
	if isSet(cfg.URL) && isSet(cfg.FileHash) {
		resp.Diagnostics.AddAttributeError(path.Root("file_hash"), "file_hash needs file_path",
			"file_hash is the sha1 of a local file uploaded from file_path; a remote resource (url) has none. "+
				"To declare the remote file's checksum, use checksum = { type = \"sha1\", value = \"…\" }.")
	}

	// Checks against the portal's lists (portal_checks.go) run here, with
	// the attributes' own validators, so that one plan reports every
	// problem; before the provider is configured, against the portal its
	// configuration names, if known (validation_portal.go).
	data := portalForChecks(r.data, r.validation)
	if data == nil {
		return
	}
	checkResourceSchema(ctx, data, cfg.Schema, &resp.Diagnostics)
	if isSet(cfg.FilePath) && strings.TrimSpace(cfg.FilePath.ValueString()) != "" {
		checkUploadExtension(ctx, data, cfg.FilePath.ValueString(), &resp.Diagnostics)
	}
}

// isSet tells a configuration value that is known and not null.
func isSet(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// ModifyPlan completes the plan of the values that follow from whether a
// local file is uploaded again, and checks the file's extension.
func (r *resourceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, state resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	creating := req.State.Raw.IsNull()
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.planExtras(ctx, req, resp, state.Extras, creating)

	var cfgURL types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("url"), &cfgURL)...)
	if plan.FilePath.IsUnknown() && !cfgURL.IsNull() {
		// Link or file is not decided yet (both depend on a value known at
		// apply): everything derived from it is known after apply.
		return
	}
	if plan.FilePath.IsNull() {
		// Remote: values left out of the configuration are cleared.
		if plan.Format.IsUnknown() {
			plan.Format = types.StringNull()
		}
		if plan.Mime.IsUnknown() {
			plan.Mime = types.StringNull()
		}
		if plan.Filesize.IsUnknown() {
			plan.Filesize = types.Int64Null()
		}
		if plan.Checksum.IsUnknown() {
			plan.Checksum = types.ObjectNull(resourceChecksumAttrTypes)
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("format"), plan.Format)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("mime"), plan.Mime)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("filesize"), plan.Filesize)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("checksum"), plan.Checksum)...)
		if !creating && !metadataChanged(&plan, &state) {
			// Only extras (written apart, which moves no date) or nothing.
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("last_modified"), state.LastModified)...)
		}
		return
	}

	if !plan.FilePath.IsUnknown() {
		warnMissingFile(plan.FilePath.ValueString(), &resp.Diagnostics)
	}
	upload := creating || plan.FileHash.IsUnknown() || plan.FileHash.ValueString() != state.FileHash.ValueString() ||
		state.Filetype.ValueString() != planmodifiers.FiletypeFile
	if !upload {
		// Same content on both sides: nothing the server derives from the
		// file changes.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("url"), state.URL)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("format"), state.Format)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("mime"), state.Mime)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("filesize"), state.Filesize)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("checksum"), state.Checksum)...)
		if !metadataChanged(&plan, &state) {
			// Only the state learns something (e.g. file_path written
			// after an import): nothing is written, nothing moves.
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("last_modified"), state.LastModified)...)
		}
		return
	}
	r.planUpload(ctx, req, resp, &plan, &state, creating)
}

// planUpload plans what an upload changes. What data.gouv.fr derives from
// the file's content (url, filesize, checksum) is known after the upload,
// and so is file_hash unless the configuration declares it: the file is read
// again when apply uploads it, and what is uploaded is the file as it is
// then (local_file_upload.go). Planning the sha1 read now would make
// Terraform fail with "inconsistent final plan" when the file changes before
// apply. format and mime follow the file's name: they stay known when its
// extensions do not change. (The framework marks these unknown only for
// changes in the configuration, not for a file that changed on its own.)
func (r *resourceResource) planUpload(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, plan, state *resourceModel, creating bool) {
	for name, v := range map[string]attr.Value{
		"url": types.StringUnknown(), "filesize": types.Int64Unknown(), "last_modified": types.StringUnknown(),
		"format": types.StringUnknown(), "mime": types.StringUnknown(),
	} {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), v)...)
	}
	if !creating && !plan.FilePath.IsUnknown() && sameExtensions(plan.FilePath.ValueString(), uploadedName(state)) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("format"), state.Format)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("mime"), state.Mime)...)
	}
	var declared types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("file_hash"), &declared)...)
	if declared.IsNull() || declared.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("file_hash"), types.StringUnknown())...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("checksum"), types.ObjectUnknown(resourceChecksumAttrTypes))...)
		return
	}
	// Apply uploads the file only if its sha1 is the declared one, and
	// data.gouv.fr records the sha1 of what it receives.
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("checksum"), types.ObjectValueMust(resourceChecksumAttrTypes,
		map[string]attr.Value{"type": types.StringValue("sha1"), "value": declared}))...)
}

// planExtras plans extras: the configuration's keys, and the keys an import
// adopted that the configuration does not name (extras_adoption.go).
func (r *resourceResource) planExtras(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, state types.Map, creating bool) {
	var config, planned types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("extras"), &config)...)
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("extras"), &planned)...)
	if config.IsNull() {
		planned = types.MapNull(types.StringType) // left out: no key managed
	}
	if !creating {
		adopted, diags := adoptedExtras(ctx, req.Private)
		resp.Diagnostics.Append(diags...)
		var unnamed []string
		planned, unnamed, diags = planAdoptedExtras(config, planned, state, adopted)
		resp.Diagnostics.Append(diags...)
		resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, unnamed)...)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("extras"), planned)...)
}

// resourceFieldPaths maps udata's field names in 400 answers to attributes.
var resourceFieldPaths = map[string]path.Path{
	"title":          path.Root("title"),
	"description":    path.Root("description"),
	"type":           path.Root("type"),
	"url":            path.Root("url"),
	"format":         path.Root("format"),
	"mime":           path.Root("mime"),
	"filesize":       path.Root("filesize"),
	"checksum":       path.Root("checksum"),
	"checksum.type":  path.Root("checksum").AtName("type"),
	"checksum.value": path.Root("checksum").AtName("value"),
	"schema":         path.Root("schema"),
	"schema.name":    path.Root("schema").AtName("name"),
	"schema.version": path.Root("schema").AtName("version"),
	"schema.url":     path.Root("schema").AtName("url"),
	"extras":         path.Root("extras"),
}

// addResourceWriteError reports a failed write, naming the dataset when it
// does not exist (udata answers 404 for an unknown or invisible dataset).
func addResourceWriteError(diags *diag.Diagnostics, summary, datasetID string, err error) {
	if errors.Is(err, client.ErrNotFound) {
		diags.AddAttributeError(path.Root("dataset_id"), summary,
			fmt.Sprintf("data.gouv.fr has no dataset %q that this API key can see (or the resource was deleted meanwhile). "+
				"Check dataset_id, e.g. refer to datagouv_dataset.<name>.id.\n\n%s", datasetID, errorDetail(err)))
		return
	}
	addClientError(diags, summary, err, resourceFieldPaths)
}

func (r *resourceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "create a resource") {
		return
	}
	ctx, cancel := operationContext(ctx, plan.Timeouts.Create, resourceTimeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	datasetID := plan.DatasetID.ValueString()
	unlock := r.data.locks.Lock(datasetID)
	defer unlock()

	if plan.FilePath.IsNull() {
		in, diags := plan.metadataInput(ctx)
		resp.Diagnostics.Append(diags...)
		in.Extras, diags = plan.declaredExtras(ctx)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		// Looked up before being repeated when the answer is lost (create_recovery.go).
		created, err := createRemoteResource(ctx, r.data, datasetID, in)
		if err != nil {
			addResourceWriteError(&resp.Diagnostics, "Could not create resource", datasetID, err)
			return
		}
		state := plan
		resp.Diagnostics.Append(state.fromAPI(created, datasetID, readOptions{})...)
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}

	uploaded, ok := r.upload(ctx, &plan, "", &resp.Diagnostics)
	if !ok {
		return
	}
	// From here the resource exists on data.gouv.fr: whatever fails next,
	// it goes into the state (tainted by the error), never orphaned.
	state := plan
	resp.Diagnostics.Append(state.fromAPI(uploaded, datasetID, readOptions{})...)
	r.putMetadata(ctx, "File uploaded, but its title and metadata could not be set (the resource is kept in the state, tainted)",
		&plan, &state, types.MapNull(types.StringType), nil, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// putMetadata writes the managed metadata of plan over the resource whose
// current server state is in state, then the extras keys that differ from
// the PUT's answer (priorExtras are the keys managed so far: those no
// longer declared are removed), and updates state with the answers.
func (r *resourceResource) putMetadata(ctx context.Context, summary string, plan, state *resourceModel, priorExtras types.Map, adopted []string, diags *diag.Diagnostics) {
	in, d := plan.metadataInput(ctx)
	diags.Append(d...)
	if d.HasError() {
		return
	}
	datasetID, id := plan.DatasetID.ValueString(), state.ID.ValueString()
	updated, err := r.data.client.Resources.Update(ctx, datasetID, id, in)
	if err != nil {
		addResourceWriteError(diags, summary, datasetID, err)
		return
	}
	r.writeExtras(ctx, plan, priorExtras, adopted, updated, diags)
	// fromAPI keeps the user's spellings found in the model: start from
	// the plan's values.
	managed := *plan
	managed.ID, managed.Filetype = state.ID, state.Filetype
	diags.Append(managed.fromAPI(updated, datasetID, readOptions{})...)
	*state = managed
}

// writeExtras brings the managed extras keys of res (the resource as the
// server has it) to plan's, through the v2 endpoint that leaves the other
// keys alone, and updates res.Extras. On failure res keeps the extras it
// had, so that the state shows what remains to write.
func (r *resourceResource) writeExtras(ctx context.Context, plan *resourceModel, priorExtras types.Map, adopted []string, res *client.Resource, diags *diag.Diagnostics) {
	removed, d := removedExtrasKeys(ctx, priorExtras, plan.Extras)
	diags.Append(d...)
	changes, d := extrasChanges(ctx, plan.Extras, unadopted(removed, adopted), res.Extras)
	diags.Append(d...)
	changes = withoutAdopted(changes, adopted)
	if changes == nil || d.HasError() {
		return
	}
	written, err := r.data.client.Resources.UpdateExtras(ctx, plan.DatasetID.ValueString(), res.ID, changes)
	if err != nil {
		addClientError(diags, "Could not write the resource's extras", err, map[string]path.Path{"extras": path.Root("extras")})
		return
	}
	res.Extras = written
}

func (r *resourceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || r.data == nil {
		return
	}
	ctx, cancel := operationContext(ctx, state.Timeouts.Read, resourceTimeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	importing := false
	if b, d := req.Private.GetKey(ctx, privateImporting); !d.HasError() && len(b) > 0 {
		importing = true
	}
	datasetID, id := state.DatasetID.ValueString(), state.ID.ValueString()
	// One read per dataset, shared by its resources (coalesced_reads.go).
	res, err := readResource(ctx, r.data, datasetID, id)
	switch {
	case errors.Is(err, client.ErrNotFound):
		// A 404 is a deletion only when confirmed (deletion_check.go).
		gone, why, err := resourceGoneConfirmed(ctx, r.data, datasetID)
		switch {
		case err != nil:
			addClientError(&resp.Diagnostics, "Could not read resource", err, nil)
		case !gone:
			resp.Diagnostics.AddError("Resource not visible with this API key",
				fmt.Sprintf("data.gouv.fr answers 404 for resource %s of dataset %s with this API key. %s It is kept in the state.", id, datasetID, why))
		default:
			resp.Diagnostics.AddWarning("Resource removed from the state",
				fmt.Sprintf("Resource %s of dataset %s no longer exists on data.gouv.fr (it was deleted). "+
					"It was removed from the state; the next apply creates it again if it is still in the configuration.", id, datasetID))
			resp.State.RemoveResource(ctx)
		}
		return
	case errors.Is(err, client.ErrGone):
		resp.Diagnostics.AddWarning("Dataset deleted on data.gouv.fr",
			fmt.Sprintf("Dataset %s of resource %s is deleted on data.gouv.fr and this API key may not read it any more. "+
				"The resource is kept in the state unchanged: it comes back with the dataset if the dataset is restored.", datasetID, id))
		return
	case err != nil:
		addClientError(&resp.Diagnostics, "Could not read resource", err, nil)
		return
	}
	resp.Diagnostics.Append(state.fromAPI(res, datasetID, readOptions{importing: importing})...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	if importing {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImporting, nil)...)
		// Every key read is adopted, not managed until named.
		resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, adoptedKeysOf(state.Extras))...)
	}
}

func (r *resourceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "update a resource") {
		return
	}
	ctx, cancel := operationContext(ctx, plan.Timeouts.Update, resourceTimeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	datasetID, id := plan.DatasetID.ValueString(), state.ID.ValueString()
	unlock := r.data.locks.Lock(datasetID)
	defer unlock()
	adopted, diags := adoptedExtras(ctx, req.Private)
	resp.Diagnostics.Append(diags...)

	current := state
	uploaded := false
	if plan.isLocal() && (plan.FileHash.IsUnknown() || plan.FileHash.ValueString() != state.FileHash.ValueString()) {
		res, ok := r.upload(ctx, &plan, id, &resp.Diagnostics)
		if !ok {
			return
		}
		uploaded = true
		// The new file is on the server: the state follows it even if
		// what comes next fails, so the next plan shows what remains.
		resp.Diagnostics.Append(current.fromAPI(res, datasetID, readOptions{})...)
	}

	if !uploaded && !metadataChanged(&plan, &state) {
		// Only provider-side values or extras changed (e.g. file_path
		// written after an import, for the same content): no PUT, which
		// would move last_modified.
		res, err := r.data.client.Resources.Get(ctx, datasetID, id)
		if err != nil {
			addClientError(&resp.Diagnostics, "Could not read resource", err, nil)
			return
		}
		r.writeExtras(ctx, &plan, state.Extras, adopted, res, &resp.Diagnostics)
		next := plan
		resp.Diagnostics.Append(next.fromAPI(res, datasetID, readOptions{})...)
		resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
		resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, stillAdopted(adopted, next.Extras))...)
		return
	}

	summary := "Could not update resource metadata"
	if uploaded {
		summary = "File uploaded, but its title and metadata could not be set back"
	}
	r.putMetadata(ctx, summary, &plan, &current, state.Extras, adopted, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &current)...)
	resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, stillAdopted(adopted, current.Extras))...)
}

// metadataChanged tells whether a field sent by the metadata PUT differs
// between the plan and the state (extras are written apart).
func metadataChanged(plan, state *resourceModel) bool {
	same := plan.Title.Equal(state.Title) && plan.Description.Equal(state.Description) && plan.Type.Equal(state.Type) &&
		plan.Schema.Equal(state.Schema)
	if !plan.isLocal() {
		same = same && plan.URL.Equal(state.URL) && plan.Format.Equal(state.Format) && plan.Mime.Equal(state.Mime) &&
			plan.Filesize.Equal(state.Filesize) && plan.Checksum.Equal(state.Checksum)
	}
	return !same
}

func (r *resourceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "delete a resource") {
		return
	}
	ctx, cancel := operationContext(ctx, state.Timeouts.Delete, resourceTimeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	datasetID := state.DatasetID.ValueString()
	unlock := r.data.locks.Lock(datasetID)
	defer unlock()
	err := r.data.client.Resources.Delete(ctx, datasetID, state.ID.ValueString())
	if errors.Is(err, client.ErrNotFound) {
		// Already gone, unless this key just cannot see it.
		gone, why, cerr := resourceGoneConfirmed(ctx, r.data, datasetID)
		switch {
		case cerr != nil:
			addClientError(&resp.Diagnostics, "Could not delete resource", cerr, nil)
		case !gone:
			resp.Diagnostics.AddError("Resource not visible with this API key",
				fmt.Sprintf("data.gouv.fr answers 404 for resource %s of dataset %s with this API key, so it was not deleted. %s",
					state.ID.ValueString(), datasetID, why))
		}
		return
	}
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not delete resource", err, nil)
	}
}

// ImportState accepts `dataset_id/resource_id`, or the resource id alone
// (its dataset is then found through API v2).
func (r *resourceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	datasetID, resourceID, found := strings.Cut(strings.TrimSpace(req.ID), "/")
	if !found {
		datasetID, resourceID = "", datasetID
	}
	if resourceID == "" || (found && datasetID == "") || strings.Contains(resourceID, "/") {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Expected a resource id, or dataset_id/resource_id, got %q.", req.ID))
		return
	}
	if datasetID == "" {
		if r.data == nil {
			resp.Diagnostics.AddError("Provider not configured", "The provider must be configured to look the resource up.")
			return
		}
		_, ds, err := r.data.client.Resources.Lookup(ctx, resourceID)
		if err != nil {
			if errors.Is(err, client.ErrNotFound) {
				resp.Diagnostics.AddError("Resource not found", fmt.Sprintf("data.gouv.fr has no resource %q that this API key can see.", resourceID))
				return
			}
			addClientError(&resp.Diagnostics, "Could not look the resource up", err, nil)
			return
		}
		datasetID = ds
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), resourceID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("dataset_id"), datasetID)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImporting, []byte("true"))...)
}
