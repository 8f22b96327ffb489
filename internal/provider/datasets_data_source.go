package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

var (
	_ datasource.DataSource              = (*datasetsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*datasetsDataSource)(nil)
)

// NewDatasetsDataSource is the constructor of the datagouv_datasets data source.
func NewDatasetsDataSource() datasource.DataSource { return &datasetsDataSource{} }

// datasetsDataSource lists datasets of the portal, every page, e.g. to
// adopt an organization's catalogue with import blocks.
type datasetsDataSource struct{ data *providerData }

type datasetsDataSourceModel struct {
	Organization   types.String             `tfsdk:"organization"`
	Owner          types.String             `tfsdk:"owner"`
	Tag            types.String             `tfsdk:"tag"`
	IncludeDeleted types.Bool               `tfsdk:"include_deleted"`
	IDs            []string                 `tfsdk:"ids"`
	Datasets       []datasetsDataSourceItem `tfsdk:"datasets"`
}

type datasetsDataSourceItem struct {
	ID          types.String `tfsdk:"id"`
	Slug        types.String `tfsdk:"slug"`
	Title       types.String `tfsdk:"title"`
	Private     types.Bool   `tfsdk:"private"`
	Archived    types.Bool   `tfsdk:"archived"`
	Deleted     types.Bool   `tfsdk:"deleted"`
	ResourceIDs []string     `tfsdk:"resource_ids"`
	// The portal's score (dataset_quality_attribute.go), in the listing's payload.
	QualityScore types.Float64 `tfsdk:"quality_score"`
}

func (d *datasetsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_datasets"
}

func (d *datasetsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *datasetsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Description: desc}
	}
	resp.Schema = schema.Schema{
		Description: "Lists the datasets of data.gouv.fr matching the filters, every page of the listing, oldest first: e.g. all the datasets " +
			"of an organization, to bring them under Terraform with `import` blocks (see the guide \"Bring an existing organization under " +
			"Terraform\"). Without an API key only public datasets are listed; with the key of a member, the organization's private and " +
			"archived ones too (see `private` and `archived`). Deleted datasets are not listed unless `include_deleted` is true.",
		Attributes: map[string]schema.Attribute{
			"organization": listingIDFilter("datasets", "organization"),
			"owner":        listingIDFilter("datasets", "user"),
			"tag": schema.StringAttribute{
				Optional:    true,
				Description: "Only the datasets with this tag (in data.gouv.fr's form, e.g. `open-data`).",
			},
			"include_deleted": schema.BoolAttribute{
				Optional: true,
				Description: "List the soft-deleted datasets too (`deleted` is true on them), those the API key's user may see: its own " +
					"and its organizations' (a site admin's key: all). Default false: a deleted dataset is not listed, so that a " +
					"configuration built from the list never imports, and so restores, a dataset its producer deleted. Needs an API key.",
			},
			"ids": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				Description: "Ids of the datasets listed, in the order of `datasets`.",
			},
			"datasets": schema.ListNestedAttribute{
				Computed:    true,
				Description: "The datasets listed, oldest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":       computed("The dataset's id."),
					"slug":     computed("The dataset's current slug (unique on the portal): it changes with the title, so key collections (`for_each`, names) by `id`."),
					"title":    computed("The dataset's title."),
					"private":  schema.BoolAttribute{Computed: true, Description: "Whether the dataset is private (a draft)."},
					"archived": schema.BoolAttribute{Computed: true, Description: "Whether the dataset is archived."},
					"deleted": schema.BoolAttribute{
						Computed: true, Description: "Whether the dataset is soft-deleted (listed only with `include_deleted`): importing it restores it.",
					},
					"quality_score": schema.Float64Attribute{
						Computed: true, Description: "The dataset's metadata quality score on the portal, from 0 to 1 (`quality.score` of `datagouv_dataset`).",
					},
					"resource_ids": schema.ListAttribute{
						Computed: true, ElementType: types.StringType,
						Description: "Ids of the dataset's resources (files and links), in the portal's order: the ids `datagouv_resource` imports as `<dataset id>/<resource id>`.",
					},
				}},
			},
		},
	}
}

func (d *datasetsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m datasetsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := client.DatasetListOptions{PageSize: listingPageSize, Sort: "created",
		Organization: m.Organization.ValueString(), Owner: m.Owner.ValueString(), Tag: m.Tag.ValueString()}
	if m.IncludeDeleted.ValueBool() && !requireAPIKey(d.data, &resp.Diagnostics, "list deleted datasets (include_deleted)") {
		return
	}
	all, page, err := listDatasets(ctx, d.data, opts, m.IncludeDeleted.ValueBool())
	if err != nil {
		addClientError(&resp.Diagnostics, fmt.Sprintf("Could not list datasets (page %d)", page), err, nil)
		return
	}
	m.IDs, m.Datasets = []string{}, []datasetsDataSourceItem{}
	for _, ds := range all {
		item := datasetsDataSourceItem{ID: types.StringValue(ds.ID), Slug: types.StringValue(ds.Slug), Title: types.StringValue(ds.Title),
			Private: types.BoolValue(ds.Private), Archived: types.BoolValue(ds.Archived != nil), Deleted: types.BoolValue(ds.Deleted != nil), ResourceIDs: []string{},
			QualityScore: portalScore(ds.Quality)}
		for _, r := range ds.Resources {
			item.ResourceIDs = append(item.ResourceIDs, r.ID)
		}
		m.IDs = append(m.IDs, ds.ID)
		m.Datasets = append(m.Datasets, item)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
