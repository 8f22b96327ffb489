package provider

import (
	"context"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/planmodifiers"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// dataserviceTimeouts are the dataservice's default time limits.
var dataserviceTimeouts = operationTimeouts{Create: 5 * time.Minute, Read: 5 * time.Minute, Update: 5 * time.Minute, Delete: 5 * time.Minute}

// dataserviceFormats is udata's DATASERVICE_FORMATS: the portal serves no
// list of them, so they are checked against this one.
var dataserviceFormats = []string{"REST", "WMS", "WSL"}

func (r *dataserviceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	optionalURL := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional:    true,
			Description: desc + " An empty string is the same as none. Updates in place.",
			Validators:  []validator.String{validators.PublicURL()},
		}
	}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:      true,
			Description:   "The dataservice's id on data.gouv.fr (24 hexadecimal characters). Import accepts the id or the current slug.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"title": schema.StringAttribute{
			Required:    true,
			Description: "Name of the API shown on its page. Changing it updates in place and changes `slug`, `uri` and `page`.",
			Validators:  []validator.String{validators.NotBlank()},
		},
		"acronym": schema.StringAttribute{
			Optional:    true,
			Description: "Acronym of the API (at most 128 characters); an empty string is the same as none. Updates in place.",
			Validators:  []validator.String{stringvalidator.LengthAtMost(128)},
		},
		"description": schema.StringAttribute{
			Optional:    true,
			Computed:    true,
			Default:     stringdefault.StaticString(""),
			Description: "Description of the API in Markdown. Defaults to empty. Updates in place.",
		},
		"base_api_url":                optionalURL("Root URL of the API, the one its calls start with."),
		"machine_documentation_url":   optionalURL("URL of the API's machine-readable description (OpenAPI/Swagger document, WMS GetCapabilities...)."),
		"technical_documentation_url": optionalURL("URL of the API's documentation for developers (e.g. an HTML rendering of its OpenAPI document)."),
		"business_documentation_url":  optionalURL("URL of the documentation of what the API is for, for non-developers."),
		"rate_limiting": schema.StringAttribute{
			Optional:    true,
			Description: "The API's rate limits, in your words (e.g. `50 requests per second`). An empty string is the same as none. Updates in place.",
		},
		"rate_limiting_url": optionalURL("URL of the page describing the API's rate limits."),
		"availability": schema.Float64Attribute{
			Optional:    true,
			Description: "The API's availability, in percent (e.g. `99.9`), between 0 and 100. Updates in place.",
			Validators:  []validator.Float64{float64validator.Between(0, 100)},
		},
		"availability_url": optionalURL("URL of the API's status or availability page."),
		"format": schema.StringAttribute{
			Optional:    true,
			Description: "Kind of API: `REST`, `WMS` or `WSL` (data.gouv.fr's list, in upper case). Updates in place.",
			Validators:  []validator.String{stringvalidator.OneOf(dataserviceFormats...)},
		},
		"license": schema.StringAttribute{
			Optional: true,
			Description: "Id of the licence of the data the API serves, among the portal's licences (`GET /api/1/datasets/licenses/`, " +
				"e.g. `lov2`, `odc-odbl`); an unknown id is refused at plan time with the valid ones. Leave it out (or empty) for none. Updates in place.",
		},
		"tags": schema.SetAttribute{
			ElementType: types.StringType,
			Optional:    true,
			Computed:    true,
			Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
			Description: "Keywords of the API, written as data.gouv.fr stores them: lower-case ASCII letters and digits joined by single " +
				"dashes, 3 to 96 characters (e.g. `open-data`); another form is refused at plan time with the form to write. Defaults to none. Updates in place.",
			Validators: []validator.Set{setvalidator.ValueStringsAre(validators.Tag())},
		},
		"private": schema.BoolAttribute{
			Optional:    true,
			Computed:    true,
			Default:     booldefault.StaticBool(false),
			Description: "Whether the API is a draft visible only to its owner or the members of its organization. Defaults to false. Updates in place.",
		},
		"extras": schema.MapAttribute{
			Validators:  []validator.Map{validators.ExtrasKeys()},
			ElementType: types.StringType,
			Optional:    true,
			Computed:    true,
			Default:     mapdefault.StaticValue(types.MapValueMust(types.StringType, map[string]attr.Value{})),
			Description: "Extra key/value metadata. Only the keys written here are managed: keys the portal or other tools add are kept " +
				"and never shown as changes; a key removed from this map is removed from the portal. Keys an import adopted and the " +
				"configuration never names are not managed either: no plan removes them from the portal. Updates in place." +
				extrasValuesDescription,
		},
		"datasets": schema.SetAttribute{
			ElementType: types.StringType,
			Optional:    true,
			Computed:    true,
			Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
			Description: "Ids of the datasets the API serves (e.g. `[datagouv_dataset.stations.id]`), of any owner; an id naming no dataset is refused at plan time. Defaults to none. Updates in place.",
			Validators:  []validator.Set{setvalidator.ValueStringsAre(objectIDValidator)},
		},
		"contact_points": schema.ListAttribute{
			ElementType: types.StringType,
			Optional:    true,
			Computed:    true,
			Default:     listdefault.StaticValue(types.ListValueMust(types.StringType, nil)),
			Description: "Ids of the API's contact points (`datagouv_contact_point`, of any owner), in the order the portal shows them; an id naming no contact point is refused at plan time. Defaults to none. Updates in place.",
			Validators:  []validator.List{listvalidator.UniqueValues(), listvalidator.ValueStringsAre(objectIDValidator)},
		},
		"organization": schema.StringAttribute{
			Optional: true,
			Description: "Id of the organization publishing the API (24 hexadecimal characters); the API key's user must be a member. " +
				"Leave it out to publish as that user. Changing it (or adding or removing it) moves the dataservice with a data.gouv.fr transfer, " +
				"requested and accepted in the same apply: it keeps its id, slug, followers and statistics. The API key's user must administer " +
				"both the current and the new owner (or be a site admin); otherwise the plan fails and says what to do.",
			Validators: []validator.String{stringvalidator.RegexMatches(objectIDPattern,
				"must be an organization id: 24 hexadecimal characters, not its name or slug")},
		},
		"archived": schema.BoolAttribute{
			Optional:    true,
			Computed:    true,
			Default:     booldefault.StaticBool(false),
			Description: "Whether the API is archived (still readable, hidden from listings). The portal records the date of archiving when it becomes true. Defaults to false. Updates in place.",
		},
		"slug": schema.StringAttribute{
			Computed:      true,
			Description:   "The dataservice's current slug, made from the title; it changes when the title does (the old one keeps redirecting).",
			PlanModifiers: []planmodifier.String{planmodifiers.UseStateUnlessChanged(path.Root("title"))},
		},
		"uri": schema.StringAttribute{
			Computed:      true,
			Description:   "URL of the dataservice in the API.",
			PlanModifiers: []planmodifier.String{planmodifiers.UseStateUnlessChanged(path.Root("title"))},
		},
		"page": schema.StringAttribute{
			Computed:      true,
			Description:   "URL of the dataservice's web page; null on a udata without a web front end.",
			PlanModifiers: []planmodifier.String{planmodifiers.UseStateUnlessChanged(path.Root("title"))},
		},
		"owner": schema.StringAttribute{
			Computed:      true,
			Description:   "Id of the user owning the dataservice; null when an organization publishes it.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"created_at": schema.StringAttribute{
			Computed:      true,
			Description:   "Creation date and time (RFC 3339, UTC).",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"last_modified": schema.StringAttribute{
			Computed:    true,
			Description: "Date and time of the last change of the dataservice's metadata (RFC 3339, UTC); every update changes it.",
		},
		"deleted": schema.StringAttribute{
			Computed: true,
			Description: "Date and time the dataservice was deleted out of band (RFC 3339, UTC), null otherwise. When set, the plan shows an " +
				"in-place update that restores it with the same id.",
			PlanModifiers: []planmodifier.String{planmodifiers.NullAfterApply("Planned null: apply restores a soft-deleted dataservice.")},
		},
	}
	maps.Copy(attrs, accessRulesAttributes("API"))
	resp.Schema = schema.Schema{
		Description: "A dataservice on data.gouv.fr: an API of the catalogue, with its documentation, access rules and the datasets it " +
			"serves. Destroying it deletes it the way the portal's web interface does (a soft delete, restorable until the portal purges " +
			"it). A dataservice deleted out of band is restored in place by the next apply. " +
			"Its identity (Terraform and OpenTofu 1.12 or later) is its `id`: an `import` block may give `identity = { id = \"<dataservice id>\" }` instead of `id`.",
		Attributes: attrs,
		Blocks:     map[string]schema.Block{"timeouts": timeoutsBlock(ctx, dataserviceTimeouts)},
	}
}
