package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

var (
	_ datasource.DataSource                     = (*organizationDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*organizationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*organizationDataSource)(nil)
)

// NewOrganizationDataSource is the constructor of datagouv_organization.
func NewOrganizationDataSource() datasource.DataSource { return &organizationDataSource{} }

// organizationDataSource reads an organization and tells whether the API
// key's user belongs to it, so that a configuration can pick the
// organization to publish into and fail early when it cannot.
type organizationDataSource struct {
	data *providerData
}

type organizationDataSourceModel struct {
	ID       types.String `tfsdk:"id"`
	Slug     types.String `tfsdk:"slug"`
	Name     types.String `tfsdk:"name"`
	Acronym  types.String `tfsdk:"acronym"`
	Page     types.String `tfsdk:"page"`
	URI      types.String `tfsdk:"uri"`
	IsMember types.Bool   `tfsdk:"is_member"`
	Role     types.String `tfsdk:"role"`
}

func (d *organizationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization"
}

func (d *organizationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Reads an organization of data.gouv.fr by id or slug, and whether the API key's user is a member of it " +
			"(members may publish datasets as the organization). Readable without an API key; `is_member` is then false.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "Identifier of the organization (24 hexadecimal characters), as used by the `organization` argument of " +
					"`datagouv_dataset`. Set exactly one of `id` and `slug`; the other is read from the portal, and `id` is always the portal's " +
					"id (a slug written in `id` is refused: write it in `slug`).",
				Validators: []validator.String{
					validators.NotEmpty("organization id", "leave id out and set slug, or write the id"),
					validators.ObjectID("organization", lookUpBySlug),
				},
			},
			"slug": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "Permalink name of the organization, the last part of its page's URL (e.g. `etalab` for " +
					"`https://www.data.gouv.fr/organizations/etalab/`). Set exactly one of `id` and `slug`; the other is read from the portal.",
				Validators: []validator.String{validators.NotEmpty("organization slug", "leave slug out and set id, or write the slug")},
			},
			"name": schema.StringAttribute{
				Computed:    true,
				Description: "Name of the organization, as displayed on the portal.",
			},
			"acronym": schema.StringAttribute{
				Computed:    true,
				Description: "Acronym of the organization; null when it has none.",
			},
			"page": schema.StringAttribute{
				Computed:    true,
				Description: "URL of the organization's page on the portal.",
			},
			"uri": schema.StringAttribute{
				Computed:    true,
				Description: "URL of the organization in the portal's API (`/api/1/organizations/{id}/`).",
			},
			"is_member": schema.BoolAttribute{
				Computed: true,
				Description: "Whether the API key's user is a member of the organization (any role), and so may publish datasets as it. " +
					"Always false when the provider has no API key. Site admins may publish into any organization even when this is false.",
			},
			"role": schema.StringAttribute{
				Computed: true,
				Description: "Role of the API key's user in the organization: `admin` (manages members and every dataset), `editor` " +
					"(manages the organization's datasets) or `partial_editor` (manages only the objects assigned to them). " +
					"Null when `is_member` is false, or when the portal lists the user among the organization's members without a role.",
			},
		},
	}
}

func (d *organizationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("slug")),
	}
}

func (d *organizationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *organizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg organizationDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !dataSourceConfigured(d.data, &resp.Diagnostics) {
		return
	}
	lookup, attr := cfg.ID.ValueString(), path.Root("id")
	if lookup == "" {
		lookup, attr = cfg.Slug.ValueString(), path.Root("slug")
	}

	org, err := d.data.client.Reference.Organization(ctx, lookup)
	switch {
	case errors.Is(err, client.ErrNotFound):
		resp.Diagnostics.AddAttributeError(attr, "Organization not found",
			fmt.Sprintf("data.gouv.fr has no organization %q. An organization's slug is the last part of its page's URL "+
				"(…/organizations/<slug>/); its id has 24 hexadecimal characters.\n\n%s", lookup, errorDetail(err)))
		return
	case errors.Is(err, client.ErrGone):
		resp.Diagnostics.AddAttributeError(attr, "Organization deleted",
			fmt.Sprintf("The organization %q has been deleted on data.gouv.fr.\n\n%s", lookup, errorDetail(err)))
		return
	case err != nil:
		addClientError(&resp.Diagnostics, "Could not read organization", err, nil)
		return
	}
	if org.Deleted != nil {
		// Its members still read it (udata answers 200 with `deleted`), but
		// nothing can be published into it any more.
		resp.Diagnostics.AddAttributeError(attr, "Organization deleted",
			fmt.Sprintf("The organization %q (%s) was deleted on data.gouv.fr on %s.", org.Name, org.ID, *org.Deleted))
		return
	}

	member, role := false, ""
	if d.data.hasAPIKey {
		me, err := d.data.reference.Me(ctx)
		if err != nil {
			addClientError(&resp.Diagnostics, "Could not read the API key's user", err, nil)
			return
		}
		member, role = membership(me, org)
	}

	state := organizationDataSourceModel{
		ID:       types.StringValue(org.ID),
		Slug:     types.StringValue(org.Slug),
		Name:     types.StringValue(org.Name),
		Acronym:  stringFromAPI(org.Acronym),
		Page:     types.StringValue(org.Page),
		URI:      types.StringValue(org.URI),
		IsMember: types.BoolValue(member),
		Role:     stringFromAPI(&role),
	}
	// A configured value stays as written (a data source may not change
	// it); only the other identifier is filled in.
	if !cfg.ID.IsNull() {
		state.ID = cfg.ID
	}
	if !cfg.Slug.IsNull() {
		state.Slug = cfg.Slug
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
