package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

var (
	_ resource.ResourceWithConfigure        = (*resourceResource)(nil)
	_ resource.ResourceWithImportState      = (*resourceResource)(nil)
	_ resource.ResourceWithIdentity         = (*resourceResource)(nil)
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

// resourceTimeouts are the resource's default time limits; uploads of large
// files take most of them.
var resourceTimeouts = operationTimeouts{Create: 30 * time.Minute, Read: 5 * time.Minute, Update: 30 * time.Minute, Delete: 5 * time.Minute}

// NewResourceResource is the constructor of datagouv_resource.
func NewResourceResource() resource.Resource { return &resourceResource{} }

// resourceResource is datagouv_resource: a file of a dataset, either a
// remote link or a local file uploaded to data.gouv.fr.
type resourceResource struct {
	data *providerData
	// validation is the validation data of the provider's configuration
	// (validation_provider_data.go),
	// for ValidateConfig's checks before the provider is configured.
	validation func() *providerData
}

func (r *resourceResource) setValidationData(v func() *providerData) { r.validation = v }

func (r *resourceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_resource"
}

func (r *resourceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

var sha1Hex = regexp.MustCompile(`^[0-9a-f]{40}$`)

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
		in.Extras, diags = declaredExtras(ctx, plan.Extras)
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
		setFileIdentity(ctx, resp.Identity, &state, &resp.Diagnostics)
		return
	}

	uploaded, ok := r.upload(ctx, &plan, "", fileHashDeclared(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
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
	setFileIdentity(ctx, resp.Identity, &state, &resp.Diagnostics)
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
	changes, d := extrasUpdate(ctx, priorExtras, plan.Extras, adopted, res.Extras)
	diags.Append(d...)
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
	if resp.Diagnostics.HasError() {
		return
	}
	// Every answer carries the identity (identity.go): a removal's, and a
	// Read that leaves the state as it was, too.
	setFileIdentity(ctx, resp.Identity, &state, &resp.Diagnostics)
	if r.data == nil {
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
		// A 404 is a deletion only when confirmed (read_outcome.go).
		gone, why, err := resourceGoneConfirmed(ctx, r.data, datasetID, req.Private)
		switch {
		case err != nil:
			addClientError(&resp.Diagnostics, "Could not read resource", err, nil)
		case gone == resourceUnconfirmed:
			resp.Diagnostics.AddError("Resource not visible with this API key",
				fmt.Sprintf("data.gouv.fr answers 404 for resource %s of dataset %s with this API key. %s It is kept in the state.", id, datasetID, why))
		case gone == resourceDatasetPurged:
			purgedContentsLeave(ctx, r.data, datasetID, &resp.State, &resp.Diagnostics)
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
	if ds, err := r.data.datasetReads.Dataset(ctx, datasetID); err == nil {
		// Read already (coalesced_reads.go): tells a purge later.
		resp.Diagnostics.Append(rememberDatasetOwner(ctx, req.Private, resp.Private, ds)...)
	}
	prior := state
	resp.Diagnostics.Append(state.fromAPI(res, datasetID, readOptions{importing: importing})...)
	// The response holds the prior state already (state_unchanged.go).
	if !modelsEqual(&prior, &state) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
	if state.isLocal() {
		// Tells the plan that follows from apply's second plan (planned_file.go).
		resp.Diagnostics.Append(markRefreshed(ctx, resp.Private)...)
	}
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
	// The plan being applied needs no watching any more (planned_file.go).
	dropPlannedFile(refreshID(ctx, req.Private))
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateRefresh, nil)...)

	current := state
	uploaded := false
	if plan.isLocal() && (plan.FileHash.IsUnknown() || plan.FileHash.ValueString() != state.FileHash.ValueString()) {
		res, ok := r.upload(ctx, &plan, id, fileHashDeclared(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
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
		setFileIdentity(ctx, resp.Identity, &next, &resp.Diagnostics)
		resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, stillAdopted(adopted, next.Extras))...)
		return
	}

	summary := "Could not update resource metadata"
	if uploaded {
		summary = "File uploaded, but its title and metadata could not be set back"
	}
	r.putMetadata(ctx, summary, &plan, &current, state.Extras, adopted, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &current)...)
	setFileIdentity(ctx, resp.Identity, &current, &resp.Diagnostics)
	resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, stillAdopted(adopted, current.Extras))...)
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
		gone, why, cerr := resourceGoneConfirmed(ctx, r.data, datasetID, req.Private)
		switch {
		case cerr != nil:
			addClientError(&resp.Diagnostics, "Could not delete resource", cerr, nil)
		case gone == resourceUnconfirmed:
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
// (its dataset is then found through API v2), or an identity.
func (r *resourceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" && req.Identity != nil {
		var identity fileIdentity
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), identity.ID)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("dataset_id"), identity.DatasetID)...)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImporting, []byte("true"))...)
		return
	}
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

func (r *resourceResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"dataset_id": identityschema.StringAttribute{RequiredForImport: true, Description: "The id of the file's dataset (24 hexadecimal characters)."},
		"id":         identityschema.StringAttribute{RequiredForImport: true, Description: "The file's id (a UUID)."},
	}}
}

// setFileIdentity sets the identity of the file m holds.
func setFileIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, m *resourceModel, diags *diag.Diagnostics) {
	setIdentity(ctx, identity, &fileIdentity{DatasetID: m.DatasetID, ID: m.ID}, diags)
}
