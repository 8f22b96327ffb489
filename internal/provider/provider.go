// Package provider implements the data.gouv.fr Terraform provider: the
// schema, the plan logic and the mapping between Terraform values and the
// API client's structs. Terraform types live in this package only.
package provider

import (
	"context"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// Environment variables read when the provider block leaves a value out.
const (
	EnvBaseURL = "DATAGOUV_BASE_URL"
	EnvAPIKey  = "DATAGOUV_API_KEY" //nolint:gosec // the variable's name, not a key
	// DefaultBaseURL is the production portal.
	DefaultBaseURL = "https://www.data.gouv.fr"
)

var (
	_ provider.Provider                  = (*DatagouvProvider)(nil)
	_ provider.ProviderWithListResources = (*DatagouvProvider)(nil)
)

// DatagouvProvider is the provider's implementation.
type DatagouvProvider struct {
	// version is the provider's release, stamped at build time ("dev" or
	// "test" otherwise); it goes into the User-Agent.
	version string
}

// providerModel is the provider block.
type providerModel struct {
	BaseURL              types.String  `tfsdk:"base_url"`
	APIKey               types.String  `tfsdk:"api_key"`
	UploadChunkThreshold types.Int64   `tfsdk:"upload_chunk_threshold"`
	UploadConcurrency    types.Int64   `tfsdk:"upload_concurrency"`
	UploadPartSize       types.Int64   `tfsdk:"upload_part_size"`
	MinimumQualityScore  types.Float64 `tfsdk:"minimum_quality_score"`
}

// New returns a constructor of the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &DatagouvProvider{version: version}
	}
}

func (p *DatagouvProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "datagouv"
	resp.Version = p.version
}

func (p *DatagouvProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages datasets and their files on data.gouv.fr, the French open-data portal (or any udata portal).",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				Optional: true,
				Description: "Root URL of the udata portal, e.g. `https://www.data.gouv.fr` (the default) or " +
					"`https://demo.data.gouv.fr` for the staging site. A value ending in `/api/1` names the same site. " +
					"`http://` is accepted only for loopback hosts (a local emulator). Falls back to the `" + EnvBaseURL + "` environment variable.",
			},
			"api_key": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				Description: "API key of the data.gouv.fr account that manages the objects (sent as the `X-API-KEY` header; " +
					"create one in your profile settings on the portal). Needed for every write and to read private or deleted datasets. " +
					"Falls back to the `" + EnvAPIKey + "` environment variable.",
			},
			"upload_chunk_threshold": uploadChunkThresholdAttribute(),
			"upload_concurrency":     uploadConcurrencyAttribute(),
			"upload_part_size":       uploadPartSizeAttribute(),
			"minimum_quality_score":  minimumQualityScoreAttribute(),
		},
	}
}

func (p *DatagouvProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for attr, v := range map[string]interface{ IsUnknown() bool }{
		"base_url": cfg.BaseURL, "api_key": cfg.APIKey, "upload_chunk_threshold": cfg.UploadChunkThreshold,
		"upload_concurrency": cfg.UploadConcurrency, "upload_part_size": cfg.UploadPartSize,
		"minimum_quality_score": cfg.MinimumQualityScore,
	} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Unknown provider configuration value",
				fmt.Sprintf("The provider cannot be configured with a %s that is only known after apply. "+
					"Set it to a literal, a variable or an environment variable, or apply its source first with -target.", attr))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	baseURL := firstNonEmpty(cfg.BaseURL.ValueString(), os.Getenv(EnvBaseURL), DefaultBaseURL)
	apiKey := firstNonEmpty(cfg.APIKey.ValueString(), os.Getenv(EnvAPIKey))
	c, err := client.New(client.Config{
		BaseURL:   baseURL,
		APIKey:    apiKey,
		UserAgent: userAgent(p.version, req.TerraformVersion),
		// Null is 0: the client's default (upload_settings.go).
		ChunkThreshold:    cfg.UploadChunkThreshold.ValueInt64(),
		ChunkSize:         cfg.UploadPartSize.ValueInt64(),
		UploadConcurrency: int(cfg.UploadConcurrency.ValueInt64()),
		Logger:            tflogLogger{},
	})
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("base_url"), "Invalid data.gouv.fr base URL",
			fmt.Sprintf("%s. Set base_url (or %s) to the portal's root URL, e.g. %s; http:// is only allowed for a local emulator on a loopback address.",
				err, EnvBaseURL, DefaultBaseURL))
		return
	}

	data := newProviderData(c, apiKey != "")
	data.minimumQualityScore = cfg.MinimumQualityScore.ValueFloat64Pointer()
	resp.DataSourceData = data
	resp.ResourceData = data
	resp.ListResourceData = data
}

func (p *DatagouvProvider) Resources(_ context.Context) []func() resource.Resource {
	return p.withValidationData([]func() resource.Resource{
		// One constructor per resource type, in the alphabetical order of
		// the type names (datagouv_contact_point … datagouv_resource_order).
		NewContactPointResource,
		NewDataserviceResource,
		NewDatasetResource,
		NewResourceResource,
		NewResourceOrderResource,
	})
}

func (p *DatagouvProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		// One constructor per data source, in the alphabetical order of the
		// type names.
		NewContactPointsDataSource,
		NewDataserviceDataSource,
		NewDataservicesDataSource,
		NewDatasetDataSource,
		NewDatasetsDataSource,
		NewFrequenciesDataSource,
		NewLicensesDataSource,
		NewOrganizationDataSource,
	}
}

// ListResources are the types `terraform query` lists (list_results.go).
func (p *DatagouvProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		// One constructor per list resource, in alphabetical order.
		NewContactPointList,
		NewDataserviceList,
		NewDatasetList,
		NewResourceList,
	}
}

// userAgent follows the convention of HashiCorp's providers so that portal
// operators can tell which release sent a request.
func userAgent(providerVersion, terraformVersion string) string {
	if terraformVersion == "" {
		terraformVersion = "unknown"
	}
	return fmt.Sprintf("terraform-provider-datagouv/%s Terraform/%s", providerVersion, terraformVersion)
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
