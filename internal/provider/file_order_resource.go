package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// datagouv_resource_order: the order in which a dataset shows the files
// the configuration names (udata: PUT /api/1/datasets/{id}/resources/ with
// every resource id in order). A resource of its own, not a dataset
// argument: the dataset exists before its files, whose ids the order
// names. Files the configuration does not name never move: the named ones
// are permuted among the places they hold, so a file someone adds in the
// web interface (udata puts new files first) is no drift and stays where
// it is.

var (
	_ resource.Resource                = (*resourceOrderResource)(nil)
	_ resource.ResourceWithConfigure   = (*resourceOrderResource)(nil)
	_ resource.ResourceWithImportState = (*resourceOrderResource)(nil)
	_ resource.ResourceWithIdentity    = (*resourceOrderResource)(nil)
)

// NewResourceOrderResource is the constructor of datagouv_resource_order.
func NewResourceOrderResource() resource.Resource { return &resourceOrderResource{} }

type resourceOrderResource struct{ data *providerData }

func (r *resourceOrderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_resource_order"
}

func (r *resourceOrderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *resourceOrderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.write(ctx, req.Plan.Get, &resp.State, nil, resp.Private, resp.Identity, &resp.Diagnostics)
}

func (r *resourceOrderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan.Get, &resp.State, req.Private, resp.Private, resp.Identity, &resp.Diagnostics)
}

// write puts the planned files in order: one read, and a PUT only when the
// order differs. A file added between the read and the PUT makes udata
// refuse the list: read again, once. The dataset's owner is recorded in
// private (prior: the private state before, nil for a creation).
func (r *resourceOrderResource) write(ctx context.Context, getPlan func(context.Context, any) diag.Diagnostics, state stateSetter,
	prior privateGetter, private privateSetter, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	var plan resourceOrderModel
	diags.Append(getPlan(ctx, &plan)...)
	if diags.HasError() || !requireAPIKey(r.data, diags, "order a dataset's files") {
		return
	}
	var wanted []string
	diags.Append(plan.ResourceIDs.ElementsAs(ctx, &wanted, false)...)
	if diags.HasError() {
		return
	}
	datasetID := plan.DatasetID.ValueString()
	unlock := r.data.locks.Lock(datasetID)
	defer unlock()
	for attempt := 1; ; attempt++ {
		ds, err := r.data.client.Datasets.Get(ctx, datasetID)
		if err != nil {
			addClientError(diags, "Could not read the dataset to order its files", err, nil)
			return
		}
		diags.Append(rememberDatasetOwner(ctx, prior, private, ds)...)
		current := resourceIDsOf(ds)
		order, missing := orderedResourceIDs(current, wanted)
		if len(missing) > 0 {
			diags.AddAttributeError(path.Root("resource_ids"), "Not files of the dataset",
				fmt.Sprintf("The dataset %s has no file %s: remove them from resource_ids (or create them first, by naming "+
					"their datagouv_resource ids, so that Terraform orders them after).", datasetID, strings.Join(missing, ", ")))
			return
		}
		if !slices.Equal(order, current) {
			err = r.data.client.Resources.Reorder(ctx, datasetID, order)
			if errors.Is(err, client.ErrValidation) && attempt == 1 {
				continue // a file came or went since the read
			}
			if err != nil {
				addClientError(diags, "Could not order the dataset's files", err, nil)
				return
			}
			tflog.Info(ctx, "reordered a dataset's files", map[string]any{"dataset": datasetID})
		}
		break
	}
	plan.ID = types.StringValue(datasetID)
	diags.Append(state.Set(ctx, &plan)...)
	setIdentity(ctx, identity, &datasetIDIdentity{DatasetID: plan.DatasetID}, diags)
}

// Read shows the listed files in the dataset's current order (files not
// listed are left out: their places are not managed). After an import,
// every file is listed.
func (r *resourceOrderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Every answer carries the identity (identity.go), a removal's too.
	setIdentity(ctx, resp.Identity, &datasetIDIdentity{DatasetID: state.DatasetID}, &resp.Diagnostics)
	datasetID := state.DatasetID.ValueString()
	ds, err := r.data.client.Datasets.Get(ctx, datasetID)
	if errors.Is(err, client.ErrNotFound) {
		// The rules of the dataset's files: leave with a purged dataset,
		// stay (with an error) for a key that may not see it.
		purged, why, err := datasetPurgeConfirmed(ctx, r.data, datasetID, req.Private)
		switch {
		case err != nil:
			addClientError(&resp.Diagnostics, "Could not read the dataset's file order", err, nil)
		case !purged:
			resp.Diagnostics.AddError("Dataset not visible with this API key",
				fmt.Sprintf("data.gouv.fr answers 404 for the dataset %s of this file order with this API key. %s "+
					"The file order is kept in the state.", datasetID, why))
		default:
			purgedContentsLeave(ctx, r.data, datasetID, &resp.State, &resp.Diagnostics)
		}
		return
	}
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not read the dataset's file order", err, nil)
		return
	}
	resp.Diagnostics.Append(rememberDatasetOwner(ctx, req.Private, resp.Private, ds)...)
	var managed []string
	if !state.ResourceIDs.IsNull() && !state.ResourceIDs.IsUnknown() {
		resp.Diagnostics.Append(state.ResourceIDs.ElementsAs(ctx, &managed, false)...)
	}
	ids := resourceIDsOf(ds)
	if managed != nil {
		ids = slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(managed, id) })
	}
	list, d := types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(d...)
	// By id, also after an import by slug.
	state.ResourceIDs, state.ID, state.DatasetID = list, types.StringValue(ds.ID), types.StringValue(ds.ID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, &datasetIDIdentity{DatasetID: state.DatasetID}, &resp.Diagnostics)
}

// Delete leaves the portal as it is: an order is not an object there.
func (r *resourceOrderResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// ImportState takes the dataset's id (or slug), or an identity; the next
// Read lists all its files.
func (r *resourceOrderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	datasetID := types.StringValue(req.ID)
	if req.ID == "" && req.Identity != nil {
		var identity datasetIDIdentity
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		datasetID = identity.DatasetID
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("dataset_id"), datasetID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), datasetID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("resource_ids"), types.ListNull(types.StringType))...)
}

func (r *resourceOrderResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"dataset_id": identityschema.StringAttribute{RequiredForImport: true, Description: "The id of the dataset whose files are ordered (24 hexadecimal characters)."},
	}}
}
