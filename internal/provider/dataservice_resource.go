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

var (
	_ resource.Resource                = (*dataserviceResource)(nil)
	_ resource.ResourceWithConfigure   = (*dataserviceResource)(nil)
	_ resource.ResourceWithImportState = (*dataserviceResource)(nil)
	_ resource.ResourceWithIdentity    = (*dataserviceResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*dataserviceResource)(nil)
)

// NewDataserviceResource is the constructor of datagouv_dataservice.
func NewDataserviceResource() resource.Resource { return &dataserviceResource{} }

type dataserviceResource struct{ data *providerData }

func (r *dataserviceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataservice"
}

func (r *dataserviceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *dataserviceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan dataserviceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "create a dataservice") {
		return
	}
	ctx, cancel := operationContext(ctx, plan.Timeouts.Create, dataserviceTimeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := plan.dataserviceInput(ctx, nil, nil, time.Now())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A POST whose answer was lost is looked up before being repeated.
	d, err := createDataservice(ctx, r.data, in)
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not create dataservice", err, dataserviceFieldPaths)
		return
	}
	tflog.Info(ctx, "created dataservice", map[string]any{"id": d.ID})
	ids, err := servedDatasetIDs(ctx, r.data, d)
	if err != nil {
		// Created: keep it in state (with the planned datasets), and say so.
		resp.Diagnostics.AddWarning("Dataservice created, but its datasets could not be read back", errorDetail(err))
		ids = stringsOf(ctx, plan.Datasets, &resp.Diagnostics)
	}
	r.setState(ctx, d, ids, &plan, &resp.State, &resp.Diagnostics)
	setIDIdentity(ctx, resp.Identity, types.StringValue(d.ID), &resp.Diagnostics)
}

func (r *dataserviceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state dataserviceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := operationContext(ctx, state.Timeouts.Read, dataserviceTimeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	// Every answer carries the identity (identity.go): the id as the state
	// has it, then as read (a slug imported becomes the id).
	setIDIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
	d, ids, err := readDataservice(ctx, r.data, state.ID.ValueString())
	read := stateObject{noun: "dataservice", id: state.ID.ValueString(), owner: state.Owner, organization: state.Organization,
		importing: state.Title.IsNull(), deleted: &state.Deleted}
	switch read.onRead(ctx, r.data, err, &resp.Diagnostics) {
	case removeOnRead:
		resp.State.RemoveResource(ctx)
		return
	case keepForRestore:
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	case failedOnRead:
		return
	}
	r.setState(ctx, d, ids, &state, &resp.State, &resp.Diagnostics)
	if state.Extras.IsNull() && !resp.Diagnostics.HasError() {
		// An import: every key read is adopted, not managed until named.
		resp.Diagnostics.Append(adoptImportedExtras(ctx, &resp.State, resp.Private)...)
	}
	setIDIdentity(ctx, resp.Identity, types.StringValue(d.ID), &resp.Diagnostics)
}

func (r *dataserviceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state dataserviceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "update a dataservice") {
		return
	}
	ctx, cancel := operationContext(ctx, plan.Timeouts.Update, dataserviceTimeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	id := state.ID.ValueString()
	unlock := r.data.locks.Lock("dataservice/" + id)
	defer unlock()

	// A new owner first, through a transfer: the PATCH never carries the
	// organization, and its contact points must be the new owner's.
	if !applyOrganizationChange(ctx, r.data, dataserviceTransfer, id, state.Organization, plan.Organization, &resp.Diagnostics) {
		return
	}

	// The portal's extras, archive date and deletion just before the
	// PATCH: what to write follows from them.
	current, err := r.data.client.Dataservices.Get(ctx, id)
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not read dataservice before updating it", err, nil)
		return
	}
	adopted, diags := adoptedExtras(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	extras, diags := extrasUpdate(ctx, state.Extras, plan.Extras, adopted, current.Extras)
	resp.Diagnostics.Append(diags...)
	in, diags := plan.dataserviceInput(ctx, current, extras, time.Now())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	svc := r.data.client.Dataservices
	var d *client.Dataservice
	if current.DeletedAt != nil {
		d, err = svc.Restore(ctx, id, in)
		if err != nil {
			addClientError(&resp.Diagnostics, "Could not restore deleted dataservice", err, dataserviceFieldPaths)
			return
		}
		tflog.Info(ctx, "restored soft-deleted dataservice", map[string]any{"id": id})
	} else if d, err = svc.Update(ctx, id, in); err != nil {
		addClientError(&resp.Diagnostics, "Could not update dataservice", err, dataserviceFieldPaths)
		return
	}
	ids, err := servedDatasetIDs(ctx, r.data, d)
	if err != nil {
		resp.Diagnostics.AddWarning("Dataservice updated, but its datasets could not be read back", errorDetail(err))
		ids = stringsOf(ctx, plan.Datasets, &resp.Diagnostics)
	}
	r.setState(ctx, d, ids, &plan, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, stillAdopted(adopted, plan.Extras))...)
	setIDIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *dataserviceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state dataserviceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "delete a dataservice") {
		return
	}
	ctx, cancel := operationContext(ctx, state.Timeouts.Delete, dataserviceTimeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	unlock := r.data.locks.Lock("dataservice/" + id)
	defer unlock()
	err := r.data.client.Dataservices.Delete(ctx, id)
	if errors.Is(err, client.ErrNotFound) {
		stateObject{noun: "dataservice", id: id, owner: state.Owner, organization: state.Organization}.onDelete(ctx, r.data, &resp.Diagnostics)
		return
	}
	if err != nil && !errors.Is(err, client.ErrGone) {
		addClientError(&resp.Diagnostics, "Could not delete dataservice", err, nil)
	}
}

// ImportState accepts an id or a slug, or an identity; Read resolves a slug
// to the id.
func (r *dataserviceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *dataserviceResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("The dataservice's id")
}

func (r *dataserviceResource) setState(ctx context.Context, d *client.Dataservice, datasets []string, prior *dataserviceModel, state stateSetter, diags *diag.Diagnostics) {
	fields, di := dataserviceFromAPI(ctx, d, datasets, &prior.dataserviceFields)
	diags.Append(di...)
	if di.HasError() {
		return
	}
	m := dataserviceModel{dataserviceFields: fields, Timeouts: knownTimeouts(prior.Timeouts)}
	diags.Append(state.Set(ctx, &m)...)
}
