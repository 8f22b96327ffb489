package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ModifyPlan keeps the extras an import adopted out of an update
// (extras_adoption.go), plans the date a write moves, and checks at plan
// time what would otherwise fail or be silently altered at apply: a write without an API key or with a refused key, an
// organization the key's user does not belong to, a licence the portal does
// not know (400), access rules the portal refuses or drops, and datasets
// or contact points it does not have (referenced_objects.go).
func (r *dataserviceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return // provider not configured yet (validation)
	}
	destroy, create := req.Plan.Raw.IsNull(), req.State.Raw.IsNull()
	if !destroy && !create {
		planImportedExtras(ctx, req, resp)
		// Every PATCH moves last_modified.
		if !plannedWrite(ctx, &resp.Plan, req.State, &resp.Diagnostics, "last_modified") {
			return // nothing will be written
		}
	}
	if !checkWriteAccess(ctx, r.data, destroy, create, "a dataservice", &resp.Diagnostics) {
		return
	}
	if destroy {
		return
	}

	var plan dataserviceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The organization is sent on create only: a change is a transfer
	// (organization_transfer.go).
	if create && !plan.Organization.IsNull() && !plan.Organization.IsUnknown() {
		checkOrganizationMembership(ctx, r.data, plan.Organization.ValueString(), path.Root("organization"), &resp.Diagnostics)
	}
	if !create {
		planOrganizationChange(ctx, r.data, dataserviceTransfer, req.State, &resp.Plan, &resp.Diagnostics)
	}
	if plan.License.ValueString() != "" {
		checkLicense(ctx, r.data, plan.License, &resp.Diagnostics)
	}
	checkAccessRules(ctx, r.data, plan.accessRulesModel, &resp.Diagnostics)
	// Any contact point and any dataset will do, as long as it exists.
	checkServedDatasets(ctx, r.data, plan.Datasets, &resp.Diagnostics)
	checkContactPoints(ctx, r.data, plan.ContactPoints, nil, &resp.Diagnostics)
}
