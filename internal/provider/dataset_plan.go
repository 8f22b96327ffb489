package provider

import (
	"context"
	"strings"

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
