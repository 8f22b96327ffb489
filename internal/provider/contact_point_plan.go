package provider

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// ModifyPlan checks at plan time what data.gouv.fr would refuse: a role
// outside its list, a "contact" without any means of contact, an
// organization the key's user does not belong to, a missing or refused key.
func (r *contactPointResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return
	}
	destroy, create := req.Plan.Raw.IsNull(), req.State.Raw.IsNull()
	if !destroy && !create && req.Plan.Raw.Equal(req.State.Raw) {
		return
	}
	if !checkWriteAccess(ctx, r.data, destroy, create, "a contact point", &resp.Diagnostics) {
		return
	}
	if destroy {
		return
	}
	var plan contactPointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if create && !plan.Organization.IsNull() && !plan.Organization.IsUnknown() {
		checkOrganizationMembership(ctx, r.data, plan.Organization.ValueString(), path.Root("organization"), &resp.Diagnostics)
	}
	checkContactRole(ctx, r.data, plan.Role, &resp.Diagnostics)
	if plan.Role.ValueString() == "contact" && emptyKnown(plan.Email) && emptyKnown(plan.ContactForm) {
		resp.Diagnostics.AddAttributeError(path.Root("email"), "Contact without an e-mail or a contact form",
			"data.gouv.fr requires a contact point of role \"contact\" to have an email or a contact_form. Set one of them, or choose another role.")
	}
}

// emptyKnown tells a value known to be unset or "".
func emptyKnown(v types.String) bool { return !v.IsUnknown() && v.ValueString() == "" }

// checkContactRole refuses a role outside the portal's list (400).
func checkContactRole(ctx context.Context, data *providerData, role types.String, diags *diag.Diagnostics) {
	if role.IsNull() || role.IsUnknown() {
		return
	}
	roles, err := data.reference.ContactRoles(ctx)
	if err != nil {
		addClientError(diags, "Could not check the role against the portal's contact point roles", err, nil)
		return
	}
	ids := make([]string, 0, len(roles))
	for _, r := range roles {
		if r.ID == role.ValueString() {
			return
		}
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	diags.AddAttributeError(path.Root("role"), "Unknown contact point role",
		fmt.Sprintf("%q is not a contact point role of this portal.%s Valid roles: %s.",
			role.ValueString(), validators.DidYouMean(role.ValueString(), ids), validators.QuoteList(ids)))
}
