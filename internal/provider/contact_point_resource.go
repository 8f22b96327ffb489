package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

var (
	_ resource.Resource                = (*contactPointResource)(nil)
	_ resource.ResourceWithConfigure   = (*contactPointResource)(nil)
	_ resource.ResourceWithImportState = (*contactPointResource)(nil)
	_ resource.ResourceWithIdentity    = (*contactPointResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*contactPointResource)(nil)
)

// NewContactPointResource is the constructor of datagouv_contact_point.
func NewContactPointResource() resource.Resource { return &contactPointResource{} }

type contactPointResource struct{ data *providerData }

func (r *contactPointResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact_point"
}

func (r *contactPointResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Create refuses to take over an identical contact point that already
// exists: udata's POST would answer it instead of a new one, and destroying
// this resource would then delete a contact point that others name. Once
// that is checked, the POST is safe to repeat (the client does when its
// answer is lost): the same body gives the same contact point.
func (r *contactPointResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan contactPointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "create a contact point") {
		return
	}
	ctx, cancel := operationContext(ctx, plan.Timeouts.Create, contactPointTimeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	in := plan.input()
	existing, err := findContactPoint(ctx, r.data, in)
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not look for an identical contact point before creating it", err, nil)
		return
	}
	if existing != nil {
		resp.Diagnostics.AddError("Identical contact point already exists",
			fmt.Sprintf("The contact point %s has the same name, email, contact form and role for the same owner: data.gouv.fr keeps one. "+
				"Import it (terraform import <address> %s, or an import block) rather than creating it, or change a field.", existing.ID, existing.ID))
		return
	}
	cp, err := r.data.client.ContactPoints.Create(ctx, in)
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not create contact point", err, contactPointFieldPaths)
		return
	}
	tflog.Info(ctx, "created contact point", map[string]any{"id": cp.ID})
	m := contactPointFromAPI(cp, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	setIDIdentity(ctx, resp.Identity, m.ID, &resp.Diagnostics)
}

// findContactPoint is the owner's contact point with in's fields, if any:
// the organization's, or the API key's user's own.
func findContactPoint(ctx context.Context, data *providerData, in *client.ContactPointInput) (*client.ContactPoint, error) {
	list := func(page int) (*client.ContactPointPage, error) {
		return data.client.ContactPoints.ListByOrganization(ctx, in.Organization, page, lookupPageSize)
	}
	if in.Organization == "" {
		me, err := data.reference.Me(ctx)
		if err != nil {
			return nil, err
		}
		list = func(page int) (*client.ContactPointPage, error) {
			return data.client.ContactPoints.ListByUser(ctx, me.ID, page, lookupPageSize)
		}
	}
	for page := 1; ; page++ {
		p, err := list(page)
		if err != nil {
			return nil, err
		}
		for i := range p.Data {
			if sameContactPoint(&p.Data[i], in) {
				return &p.Data[i], nil
			}
		}
		if p.NextPage == nil || len(p.Data) == 0 {
			return nil, nil
		}
	}
}

func (r *contactPointResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state contactPointModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := operationContext(ctx, state.Timeouts.Read, contactPointTimeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	// Every answer carries the identity (identity.go), a removal's too.
	setIDIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
	cp, err := r.data.client.ContactPoints.Get(ctx, state.ID.ValueString())
	switch {
	case errors.Is(err, client.ErrNotFound):
		resp.Diagnostics.AddWarning("Contact point no longer exists",
			fmt.Sprintf("The contact point %s was deleted on the portal. It is removed from the state, and the next apply creates it "+
				"anew (with a new id; the dataservices naming it get the new id on the same apply).", state.ID.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		addClientError(&resp.Diagnostics, "Could not read contact point", err, nil)
		return
	}
	m := contactPointFromAPI(cp, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *contactPointResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state contactPointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "update a contact point") {
		return
	}
	ctx, cancel := operationContext(ctx, plan.Timeouts.Update, contactPointTimeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	cp, err := r.data.client.ContactPoints.Update(ctx, state.ID.ValueString(), plan.input())
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not update contact point", err, contactPointFieldPaths)
		return
	}
	m := contactPointFromAPI(cp, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	setIDIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *contactPointResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state contactPointModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireAPIKey(r.data, &resp.Diagnostics, "delete a contact point") {
		return
	}
	ctx, cancel := operationContext(ctx, state.Timeouts.Delete, contactPointTimeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.data.client.ContactPoints.Delete(ctx, state.ID.ValueString()); err != nil && !errors.Is(err, client.ErrNotFound) {
		addClientError(&resp.Diagnostics, "Could not delete contact point", err, nil)
	}
}

// ImportState accepts an id, or an identity.
func (r *contactPointResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *contactPointResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("The contact point's id")
}
