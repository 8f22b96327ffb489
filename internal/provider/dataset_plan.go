package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
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
// one its configuration names, if known (validation_provider_data.go).
func (r *datasetResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	checkDatasetAccessConfig(ctx, req.Config, &resp.Diagnostics)
	data := providerDataForChecks(r.data, r.validation)
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

// checkSpatial refuses a granularity or a zone the portal does not know
// (udata answers 400 "Not a valid choice" or "Unknown geoid(s)").
func checkSpatial(ctx context.Context, data *providerData, spatial types.Object, diags *diag.Diagnostics) {
	if spatial.IsNull() || spatial.IsUnknown() {
		return
	}
	var sp spatialModel
	diags.Append(spatial.As(ctx, &sp, objectAsOptions)...)
	if g := sp.Granularity; !g.IsNull() && !g.IsUnknown() && g.ValueString() != defaultGranularity && strings.TrimSpace(g.ValueString()) != "" {
		choices, err := data.reference.SpatialGranularities(ctx)
		if err != nil {
			checkFetchFailed(ctx, data, diags, "Could not check the spatial granularity against the portal's list", err)
		} else {
			ids := make([]string, 0, len(choices))
			known := false
			for _, c := range choices {
				known = known || c.ID == g.ValueString()
				ids = append(ids, c.ID)
			}
			if !known {
				at := path.Root("spatial").AtName("granularity")
				diags.AddAttributeError(at, "Unknown spatial granularity",
					fmt.Sprintf("%s: %q is not a spatial granularity of this portal.%s Valid values: %s.",
						at, g.ValueString(), validators.DidYouMean(g.ValueString(), ids), validators.QuoteList(ids)))
			}
		}
	}
	if sp.Zones.IsNull() || sp.Zones.IsUnknown() {
		return
	}
	// Each unknown zone on its element, in the set's order.
	for _, z := range sp.Zones.Elements() {
		s, ok := z.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() || strings.TrimSpace(s.ValueString()) == "" {
			continue // "" is refused by the attribute's validator
		}
		exists, err := data.reference.ZoneExists(ctx, s.ValueString())
		if err != nil {
			checkFetchFailed(ctx, data, diags, "Could not check a spatial zone against the portal", err)
			return
		}
		if !exists {
			diags.AddAttributeError(path.Root("spatial").AtName("zones").AtSetValue(s), "Unknown spatial zone",
				fmt.Sprintf("spatial.zones: this portal knows no zone %q. Zone ids are <level>:<code>, e.g. \"country:fr\", \"fr:region:11\", "+
					"\"fr:departement:75\", \"fr:commune:75056\" (see GET /api/1/spatial/zones/suggest/?q=… on the portal).", s.ValueString()))
		}
	}
}
