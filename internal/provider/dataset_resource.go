package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// datasetTimeouts are the dataset's default time limits.
var datasetTimeouts = operationTimeouts{Create: 10 * time.Minute, Read: 5 * time.Minute, Update: 10 * time.Minute, Delete: 5 * time.Minute}

var (
	_ resource.Resource                = (*datasetResource)(nil)
	_ resource.ResourceWithConfigure   = (*datasetResource)(nil)
	_ resource.ResourceWithImportState = (*datasetResource)(nil)
	_ resource.ResourceWithIdentity    = (*datasetResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*datasetResource)(nil)

	_ resource.ResourceWithValidateConfig = (*datasetResource)(nil)
)

// NewDatasetResource is the constructor of datagouv_dataset.
func NewDatasetResource() resource.Resource { return &datasetResource{} }

type datasetResource struct {
	data *providerData
	// validation is the validation data of the provider's configuration
	// (validation_provider_data.go),
	// for ValidateConfig's checks before the provider is configured.
	validation func() *providerData
}

func (r *datasetResource) setValidationData(v func() *providerData) { r.validation = v }

func (r *datasetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataset"
}

func (r *datasetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
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
	setIDIdentity(ctx, resp.Identity, types.StringValue(ds.ID), &resp.Diagnostics)
	resp.Diagnostics.Append(rememberQualityRead(ctx, resp.Private)...)
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

	// Every answer carries the identity (identity.go): the id as the state
	// has it, then as read (a slug imported becomes the id).
	setIDIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
	// Shared with the Reads of the dataset's resources (coalesced_reads.go):
	// a refresh reads each dataset once.
	ds, err := r.data.datasetReads.Dataset(ctx, state.ID.ValueString())
	read := stateObject{noun: "dataset", id: state.ID.ValueString(), owner: state.Owner, organization: state.Organization,
		importing: state.Title.IsNull(), deleted: &state.Deleted}
	switch read.onRead(ctx, r.data, err, &resp.Diagnostics) {
	case removeOnRead:
		// Its files and file order leave the state with it, without a
		// warning of their own (purged_datasets.go).
		r.data.purged.note(state.ID.ValueString())
		resp.State.RemoveResource(ctx)
		return
	case keepForRestore:
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	case failedOnRead:
		return
	}
	// A refresh shows the portal's score where a plan showed a prediction.
	state.PredictedQualityScore = types.Float64Null()
	r.setState(ctx, ds, &state, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(rememberQualityRead(ctx, resp.Private)...)
	setIDIdentity(ctx, resp.Identity, types.StringValue(ds.ID), &resp.Diagnostics)
	if state.Extras.IsNull() && !resp.Diagnostics.HasError() {
		// An import: every key read is adopted, not managed until named.
		resp.Diagnostics.Append(adoptImportedExtras(ctx, &resp.State, resp.Private)...)
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
	if !applyOrganizationChange(ctx, r.data, datasetTransfer, id, state.Organization, plan.Organization, &resp.Diagnostics) {
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
	in, diags := plan.datasetInput(ctx, current, time.Now())
	resp.Diagnostics.Append(diags...)
	extras, diags := extrasUpdate(ctx, state.Extras, plan.Extras, adopted, current.Extras)
	resp.Diagnostics.Append(diags...)
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
			setIDIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
			return
		}
		ds.Extras = written
	}
	r.setState(ctx, ds, &plan, &resp.State, &resp.Diagnostics)
	setIDIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
	resp.Diagnostics.Append(rememberQualityRead(ctx, resp.Private)...)
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
		stateObject{noun: "dataset", id: id, owner: state.Owner, organization: state.Organization}.onDelete(ctx, r.data, &resp.Diagnostics)
		return
	}
	if err != nil && !errors.Is(err, client.ErrGone) {
		addClientError(&resp.Diagnostics, "Could not delete dataset", err, nil)
	}
}

// ImportState accepts an id or a slug, or an identity; Read resolves a slug
// to the id.
func (r *datasetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *datasetResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("The dataset's id")
}

// setState maps ds onto the state, keeping prior's form of equivalent values.
func (r *datasetResource) setState(ctx context.Context, ds *client.Dataset, prior *datasetModel, state stateSetter, diags *diag.Diagnostics) {
	m, d := datasetFromAPI(ctx, ds, prior)
	diags.Append(d...)
	if d.HasError() {
		return
	}
	diags.Append(state.Set(ctx, &m)...)
}
