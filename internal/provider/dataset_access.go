package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// A dataset's access rules (access_rules.go) and contact points. udata
// 17.6.0's dataset form differs from the dataservice's model patch:
//
//   - a non-open access clears the licence on save (Dataset.clean), so a
//     configured licence with such an access is refused at plan time;
//   - an empty list of audiences leaves the stored ones unchanged, and
//     null is refused: audiences cannot be all removed, only replaced. They
//     are kept with any access type, but mean something only for a
//     restricted one: they are read as none otherwise;
//   - an empty list of contact points leaves them unchanged, null clears
//     them (the client sends nil as null).

// datasetAccessAttributes are the dataset's access attributes and contact
// points.
func datasetAccessAttributes() map[string]schema.Attribute {
	attrs := accessRulesAttributes("dataset")
	attrs["contact_points"] = schema.ListAttribute{
		ElementType: types.StringType,
		Optional:    true,
		Computed:    true,
		Default:     listdefault.StaticValue(types.ListValueMust(types.StringType, nil)),
		Description: "Ids of the dataset's contact points (`datagouv_contact_point`) in the order the portal shows them; they must belong " +
			"to the dataset's organization (or, without one, to its owner): one that does not exist, or belongs to another owner (after a change " +
			"of `organization`, the new one), is refused at plan time. Defaults to none. Updates in place.",
		Validators: []validator.List{listvalidator.UniqueValues(), listvalidator.ValueStringsAre(objectIDValidator)},
	}
	return attrs
}

// datasetAccessFieldPaths attach udata's errors on these fields.
var datasetAccessFieldPaths = func() map[string]path.Path {
	m := map[string]path.Path{"contact_points": path.Root("contact_points")}
	maps.Copy(m, accessRulesFieldPaths)
	return m
}()

// datasetAccessInput sets the access rules and contact points of a POST or PUT.
func (m *datasetModel) datasetAccessInput(ctx context.Context, in *client.DatasetInput) diag.Diagnostics {
	var diags diag.Diagnostics
	if !m.ContactPoints.IsNull() && !m.ContactPoints.IsUnknown() && len(m.ContactPoints.Elements()) > 0 {
		diags.Append(m.ContactPoints.ElementsAs(ctx, &in.ContactPoints, false)...)
	}
	var d diag.Diagnostics
	in.AccessRules, d = m.accessRulesModel.input(ctx)
	diags.Append(d...)
	return diags
}

// datasetAccessFromAPI maps the portal's access rules and contact points
// onto m.
func datasetAccessFromAPI(ctx context.Context, ds *client.Dataset, prior *datasetModel, m *datasetModel) diag.Diagnostics {
	var diags diag.Diagnostics
	rules := ds.AccessRules
	if rules.AccessType != client.AccessRestricted {
		rules.AccessAudiences = nil // kept by udata, meaningless
	}
	var d diag.Diagnostics
	m.accessRulesModel, d = accessRulesFromAPI(ctx, rules, prior.accessRulesModel)
	diags.Append(d...)
	ids := make([]string, 0, len(ds.ContactPoints))
	for _, cp := range ds.ContactPoints {
		ids = append(ids, cp.ID)
	}
	m.ContactPoints, d = types.ListValueFrom(ctx, types.StringType, ids)
	diags.Append(d...)
	return diags
}

// checkDatasetAccessConfig refuses a licence with a non-open access:
// data.gouv.fr would store no licence, and every plan would set it again.
func checkDatasetAccessConfig(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	var license, access types.String
	diags.Append(config.GetAttribute(ctx, path.Root("license"), &license)...)
	diags.Append(config.GetAttribute(ctx, path.Root("access_type"), &access)...)
	if !isSet(license) || !isSet(access) || license.ValueString() == defaultLicense || access.ValueString() == client.AccessOpen {
		return
	}
	diags.AddAttributeError(path.Root("license"), "Licence with a non-open access",
		fmt.Sprintf("data.gouv.fr removes the licence of a dataset whose access is not open (access_type = %q): it would store no licence "+
			"instead of %q, and every plan would set it again. Leave license out (or set it to %q), or set access_type = \"open\".",
			access.ValueString(), license.ValueString(), defaultLicense))
}

// checkDatasetAudiencesRemoval refuses at plan time to leave a restricted
// dataset without audiences when the portal has some: udata keeps the
// stored ones for an empty list (even those it kept while access was not
// restricted, which read as none), so the apply could not converge.
func (r *datasetResource) checkDatasetAudiencesRemoval(ctx context.Context, plan *datasetModel, diags *diag.Diagnostics) {
	if plan.AccessType.ValueString() != client.AccessRestricted || !isSet(plan.AccessAudiences) ||
		len(plan.AccessAudiences.Elements()) > 0 || !isSet(plan.ID) {
		return
	}
	ds, err := r.data.client.Datasets.Get(ctx, plan.ID.ValueString())
	if err != nil || len(ds.AccessAudiences) == 0 {
		return // apply reports any problem
	}
	diags.AddAttributeError(path.Root("access_type"), "Cannot remove every access audience",
		fmt.Sprintf("The dataset has %d access audience(s) on data.gouv.fr, and its dataset API cannot remove all of them (an empty list "+
			"leaves them as they are), so this plan would never converge. Declare at least one audience, or keep access_type "+
			"other than \"restricted\" (audiences are ignored unless access is restricted).", len(ds.AccessAudiences)))
}
