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
	_ datasource.DataSource              = (*dataservicesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*dataservicesDataSource)(nil)
)

// NewDataservicesDataSource is the constructor of the datagouv_dataservices
// data source.
func NewDataservicesDataSource() datasource.DataSource { return &dataservicesDataSource{} }

// dataservicesDataSource lists dataservices of the portal, every page, e.g.
// an organization's APIs to adopt with import blocks.
type dataservicesDataSource struct{ data *providerData }

type dataservicesDataSourceModel struct {
	Organization types.String                 `tfsdk:"organization"`
	Owner        types.String                 `tfsdk:"owner"`
	Tag          types.String                 `tfsdk:"tag"`
	IDs          []string                     `tfsdk:"ids"`
	Dataservices []dataservicesDataSourceItem `tfsdk:"dataservices"`
}

type dataservicesDataSourceItem struct {
	ID            types.String `tfsdk:"id"`
	Slug          types.String `tfsdk:"slug"`
	Title         types.String `tfsdk:"title"`
	Private       types.Bool   `tfsdk:"private"`
	Archived      types.Bool   `tfsdk:"archived"`
	Datasets      []string     `tfsdk:"datasets"`
	ContactPoints []string     `tfsdk:"contact_points"`
}

func (d *dataservicesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataservices"
}

func (d *dataservicesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dataservicesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Description: desc}
	}
	ids := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, Description: desc}
	}
	resp.Schema = schema.Schema{
		Description: "Lists the dataservices (APIs) of data.gouv.fr matching the filters, every page of the listing, oldest first: e.g. all " +
			"the APIs of an organization, to bring them under Terraform with `import` blocks (see the guide \"Bring an existing " +
			"organization under Terraform\"). Without an API key only public, unarchived dataservices are listed; with the key of a member, " +
			"the organization's private and archived ones too. Deleted dataservices are never listed (data.gouv.fr lists them to their " +
			"editors; this data source leaves them out).",
		Attributes: map[string]schema.Attribute{
			"organization": listingIDFilter("dataservices", "organization"),
			"owner":        listingIDFilter("dataservices", "user"),
			"tag": schema.StringAttribute{
				Optional:    true,
				Description: "Only the dataservices with this tag (in data.gouv.fr's form, e.g. `open-data`).",
			},
			"ids": ids("Ids of the dataservices listed, in the order of `dataservices`."),
			"dataservices": schema.ListNestedAttribute{
				Computed:    true,
				Description: "The dataservices listed, oldest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":       str("The dataservice's id: the id `datagouv_dataservice` imports."),
					"slug":     str("The dataservice's current slug (it changes with its title)."),
					"title":    str("The dataservice's title."),
					"private":  schema.BoolAttribute{Computed: true, Description: "Whether the dataservice is private (visible to its editors only)."},
					"archived": schema.BoolAttribute{Computed: true, Description: "Whether the dataservice is archived."},
					"datasets": ids("Ids of the datasets the dataservice serves that this API key may see (as the resource's `datasets`)."),
					"contact_points": ids("Ids of the dataservice's contact points, in the portal's order (as the resource's " +
						"`contact_points`; each is a `datagouv_contact_point` to import)."),
				}},
			},
		},
	}
}

func (d *dataservicesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m dataservicesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := client.DataserviceListOptions{PageSize: listingPageSize, Sort: "created",
		Organization: m.Organization.ValueString(), Owner: m.Owner.ValueString(), Tag: m.Tag.ValueString()}
	all, page, err := listDataservices(ctx, d.data, opts)
	if err != nil {
		addClientError(&resp.Diagnostics, fmt.Sprintf("Could not list dataservices (page %d)", page), err, nil)
		return
	}
	m.IDs, m.Dataservices = []string{}, []dataservicesDataSourceItem{}
	for i := range all {
		ds := &all[i]
		datasets, err := servedDatasetIDs(ctx, d.data, ds)
		if err != nil {
			addClientError(&resp.Diagnostics, "Could not list the datasets of dataservice "+ds.ID, err, nil)
			return
		}
		item := dataservicesDataSourceItem{ID: types.StringValue(ds.ID), Slug: types.StringValue(ds.Slug), Title: types.StringValue(ds.Title),
			Private: types.BoolValue(ds.Private), Archived: types.BoolValue(ds.ArchivedAt != nil), Datasets: datasets, ContactPoints: []string{}}
		for _, cp := range ds.ContactPoints {
			item.ContactPoints = append(item.ContactPoints, cp.ID)
		}
		m.IDs = append(m.IDs, ds.ID)
		m.Dataservices = append(m.Dataservices, item)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
