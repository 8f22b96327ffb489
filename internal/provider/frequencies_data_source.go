package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = (*frequenciesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*frequenciesDataSource)(nil)
)

// NewFrequenciesDataSource is the constructor of datagouv_frequencies.
func NewFrequenciesDataSource() datasource.DataSource { return &frequenciesDataSource{} }

// frequenciesDataSource lists the update frequencies the portal accepts,
// with the labels it displays for them.
type frequenciesDataSource struct {
	data *providerData
}

type frequenciesDataSourceModel struct {
	Frequencies []frequenciesDataSourceItem `tfsdk:"frequencies"`
}

type frequenciesDataSourceItem struct {
	ID    types.String `tfsdk:"id"`
	Label types.String `tfsdk:"label"`
}

func (d *frequenciesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_frequencies"
}

func (d *frequenciesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the update frequencies the portal currently accepts for datasets (`GET /api/1/datasets/frequencies/`). " +
			"Their `id`s are the valid values of the `frequency` argument of `datagouv_dataset`. Readable without an API key.",
		Attributes: map[string]schema.Attribute{
			"frequencies": schema.ListNestedAttribute{
				Computed:    true,
				Description: "The frequencies, in the portal's order (most frequent first; `punctual`, `irregular`, `never`, `notPlanned`, `other` and `unknown` last).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{
						Computed:    true,
						Description: "Identifier of the frequency, e.g. `daily`, `monthly`, `irregular` or `unknown` (none given).",
					},
					"label": schema.StringAttribute{
						Computed:    true,
						Description: "Name of the frequency as the portal displays it (in the portal's language, e.g. `Quotidienne`).",
					},
				}},
			},
		},
	}
}

func (d *frequenciesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *frequenciesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !dataSourceConfigured(d.data, &resp.Diagnostics) {
		return
	}
	frequencies, err := d.data.reference.Frequencies(ctx)
	if err != nil {
		addClientError(&resp.Diagnostics, "Could not read the portal's update frequencies", err, nil)
		return
	}
	state := frequenciesDataSourceModel{Frequencies: make([]frequenciesDataSourceItem, 0, len(frequencies))}
	for _, f := range frequencies {
		state.Frequencies = append(state.Frequencies, frequenciesDataSourceItem{ID: types.StringValue(f.ID), Label: types.StringValue(f.Label)})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
