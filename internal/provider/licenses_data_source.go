package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = (*licensesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*licensesDataSource)(nil)
)

// NewLicensesDataSource is the constructor of datagouv_licenses.
func NewLicensesDataSource() datasource.DataSource { return &licensesDataSource{} }

// licensesDataSource lists the licences the portal offers. The list is
// instance data (an administrator can add licences), which is why the
// provider reads it rather than shipping its own.
type licensesDataSource struct {
	data *providerData
}

type licensesDataSourceModel struct {
	Licenses []licensesDataSourceItem `tfsdk:"licenses"`
}

type licensesDataSourceItem struct {
	ID    types.String `tfsdk:"id"`
	Title types.String `tfsdk:"title"`
	URL   types.String `tfsdk:"url"`
}

func (d *licensesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_licenses"
}

func (d *licensesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the licences the portal currently offers for datasets (`GET /api/1/datasets/licenses/`). " +
			"Their `id`s are the valid values of the `license` argument of `datagouv_dataset`. Readable without an API key.",
		Attributes: map[string]schema.Attribute{
			"licenses": schema.ListNestedAttribute{
				Computed:    true,
				Description: "The licences, in the portal's order. `notspecified` (no licence given) is always among them.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{
						Computed:    true,
						Description: "Identifier of the licence, e.g. `lov2` (Licence Ouverte 2.0), `odc-odbl` or `cc-by`.",
					},
					"title": schema.StringAttribute{
						Computed:    true,
						Description: "Full name of the licence, as displayed on the portal.",
					},
					"url": schema.StringAttribute{
						Computed:    true,
						Description: "URL of the licence's text; null when the portal has none (e.g. for `notspecified`).",
					},
				}},
			},
		},
	}
}

func (d *licensesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *licensesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !dataSourceConfigured(d.data, &resp.Diagnostics) {
		return
	}
	// The provider's cache: the same fetch serves the licence checks of
	// every datagouv_dataset in the plan.
	licenses, err := d.data.reference.Licenses(ctx)
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not read the portal's licences", err, nil)
		return
	}
	state := licensesDataSourceModel{Licenses: make([]licensesDataSourceItem, 0, len(licenses))}
	for _, l := range licenses {
		state.Licenses = append(state.Licenses, licensesDataSourceItem{
			ID:    types.StringValue(l.ID),
			Title: types.StringValue(l.Title),
			URL:   stringFromAPI(&l.URL),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
