package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"

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
		Description: "Reads a dataservice (an API of the catalogue) of data.gouv.fr by id or slug, with the attributes of the " +
			"`datagouv_dataservice` resource. Public dataservices are readable without an API key; a private one only with the key of one " +
			"of its editors. " + deletedDataSourceRule("dataservice", "datagouv_dataservice"),
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
			"extras":                      extrasDataSourceAttribute("dataservice"),
			"datasets":                    strings("Ids of the datasets the API serves that this API key may see."),
			"contact_points": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				Description: "Ids of the API's contact points, in the portal's order."},
			"organization":  str("Id of the organization publishing the API; null when a user owns it."),
			"archived":      schema.BoolAttribute{Computed: true, Description: "Whether the API is archived."},
			"uri":           str("URL of the dataservice in the API."),
			"page":          str("URL of the dataservice's web page; null on a udata without a web front end."),
			"owner":         str("Id of the user owning the API; null when an organization publishes it."),
			"created_at":    str("Creation date and time (RFC 3339, UTC)."),
			"last_modified": str("Date and time of the last change of its metadata (RFC 3339, UTC)."),
			"deleted": str("Always null: a deleted dataservice is an error (the attribute is the resource's, where it tells a " +
				"dataservice to restore)."),
		},
	}
	maps.Copy(resp.Schema.Attributes, accessRulesDataSourceAttributes("API"))
}

func (d *dataserviceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg dataserviceFields
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key, attr := cfg.ID.ValueString(), path.Root("id")
	if key == "" {
		key, attr = cfg.Slug.ValueString(), path.Root("slug")
	}
	ds, ids, err := readDataservice(ctx, d.data, key)
	switch {
	case errors.Is(err, client.ErrNotFound):
		resp.Diagnostics.AddAttributeError(attr, "Dataservice not found",
			fmt.Sprintf("data.gouv.fr has no dataservice %q that this API key may read (it may be private to its editors, or purged).", key))
		return
	case errors.Is(err, client.ErrGone): // deleted_data_source.go
		addGoneObjectError(&resp.Diagnostics, attr, "dataservice", key, err)
		return
	case err != nil:
		addClientError(&resp.Diagnostics, "Could not read dataservice", err, nil)
		return
	case ds.DeletedAt != nil:
		addDeletedObjectError(&resp.Diagnostics, attr, "dataservice", "datagouv_dataservice", ds.Title, ds.ID, *ds.DeletedAt)
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
