package provider

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// Access rules: who may use a dataservice (or a dataset), udata's
// WithAccessType. The attributes, their mapping and their plan-time checks
// live here so that every object with access rules shares them.

// Values of udata's AccessAudienceType and AccessAudienceCondition. udata
// serves no list of them (unlike the reason categories), so they are
// checked against these.
var (
	accessTypes        = []string{client.AccessOpen, client.AccessOpenWithAccount, client.AccessRestricted}
	audienceRoles      = []string{"local_authority_and_administration", "company_and_association", "private"}
	audienceConditions = []string{"yes", "no", "under_condition"}
)

type accessRulesModel struct {
	AccessType               types.String `tfsdk:"access_type"`
	AccessAudiences          types.Set    `tfsdk:"access_audiences"`
	AuthorizationRequestURL  types.String `tfsdk:"authorization_request_url"`
	AccessTypeReasonCategory types.String `tfsdk:"access_type_reason_category"`
	AccessTypeReason         types.String `tfsdk:"access_type_reason"`
}

type accessAudienceModel struct {
	Role      types.String `tfsdk:"role"`
	Condition types.String `tfsdk:"condition"`
}

var accessAudienceAttrTypes = map[string]attr.Type{"role": types.StringType, "condition": types.StringType}

// accessRulesFieldPaths attach udata's errors on access fields to their
// attributes (an audience's role and condition are reported by udata
// without their list).
var accessRulesFieldPaths = map[string]path.Path{
	"access_type":                 path.Root("access_type"),
	"access_audiences":            path.Root("access_audiences"),
	"role":                        path.Root("access_audiences"),
	"condition":                   path.Root("access_audiences"),
	"authorization_request_url":   path.Root("authorization_request_url"),
	"access_type_reason_category": path.Root("access_type_reason_category"),
	"access_type_reason":          path.Root("access_type_reason"),
}

// accessRulesAttributes are the access attributes of an object ("dataservice").
func accessRulesAttributes(object string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"access_type": schema.StringAttribute{
			Optional: true,
			Computed: true,
			Default:  stringdefault.StaticString(client.AccessOpen),
			Description: fmt.Sprintf("Who may use the %s: `open` (anyone), `open_with_account` (anyone with an account) or `restricted` "+
				"(on authorization, see `access_audiences` and `authorization_request_url`). Defaults to `open`. Updates in place.", object),
			Validators: []validator.String{stringvalidator.OneOf(accessTypes...)},
		},
		"access_audiences": schema.SetNestedAttribute{
			Optional: true,
			Computed: true,
			Default:  setdefault.StaticValue(types.SetValueMust(types.ObjectType{AttrTypes: accessAudienceAttrTypes}, nil)),
			Description: "Who may be granted a restricted access, and on which condition: one entry per role. Only with " +
				"`access_type = \"restricted\"` (data.gouv.fr drops them otherwise, which is refused at plan time). Defaults to none. Updates in place.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"role": schema.StringAttribute{
					Required: true,
					Description: "The audience: `local_authority_and_administration`, `company_and_association` or `private` " +
						"(individuals). At most one entry per role.",
					Validators: []validator.String{stringvalidator.OneOf(audienceRoles...)},
				},
				"condition": schema.StringAttribute{
					Required:    true,
					Description: "Whether the audience may be granted access: `yes`, `no` or `under_condition`.",
					Validators:  []validator.String{stringvalidator.OneOf(audienceConditions...)},
				},
			}},
		},
		"authorization_request_url": schema.StringAttribute{
			Optional: true,
			Description: fmt.Sprintf("URL of the form where users ask for access to a restricted %s. An empty string is the same as none. "+
				"Updates in place.", object),
			Validators: []validator.String{validators.PublicURL()},
		},
		"access_type_reason_category": schema.StringAttribute{
			Optional: true,
			Description: "Why the access is not open, as a category of the portal (`GET /api/1/access_type/reason_categories/`, the " +
				"INSPIRE limitations: e.g. `confidentiality_of_personal_data`, `intellectual_property_rights`); an unknown one is refused " +
				"at plan time with the valid ones. An empty string is the same as none. Updates in place.",
		},
		"access_type_reason": schema.StringAttribute{
			Optional:    true,
			Description: "Why the access is not open, in your words. An empty string is the same as none. Updates in place.",
		},
	}
}

// input is the access rules to send. Unset values are sent as udata's
// defaults: a PATCH must carry every field, and udata answers 500 for a
// null list of audiences.
func (m accessRulesModel) input(ctx context.Context) (client.AccessRules, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := client.AccessRules{
		AccessType:               firstNonEmpty(m.AccessType.ValueString(), client.AccessOpen),
		AccessAudiences:          []client.AccessAudience{},
		AuthorizationRequestURL:  optionalString(m.AuthorizationRequestURL),
		AccessTypeReasonCategory: optionalString(m.AccessTypeReasonCategory),
		AccessTypeReason:         optionalString(m.AccessTypeReason),
	}
	for _, a := range audiencesOf(ctx, m.AccessAudiences, &diags) {
		out.AccessAudiences = append(out.AccessAudiences, client.AccessAudience{Role: optionalString(a.Role), Condition: optionalString(a.Condition)})
	}
	// In a stable order, so that a request is the same for the same plan.
	sort.Slice(out.AccessAudiences, func(i, j int) bool {
		return stringFromAPI(out.AccessAudiences[i].Role).ValueString() < stringFromAPI(out.AccessAudiences[j].Role).ValueString()
	})
	return out, diags
}

func audiencesOf(ctx context.Context, set types.Set, diags *diag.Diagnostics) []accessAudienceModel {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var out []accessAudienceModel
	diags.Append(set.ElementsAs(ctx, &out, false)...)
	return out
}

// accessRulesFromAPI maps the portal's access rules; optional strings keep
// prior's "" when the portal has none.
func accessRulesFromAPI(ctx context.Context, r client.AccessRules, prior accessRulesModel) (accessRulesModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	auds := make([]accessAudienceModel, 0, len(r.AccessAudiences))
	for _, a := range r.AccessAudiences {
		auds = append(auds, accessAudienceModel{Role: stringFromAPI(a.Role), Condition: stringFromAPI(a.Condition)})
	}
	set, d := types.SetValueFrom(ctx, types.ObjectType{AttrTypes: accessAudienceAttrTypes}, auds)
	diags.Append(d...)
	return accessRulesModel{
		AccessType:               types.StringValue(firstNonEmpty(r.AccessType, client.AccessOpen)),
		AccessAudiences:          set,
		AuthorizationRequestURL:  optionalStringFromAPI(r.AuthorizationRequestURL, prior.AuthorizationRequestURL),
		AccessTypeReasonCategory: optionalStringFromAPI(r.AccessTypeReasonCategory, prior.AccessTypeReasonCategory),
		AccessTypeReason:         optionalStringFromAPI(r.AccessTypeReason, prior.AccessTypeReason),
	}, diags
}

// checkAccessRules refuses at plan time the access rules the portal would
// refuse or silently change: audiences without a restricted access (udata
// drops them, so the plan would never converge), two conditions for one
// role (400), and a reason category outside the portal's list (400).
func checkAccessRules(ctx context.Context, data *providerData, m accessRulesModel, diags *diag.Diagnostics) {
	auds := audiencesOf(ctx, m.AccessAudiences, diags)
	if len(auds) > 0 && !m.AccessType.IsUnknown() && m.AccessType.ValueString() != client.AccessRestricted {
		diags.AddAttributeError(path.Root("access_audiences"), "Access audiences without a restricted access",
			fmt.Sprintf("data.gouv.fr keeps access audiences only when access_type is \"restricted\"; with access_type = %q it drops "+
				"them, and every plan would show them again. Set access_type = \"restricted\", or remove access_audiences.", m.AccessType.ValueString()))
	}
	seen := map[string]bool{}
	for _, a := range auds {
		if a.Role.IsNull() || a.Role.IsUnknown() {
			continue
		}
		if seen[a.Role.ValueString()] {
			diags.AddAttributeError(path.Root("access_audiences"), "Two conditions for one audience",
				fmt.Sprintf("The role %q appears more than once: data.gouv.fr accepts one condition per role.", a.Role.ValueString()))
		}
		seen[a.Role.ValueString()] = true
	}
	category := m.AccessTypeReasonCategory
	if category.IsNull() || category.IsUnknown() || category.ValueString() == "" {
		return
	}
	cats, err := data.reference.ReasonCategories(ctx)
	if err != nil {
		addClientError(diags, "Could not check the access reason category against the portal's list", err, nil)
		return
	}
	ids := make([]string, 0, len(cats))
	for _, c := range cats {
		if c.Value == category.ValueString() {
			return
		}
		ids = append(ids, c.Value)
	}
	sort.Strings(ids)
	diags.AddAttributeError(path.Root("access_type_reason_category"), "Unknown access reason category",
		fmt.Sprintf("%q is not a reason category of this portal.%s Valid values: %s.",
			category.ValueString(), validators.DidYouMean(category.ValueString(), ids), validators.QuoteList(ids)))
}
