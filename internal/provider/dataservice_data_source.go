package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

var (
	_ datasource.DataSource                     = (*dataserviceDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*dataserviceDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*dataserviceDataSource)(nil)
)

// NewDataserviceDataSource is the constructor of the datagouv_dataservice
// data source.
func NewDataserviceDataSource() datasource.DataSource { return &dataserviceDataSource{} }

// dataserviceDataSource reads a dataservice that exists on the portal, by
// id or slug, with the same attributes as the resource.
type dataserviceDataSource struct{ data *providerData }

func (d *dataserviceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataservice"
}

func (d *dataserviceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dataserviceDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("slug"))}
}

func (d *dataserviceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Description: desc}
	}
	strings := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{Computed: true, ElementType: types.StringType, Description: desc}
	}
	resp.Schema = schema.Schema{
		Description: "Reads a dataservice (an API of the catalogue) of data.gouv.fr by id or slug. Public dataservices are readable " +
			"without an API key; a private or deleted one only with the key of one of its editors.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Optional: true, Computed: true,
				Description: "Identifier of the dataservice (24 hexadecimal characters). Set exactly one of `id` and `slug`; the id is " +
					"always read back from the portal.",
			},
			"slug": schema.StringAttribute{
				Optional: true, Computed: true,
				Description: "Permalink name of the dataservice. Set exactly one of `id` and `slug`; an old slug (before a title change) " +
					"still finds it, and the current one is read back.",
			},
			"title":                       str("Name of the API."),
			"acronym":                     str("Acronym of the API; null when it has none."),
			"description":                 str("Description of the API, in Markdown."),
			"base_api_url":                str("Root URL of the API; null when unknown."),
			"machine_documentation_url":   str("URL of the API's machine-readable description (OpenAPI, WMS capabilities...)."),
			"technical_documentation_url": str("URL of the API's documentation for developers."),
			"business_documentation_url":  str("URL of the documentation of what the API is for."),
			"rate_limiting":               str("The API's rate limits, in the producer's words."),
			"rate_limiting_url":           str("URL of the page describing the API's rate limits."),
			"availability":                schema.Float64Attribute{Computed: true, Description: "The API's availability, in percent."},
			"availability_url":            str("URL of the API's status page."),
			"format":                      str("Kind of API: `REST`, `WMS` or `WSL`; null when unknown."),
			"license":                     str("Id of the licence of the data the API serves; null when none."),
			"tags":                        strings("Keywords of the API."),
			"private":                     schema.BoolAttribute{Computed: true, Description: "Whether the API is visible only to its editors."},
			"extras": schema.MapAttribute{Computed: true, ElementType: types.StringType,
				Description: "Extra metadata, but the portal's own keys: a value that is not a string (number, boolean, list, object) as its JSON text."},
			"datasets": strings("Ids of the datasets the API serves that this API key may see."),
			"contact_points": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				Description: "Ids of the API's contact points, in the portal's order."},
			"access_type": str("Who may use the API: `open`, `open_with_account` or `restricted`."),
			"access_audiences": schema.SetNestedAttribute{Computed: true,
				Description: "The audiences of a restricted access, one condition per role.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"role":      str("The audience: `local_authority_and_administration`, `company_and_association` or `private`."),
					"condition": str("Whether it may be granted access: `yes`, `no` or `under_condition`."),
				}}},
			"authorization_request_url":   str("URL of the form to ask for access."),
			"access_type_reason_category": str("Why the access is not open, as a category of the portal."),
			"access_type_reason":          str("Why the access is not open, in the producer's words."),
			"organization":                str("Id of the organization publishing the API; null when a user owns it."),
			"archived":                    schema.BoolAttribute{Computed: true, Description: "Whether the API is archived."},
			"uri":                         str("URL of the dataservice in the API."),
			"page":                        str("URL of the dataservice's web page; null on a udata without a web front end."),
			"owner":                       str("Id of the user owning the API; null when an organization publishes it."),
			"created_at":                  str("Creation date and time (RFC 3339, UTC)."),
			"last_modified":               str("Date and time of the last change of its metadata (RFC 3339, UTC)."),
			"deleted":                     str("Date and time of its deletion (RFC 3339, UTC), null otherwise (only its editors read a deleted one)."),
		},
	}
}

func (d *dataserviceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg dataserviceFields
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := firstNonEmpty(cfg.ID.ValueString(), cfg.Slug.ValueString())
	ds, ids, err := readDataservice(ctx, d.data, key)
	switch {
	case errors.Is(err, client.ErrNotFound):
		resp.Diagnostics.AddError("Dataservice not found",
			fmt.Sprintf("data.gouv.fr has no dataservice %q that this API key may read (it may be private to its editors, or purged).", key))
		return
	case errors.Is(err, client.ErrGone):
		resp.Diagnostics.AddError("Dataservice deleted", fmt.Sprintf("The dataservice %q has been deleted on data.gouv.fr.", key))
		return
	case err != nil:
		addClientError(&resp.Diagnostics, "Could not read dataservice", err, nil)
		return
	}
	// No prior: every extras key but the portal's own, every listed dataset.
	m, diags := dataserviceFromAPI(ctx, ds, ids, &dataserviceFields{})
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
