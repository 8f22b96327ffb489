package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

var (
	_ datasource.DataSource                     = (*datasetDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*datasetDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*datasetDataSource)(nil)
)

// NewDatasetDataSource is the constructor of the datagouv_dataset data source.
func NewDatasetDataSource() datasource.DataSource { return &datasetDataSource{} }

// datasetDataSource reads a dataset that already exists on the portal,
// typically one published by someone else, with the list of its files.
type datasetDataSource struct {
	data *providerData
}

type datasetDataSourceModel struct {
	ID               types.String               `tfsdk:"id"`
	Slug             types.String               `tfsdk:"slug"`
	Title            types.String               `tfsdk:"title"`
	Acronym          types.String               `tfsdk:"acronym"`
	Description      types.String               `tfsdk:"description"`
	DescriptionShort types.String               `tfsdk:"description_short"`
	Tags             []string                   `tfsdk:"tags"`
	License          types.String               `tfsdk:"license"`
	Frequency        types.String               `tfsdk:"frequency"`
	FrequencyDate    types.String               `tfsdk:"frequency_date"`
	TemporalCoverage *datasetDataSourceCoverage `tfsdk:"temporal_coverage"`
	Spatial          *datasetDataSourceSpatial  `tfsdk:"spatial"`
	Private          types.Bool                 `tfsdk:"private"`
	Archived         types.Bool                 `tfsdk:"archived"`
	Organization     types.String               `tfsdk:"organization"`
	Extras           types.Map                  `tfsdk:"extras"`
	ContactPoints    types.List                 `tfsdk:"contact_points"`
	accessRulesModel
	Owner        types.String                `tfsdk:"owner"`
	URI          types.String                `tfsdk:"uri"`
	Page         types.String                `tfsdk:"page"`
	CreatedAt    types.String                `tfsdk:"created_at"`
	LastModified types.String                `tfsdk:"last_modified"`
	LastUpdate   types.String                `tfsdk:"last_update"`
	Resources    []datasetDataSourceResource `tfsdk:"resources"`
	Quality      types.Object                `tfsdk:"quality"`
}

type datasetDataSourceCoverage struct {
	Start types.String `tfsdk:"start"`
	End   types.String `tfsdk:"end"`
}

type datasetDataSourceSpatial struct {
	Zones       []string      `tfsdk:"zones"`
	Granularity types.String  `tfsdk:"granularity"`
	Geometry    geometryValue `tfsdk:"geometry"` // spatial_geometry.go
}

type datasetDataSourceResource struct {
	ID           types.String               `tfsdk:"id"`
	Title        types.String               `tfsdk:"title"`
	Description  types.String               `tfsdk:"description"`
	Type         types.String               `tfsdk:"type"`
	Filetype     types.String               `tfsdk:"filetype"`
	Format       types.String               `tfsdk:"format"`
	Mime         types.String               `tfsdk:"mime"`
	URL          types.String               `tfsdk:"url"`
	Latest       types.String               `tfsdk:"latest"`
	Filesize     types.Int64                `tfsdk:"filesize"`
	Checksum     *datasetDataSourceChecksum `tfsdk:"checksum"`
	CreatedAt    types.String               `tfsdk:"created_at"`
	LastModified types.String               `tfsdk:"last_modified"`
}

type datasetDataSourceChecksum struct {
	Type  types.String `tfsdk:"type"`
	Value types.String `tfsdk:"value"`
}

func (d *datasetDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dataset"
}

func (d *datasetDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Description: desc}
	}
	resp.Schema = schema.Schema{
		Description: "Reads a dataset of data.gouv.fr by id or slug, with its metadata and the list of its resources (files and links). " +
			"Public datasets are readable without an API key; a private one only with the key of one of its editors " +
			"(its owner, a member of its organization, or a site admin). " + deletedDataSourceRule("dataset", "datagouv_dataset") +
			" The attributes a `datagouv_dataset` resource manages read the same values here as there.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "Identifier of the dataset (24 hexadecimal characters). Set exactly one of `id` and `slug`; " +
					"the other is read from the portal, and `id` is always the portal's id (a slug written in `id` is refused: write it in " +
					"`slug`). Prefer the id: it never changes.",
				Validators: []validator.String{
					validators.NotEmpty("dataset id", "leave id out and set slug, or write the id"),
					validators.ObjectID("dataset", lookUpBySlug),
				},
			},
			"slug": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "Permalink name of the dataset, the last part of its page's URL. Set exactly one of `id` and `slug`. " +
					"A slug changes when the dataset's title changes (the old one keeps redirecting to the dataset).",
				Validators: []validator.String{validators.NotEmpty("dataset slug", "leave slug out and set id, or write the slug")},
			},
			"title":             computed("Title of the dataset."),
			"acronym":           computed("Acronym of the dataset; null when it has none."),
			"description":       computed("Description of the dataset, in Markdown."),
			"description_short": computed("Short description of the dataset (at most 200 characters); null when it has none."),
			"tags": schema.SetAttribute{
				Computed:    true,
				ElementType: types.StringType,
				Description: "Tags (keywords) of the dataset, in the portal's normalized form (lower case, words joined by `-`).",
			},
			"license": computed("Identifier of the dataset's licence, one of the `id`s of the `datagouv_licenses` data source " +
				"(e.g. `lov2`, `odc-odbl`); `notspecified` when the dataset has none."),
			"frequency": computed("Update frequency of the dataset, one of the `id`s of the `datagouv_frequencies` data source " +
				"(e.g. `daily`, `monthly`); `unknown` when none is given."),
			"frequency_date": computed("Date of the next expected update (ISO 8601); null when not set."),
			"temporal_coverage": schema.SingleNestedAttribute{
				Computed:    true,
				Description: "Period of time the data covers; null when not given.",
				Attributes: map[string]schema.Attribute{
					"start": computed("First day covered (YYYY-MM-DD)."),
					"end":   computed("Last day covered (YYYY-MM-DD); null when the period is open-ended."),
				},
			},
			"spatial": schema.SingleNestedAttribute{
				Computed:    true,
				Description: "Geographic coverage of the data; null when not given.",
				Attributes: map[string]schema.Attribute{
					"zones": schema.ListAttribute{
						Computed:    true,
						ElementType: types.StringType,
						Description: "Identifiers of the geographic zones covered (the portal's geozone ids, e.g. `fr:commune:75056`).",
					},
					"granularity": computed("Finest geographic level of the data (e.g. `fr:commune`); null when not given."),
					"geometry": schema.StringAttribute{
						Computed:   true,
						CustomType: geometryType{},
						Description: "The area covered, as GeoJSON text (a `MultiPolygon`, in the portal's form: keys sorted, coordinates to " +
							"6 decimals; `jsondecode()` reads it); null when the coverage is given by zones or not at all.",
					},
				},
			},
			"extras": extrasDataSourceAttribute("dataset"),
			"contact_points": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				Description: "Ids of the dataset's contact points (`datagouv_contact_point`), in the portal's order."},
			"private": schema.BoolAttribute{
				Computed:    true,
				Description: "Whether the dataset is private: visible only to its editors. Always false when read without an API key.",
			},
			"archived": schema.BoolAttribute{
				Computed:    true,
				Description: "Whether the dataset is archived: still readable, but hidden from the portal's search.",
			},
			"organization": computed("Identifier of the organization that publishes the dataset; null when a user publishes it " +
				"(see `owner`). Usable with the `datagouv_organization` data source."),
			"owner":         computed("Identifier of the user who publishes the dataset; null when an organization publishes it."),
			"uri":           computed("URL of the dataset in the portal's API (`/api/1/datasets/{id}/`)."),
			"page":          computed("URL of the dataset's page on the portal."),
			"created_at":    computed("When the dataset was created (ISO 8601, UTC)."),
			"last_modified": computed("When the dataset's metadata or resources were last modified (ISO 8601, UTC)."),
			"last_update":   computed("When the dataset's data was last updated, as the portal computes it (ISO 8601, UTC); null when unknown."),
			"quality":       qualityDataSourceAttribute(),
			"resources": schema.ListNestedAttribute{
				Computed: true,
				Description: "Resources (files hosted by the portal, and links to remote files or APIs) of the dataset, " +
					"in the portal's order (newest first unless the publisher reordered them).",
				NestedObject: schema.NestedAttributeObject{Attributes: datasetDataSourceResourceAttributes(computed)},
			},
		},
	}
	maps.Copy(resp.Schema.Attributes, accessRulesDataSourceAttributes("dataset"))
}

func datasetDataSourceResourceAttributes(computed func(string) schema.StringAttribute) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":          computed("Identifier of the resource (a UUID)."),
		"title":       computed("Title of the resource."),
		"description": computed("Description of the resource, in Markdown; null when it has none."),
		"type": computed("Type of the resource: `main` (the data itself), `documentation`, `update`, `api`, `code` " +
			"or `other`."),
		"filetype": computed("`file` for a file hosted by the portal, `remote` for a link to somewhere else."),
		"format":   computed("Format of the file in lower case, e.g. `csv`; null when not known."),
		"mime":     computed("MIME type of the file, e.g. `text/csv`; null when not known."),
		"url": computed("URL of the file: on the portal's file storage for a hosted file (it changes when the file is " +
			"replaced), the remote address for a link."),
		"latest": computed("Stable URL of the resource (`…/api/1/datasets/r/{id}`) that always redirects to its current file: " +
			"prefer it to `url` in links."),
		"filesize": schema.Int64Attribute{
			Computed:    true,
			Description: "Size of the file in bytes; null when not known (often for remote resources).",
		},
		"checksum": schema.SingleNestedAttribute{
			Computed:    true,
			Description: "Checksum of the file as the portal records it; null when none is known.",
			Attributes: map[string]schema.Attribute{
				"type":  computed("Algorithm: `sha1` (what the portal computes for hosted files), `sha2`, `sha256`, `md5` or `crc`."),
				"value": computed("Checksum in hexadecimal."),
			},
		},
		"created_at":    computed("When the resource was created (ISO 8601, UTC)."),
		"last_modified": computed("When the resource was last modified (ISO 8601, UTC)."),
	}
}

func (d *datasetDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("slug")),
	}
}

func (d *datasetDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *datasetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg datasetDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !dataSourceConfigured(d.data, &resp.Diagnostics) {
		return
	}
	lookup, attr := cfg.ID.ValueString(), path.Root("id")
	if lookup == "" {
		lookup, attr = cfg.Slug.ValueString(), path.Root("slug")
	}

	ds, err := d.data.client.Datasets.Get(ctx, lookup)
	if err != nil {
		addDatasetReadError(&resp.Diagnostics, attr, lookup, d.data.hasAPIKey, err)
		return
	}
	if ds.Deleted != nil { // deleted_data_source.go
		addDeletedObjectError(&resp.Diagnostics, attr, "dataset", "datagouv_dataset", ds.Title, ds.ID, *ds.Deleted)
		return
	}

	state, diags := datasetDataSourceState(ctx, ds)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A configured identifier stays as written (a data source may not
	// change it, and a dataset found by an old slug would otherwise differ).
	if !cfg.ID.IsNull() {
		state.ID = cfg.ID
	}
	if !cfg.Slug.IsNull() {
		state.Slug = cfg.Slug
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// addDatasetReadError says why a dataset could not be read, in the words a
// user can act on: udata answers 404 both for unknown and for private
// datasets (to non-editors), and 410 for soft-deleted ones.
func addDatasetReadError(diags *diag.Diagnostics, attr path.Path, lookup string, hasAPIKey bool, err error) {
	switch {
	case errors.Is(err, client.ErrNotFound):
		who := "The API key's user is not one of its editors (its owner, a member of its organization, or a site admin)."
		if !hasAPIKey {
			who = "The provider has no API key, so only public datasets can be read: set api_key (or " + EnvAPIKey +
				") to the key of one of its editors to read a private dataset."
		}
		diags.AddAttributeError(attr, "Dataset not found",
			fmt.Sprintf("data.gouv.fr has no dataset %q that this provider may read: it does not exist, it has been purged, "+
				"or it is private. %s\n\n%s", lookup, who, errorDetail(err)))
	case errors.Is(err, client.ErrGone):
		addGoneObjectError(diags, attr, "dataset", lookup, err)
	default:
		addClientError(diags, "Could not read dataset", err, nil)
	}
}

// datasetDataSourceState maps the portal's dataset. The attributes the
// resource manages too come from the resource's own mapping
// (datasetFromAPI, without a prior: as an import reads them), so that both
// read the same values.
func datasetDataSourceState(ctx context.Context, ds *client.Dataset) (datasetDataSourceModel, diag.Diagnostics) {
	managed, diags := datasetFromAPI(ctx, ds, &datasetModel{})
	state := datasetDataSourceModel{
		ID:               types.StringValue(ds.ID),
		Slug:             types.StringValue(ds.Slug),
		Title:            types.StringValue(ds.Title),
		Acronym:          stringFromAPI(ds.Acronym),
		Description:      types.StringValue(ds.Description),
		DescriptionShort: stringFromAPI(ds.DescriptionShort),
		Tags:             append([]string{}, ds.Tags...),
		License:          types.StringValue(firstNonEmpty(ds.License, defaultLicense)),
		Frequency:        types.StringValue(firstNonEmpty(ds.Frequency, "unknown")),
		FrequencyDate:    stringFromAPI(ds.FrequencyDate),
		Private:          types.BoolValue(ds.Private),
		Archived:         types.BoolValue(ds.Archived != nil),
		URI:              types.StringValue(ds.URI),
		Page:             types.StringValue(ds.Page),
		CreatedAt:        types.StringValue(ds.CreatedAt),
		LastModified:     types.StringValue(ds.LastModified),
		LastUpdate:       stringFromAPI(ds.LastUpdate),
		Organization:     types.StringNull(),
		Owner:            types.StringNull(),
		Resources:        make([]datasetDataSourceResource, 0, len(ds.Resources)),
		Extras:           managed.Extras,
		ContactPoints:    managed.ContactPoints,
		accessRulesModel: managed.accessRulesModel,
		Quality:          managed.Quality,
	}
	if ds.Organization != nil {
		state.Organization = stringFromAPI(&ds.Organization.ID)
	}
	if ds.Owner != nil {
		state.Owner = stringFromAPI(&ds.Owner.ID)
	}
	if tc := ds.TemporalCoverage; tc != nil && tc.Start != "" {
		state.TemporalCoverage = &datasetDataSourceCoverage{Start: types.StringValue(tc.Start), End: stringFromAPI(tc.End)}
	}
	if sp := ds.Spatial; sp != nil && (len(sp.Zones) > 0 || sp.Granularity != nil || sp.HasGeom()) {
		state.Spatial = &datasetDataSourceSpatial{Zones: append([]string{}, sp.Zones...), Granularity: stringFromAPI(sp.Granularity),
			Geometry: geometryFromAPI(sp.Geom)}
	}
	for _, r := range ds.Resources {
		res := datasetDataSourceResource{
			ID:           types.StringValue(r.ID),
			Title:        types.StringValue(r.Title),
			Description:  stringFromAPI(r.Description),
			Type:         types.StringValue(r.Type),
			Filetype:     types.StringValue(r.Filetype),
			Format:       stringFromAPI(r.Format),
			Mime:         stringFromAPI(r.Mime),
			URL:          types.StringValue(r.URL),
			Latest:       types.StringValue(r.Latest),
			Filesize:     types.Int64PointerValue(r.Filesize),
			CreatedAt:    types.StringValue(r.CreatedAt),
			LastModified: types.StringValue(r.LastModified),
		}
		if c := r.Checksum; c != nil && c.Value != "" {
			res.Checksum = &datasetDataSourceChecksum{Type: types.StringValue(c.Type), Value: types.StringValue(c.Value)}
		}
		state.Resources = append(state.Resources, res)
	}
	return state, diags
}
