package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// A dataset or a dataservice changes owner on data.gouv.fr only through a
// transfer (udata/features/transfer): requested by an administrator of its
// current owner, accepted by an administrator of the recipient (site admins
// may do both). The object keeps its id, slug, followers and statistics, so
// a change of `organization` is an update, never a replacement: when the
// API key's user may do both steps, the apply requests and accepts the
// transfer; when it may not, the plan fails and says what to do.

// transferSubject names what moves: udata's class and the attribute
// address users type in `-replace`.
type transferSubject struct {
	class string // client.TransferDataset or client.TransferDataservice
	noun  string // "dataset", "dataservice"
	// organization reads the organization the object has now (nil: a
	// user's).
	organization func(ctx context.Context, c *client.Client, id string) (*client.OrganizationRef, error)
}

var (
	datasetTransfer = transferSubject{class: client.TransferDataset, noun: "dataset",
		organization: func(ctx context.Context, c *client.Client, id string) (*client.OrganizationRef, error) {
			ds, err := c.Datasets.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return ds.Organization, nil
		}}
	dataserviceTransfer = transferSubject{class: client.TransferDataservice, noun: "dataservice",
		organization: func(ctx context.Context, c *client.Client, id string) (*client.OrganizationRef, error) {
			d, err := c.Dataservices.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return d.Organization, nil
		}}
)

// organizationChange returns the current and the planned organization
// ("" for the API key's user) and whether they differ, both being known.
func organizationChange(ctx context.Context, state tfsdk.State, plan tfsdk.Plan, diags *diag.Diagnostics) (from, to string, changed bool) {
	var before, after types.String
	diags.Append(state.GetAttribute(ctx, path.Root("organization"), &before)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("organization"), &after)...)
	if diags.HasError() || after.IsUnknown() || before.IsUnknown() {
		return "", "", false
	}
	return before.ValueString(), after.ValueString(), before.ValueString() != after.ValueString()
}

// planOrganizationChange checks, at plan, that the API key's user may move
// the object from its current owner to the planned one, and plans the
// owner attribute the move changes. An unknown organization is checked at
// apply, by udata itself.
func planOrganizationChange(ctx context.Context, data *providerData, subject transferSubject, state tfsdk.State, plan *tfsdk.Plan, diags *diag.Diagnostics) {
	from, to, changed := organizationChange(ctx, state, *plan, diags)
	if !changed {
		return
	}
	// The owner user follows the move: null once an organization holds it.
	owner := types.StringUnknown()
	if to != "" {
		owner = types.StringNull()
	}
	diags.Append(plan.SetAttribute(ctx, path.Root("owner"), owner)...)
	if data == nil || !data.hasAPIKey {
		return
	}
	me, err := data.reference.Me(ctx)
	if err != nil {
		diags.AddAttributeError(path.Root("organization"), "Could not check the transfer",
			fmt.Sprintf("Reading the API key's user (GET /api/1/me/), to check that it may move the %s to another owner, failed: %s",
				subject.noun, errorDetail(err)))
		return
	}
	if slices.Contains(me.Roles, "admin") {
		return // site admins may request and accept any transfer
	}
	var stateOwner types.String
	diags.Append(state.GetAttribute(ctx, path.Root("owner"), &stateOwner)...)
	switch {
	case from != "" && !administers(me, from):
		diags.AddAttributeError(path.Root("organization"), "Cannot move the "+subject.noun+" out of its organization",
			fmt.Sprintf("Changing organization moves the %[1]s with a data.gouv.fr transfer, which only an administrator of its current "+
				"organization (%[2]s) may request, and the API key's user (%[3]s) is not one. Keep organization = %[4]q, "+
				"or have an administrator of it transfer it on data.gouv.fr (the next plan then reads the new organization), "+
				"or replace it with `terraform apply -replace=<address>`: a new %[1]s is published (new id and slug, "+
				"followers and statistics not carried over) and this one deleted.", subject.noun, orgLabel(me, from), userLabel(me), from))
	case from == "" && stateOwner.ValueString() != me.ID:
		diags.AddAttributeError(path.Root("organization"), "Cannot move the "+subject.noun+" to an organization",
			fmt.Sprintf("The %s belongs to the user %s, not to the API key's user (%s): only its owner may request its transfer. "+
				"Use that user's API key, or replace it with `terraform apply -replace=<address>`.", subject.noun, stateOwner.ValueString(), userLabel(me)))
	case to != "" && !administers(me, to):
		diags.AddAttributeError(path.Root("organization"), "Cannot accept the transfer to this organization",
			fmt.Sprintf("Changing organization moves the %[1]s with a data.gouv.fr transfer, which an administrator of the new "+
				"organization (%[2]s) must accept, and the API key's user (%[3]s) is not one. Either request the transfer on "+
				"data.gouv.fr (the %[1]s's page) and ask an administrator of the new organization to accept it, then plan again (the plan is then "+
				"empty); or use an API key of an administrator of both organizations; or replace it with "+
				"`terraform apply -replace=<address>`: a new %[1]s is published (new id and slug, followers and statistics "+
				"not carried over) and this one deleted.", subject.noun, orgLabel(me, to), userLabel(me)))
	}
}

// administers tells whether the user is an administrator of the
// organization: udata gives its members' /me/ entries an "edit" permission
// only for administrators.
func administers(me *client.Me, orgID string) bool {
	for _, o := range me.Organizations {
		if o.ID == orgID {
			return o.Permissions["edit"]
		}
	}
	return false
}

// orgLabel names an organization the user belongs to as the portal shows
// it, "Name" (id); others by id.
func orgLabel(me *client.Me, orgID string) string {
	for _, o := range me.Organizations {
		if o.ID == orgID {
			return fmt.Sprintf("%q (%s)", o.Name, o.ID)
		}
	}
	return orgID
}

// applyOrganizationChange moves the object to the planned organization
// when it changed, before any other write: the write's contact points (and
// a dataset's organization field) are checked against the owner it has
// then. It returns false, with the error, when the move failed; nothing
// else was written then.
func applyOrganizationChange(ctx context.Context, data *providerData, subject transferSubject, id string, before, after types.String,
	diags *diag.Diagnostics) bool {
	if after.IsUnknown() || after.ValueString() == before.ValueString() {
		return true
	}
	to := after.ValueString()
	if err := transferOwnership(ctx, data, subject, id, to); err != nil {
		addClientError(diags, "Could not move the "+subject.noun+" to its new owner", err, nil)
		return false
	}
	tflog.Info(ctx, "transferred "+subject.noun, map[string]any{"id": id, "organization": to})
	return true
}

// transferOwnership moves the object to the organization to ("" for the
// API key's user) by requesting a transfer and accepting it. An accept
// whose answer was lost may have moved it all the same: the object's
// organization, read again, tells.
func transferOwnership(ctx context.Context, data *providerData, subject transferSubject, id, to string) error {
	recipient := client.TransferRef{Class: client.TransferOrganization, ID: to}
	if to == "" {
		me, err := data.reference.Me(ctx)
		if err != nil {
			return fmt.Errorf("reading the API key's user, the transfer's recipient: %w", err)
		}
		recipient = client.TransferRef{Class: client.TransferUser, ID: me.ID}
	}
	t, err := data.client.Transfers.Request(ctx, client.TransferRequest{
		Subject:   client.TransferRef{Class: subject.class, ID: id},
		Recipient: recipient,
		Comment:   "Organization changed in the Terraform configuration (terraform-provider-datagouv).",
	})
	if err != nil {
		return fmt.Errorf("requesting the transfer of the %s to %s %s: %w", subject.noun, recipient.Class, recipient.ID, err)
	}
	_, err = data.client.Transfers.Accept(ctx, t.ID, "Accepted by the same Terraform apply.")
	if err == nil {
		return nil
	}
	// A lost answer, or a retry refused because the first accept passed:
	// the object's owner says which.
	if org, readErr := subject.organization(ctx, data.client, id); readErr == nil && (org == nil && to == "" || org != nil && org.ID == to) {
		return nil
	}
	if errors.Is(err, client.ErrForbidden) {
		return fmt.Errorf("the transfer %s was requested but the API key's user may not accept it; it waits for an administrator "+
			"of the recipient on data.gouv.fr (once accepted, the next plan reads the new organization): %w", t.ID, err)
	}
	return fmt.Errorf("the transfer %s was requested but accepting it failed; it waits on data.gouv.fr, where the recipient's "+
		"administrators may accept it, or apply again: %w", t.ID, err)
}
