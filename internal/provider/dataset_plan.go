package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Planning of datagouv_dataset: write access, the portal's checks, adopted
// extras and organization transfers.

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
		planImportedExtras(ctx, req, resp)
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
		// Publishing as an organization needs its membership, and so does
		// editing its datasets: checked here, where a write is planned, so
		// that a key without membership (an auditor's, a read-only CI job's)
		// still plans the datasets it leaves alone.
		if isSet(plan.Organization) && objectIDPattern.MatchString(plan.Organization.ValueString()) {
			checkOrganizationMembership(ctx, r.data, plan.Organization.ValueString(), path.Root("organization"), &resp.Diagnostics)
		}
		if !create {
			r.checkDatasetAudiencesRemoval(ctx, &plan, &resp.Diagnostics)
			planOrganizationChange(ctx, r.data, datasetTransfer, req.State, &resp.Plan, &resp.Diagnostics)
		}
		if owner, known := r.contactOwner(ctx, req, plan, &resp.Diagnostics); known {
			checkContactPoints(ctx, r.data, plan.ContactPoints, &owner, &resp.Diagnostics)
		}
		planQuality(ctx, r.data, req, plan, create, resp)
	}
}

// ValidateConfig checks the configuration against the portal's lists
// (portal_checks.go); the API key's memberships are checked in ModifyPlan,
// only where a write is planned. It runs with the
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
	var license types.String
	var spatial types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("license"), &license)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("spatial"), &spatial)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkLicense(ctx, data, license, &resp.Diagnostics)
	checkSpatial(ctx, data, spatial, &resp.Diagnostics)
}

// contactOwner is who must own the dataset's contact points once the plan
// is applied: its planned organization (after a transfer, the recipient),
// or without one its owner user: the API key's user for a new dataset or
// one moved out of its organization, else the user owning it now. known is
// false while the organization is unknown.
func (r *datasetResource) contactOwner(ctx context.Context, req resource.ModifyPlanRequest, plan datasetModel,
	diags *diag.Diagnostics) (owner contactOwner, known bool) {
	if plan.Organization.IsUnknown() {
		return owner, false
	}
	var before types.String
	if !req.State.Raw.IsNull() {
		diags.Append(req.State.GetAttribute(ctx, path.Root("organization"), &before)...)
	}
	to := plan.Organization.ValueString()
	moved := !req.State.Raw.IsNull() && before.ValueString() != to
	switch {
	case to != "" && moved:
		return contactOwner{organization: to, why: "the dataset's organization after the transfer this plan makes"}, true
	case to != "":
		return contactOwner{organization: to, why: "the dataset's organization"}, true
	case req.State.Raw.IsNull() || moved:
		me, err := r.data.reference.Me(ctx)
		if err != nil {
			return owner, false // apply reports any problem
		}
		return contactOwner{user: me.ID, why: "the API key's user, who will own the dataset"}, true
	}
	var stateOwner types.String
	diags.Append(req.State.GetAttribute(ctx, path.Root("owner"), &stateOwner)...)
	if !isSet(stateOwner) {
		return owner, false
	}
	return contactOwner{user: stateOwner.ValueString(), why: "who owns the dataset"}, true
}
