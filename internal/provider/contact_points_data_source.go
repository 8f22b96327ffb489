package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = (*contactPointsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*contactPointsDataSource)(nil)
)

// NewContactPointsDataSource is the constructor of the
// datagouv_contact_points data source.
func NewContactPointsDataSource() datasource.DataSource { return &contactPointsDataSource{} }

// contactPointsDataSource lists an organization's contact points (udata's
// GET /api/1/organizations/{org}/contacts/, public), e.g. to adopt them
// with import blocks.
type contactPointsDataSource struct{ data *providerData }

type contactPointsDataSourceModel struct {
	Organization  types.String                  `tfsdk:"organization"`
	IDs           []string                      `tfsdk:"ids"`
	ContactPoints []contactPointsDataSourceItem `tfsdk:"contact_points"`
}

type contactPointsDataSourceItem struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Email       types.String `tfsdk:"email"`
	ContactForm types.String `tfsdk:"contact_form"`
	Role        types.String `tfsdk:"role"`
}

func (d *contactPointsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact_points"
}

func (d *contactPointsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *contactPointsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Description: desc}
	}
	organization := listingIDFilter("contact points", "organization")
	organization.Optional, organization.Required = false, true
	resp.Schema = schema.Schema{
		Description: "Lists the contact points of an organization of data.gouv.fr, every page, oldest first: e.g. to bring them under " +
			"Terraform with `import` blocks (see the guide \"Bring an existing organization under Terraform\"). Anyone may list them, " +
			"without an API key. A deleted contact point is deleted for good, so never listed.",
		Attributes: map[string]schema.Attribute{
			"organization": organization,
			"ids": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				Description: "Ids of the contact points listed, in the order of `contact_points`."},
			"contact_points": schema.ListNestedAttribute{
				Computed:    true,
				Description: "The contact points listed, oldest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           str("The contact point's id: the id `datagouv_contact_point` imports."),
					"name":         str("Name of the person, team or service."),
					"email":        str("E-mail address of the contact; null when none."),
					"contact_form": str("URL of a contact form; null when none."),
					"role":         str("Role of the contact point, one of the portal's roles (e.g. `contact`, `publisher`, `creator`)."),
				}},
			},
		},
	}
}

func (d *contactPointsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m contactPointsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all, page, err := listContactPoints(ctx, d.data, m.Organization.ValueString())
	if err != nil {
		addClientError(&resp.Diagnostics, fmt.Sprintf("Could not list the contact points of organization %s (page %d)",
			m.Organization.ValueString(), page), err, nil)
		return
	}
	m.IDs, m.ContactPoints = []string{}, []contactPointsDataSourceItem{}
	for _, cp := range all {
		m.IDs = append(m.IDs, cp.ID)
		m.ContactPoints = append(m.ContactPoints, contactPointsDataSourceItem{ID: types.StringValue(cp.ID), Name: types.StringValue(cp.Name),
			Email: stringFromAPI(cp.Email), ContactForm: stringFromAPI(cp.ContactForm), Role: types.StringValue(cp.Role)})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
