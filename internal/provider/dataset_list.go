package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

var (
	_ list.ListResource              = (*datasetList)(nil)
	_ list.ListResourceWithConfigure = (*datasetList)(nil)
)

// NewDatasetList is the constructor of the datagouv_dataset list resource.
func NewDatasetList() list.ListResource { return &datasetList{listBase{typeName: "_dataset"}} }

// datasetList lists an organization's live datasets for `terraform query`
// (list_results.go).
type datasetList struct{ listBase }

type datasetListConfig struct {
	Organization types.String `tfsdk:"organization"`
	Tag          types.String `tfsdk:"tag"`
}

func (l *datasetList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists an organization's datasets, oldest first, for `terraform query` (Terraform 1.14 and later): " +
			"with `-generate-config-out`, a `datagouv_dataset` block and an `import` block (by identity) for each. " +
			"With the key of a member, private and archived datasets are listed too; deleted datasets never are " +
			"(importing one would restore it).",
		Attributes: map[string]listschema.Attribute{
			"organization": listIDFilter("datasets", "organization", true),
			"tag": listschema.StringAttribute{
				Optional:    true,
				Description: "Only the datasets with this tag (in data.gouv.fr's form, e.g. `open-data`).",
			},
		},
	}
}

func (l *datasetList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg datasetListConfig
	if !listConfig(ctx, l.data, req, stream, &cfg) {
		return
	}
	opts := client.DatasetListOptions{PageSize: listingPageSize, Sort: "created", Organization: cfg.Organization.ValueString(), Tag: cfg.Tag.ValueString()}
	all, page, err := listDatasets(ctx, l.data, opts, false)
	if err != nil {
		listClientError(stream, fmt.Sprintf("Could not list datasets (page %d)", page), err)
		return
	}
	stream.Results = streamListed(ctx, req, all, func(ds client.Dataset, r *list.ListResult) {
		listed(ctx, req, r, ds.Title, map[string]string{"id": ds.ID}, func(prior *datasetModel) (any, diag.Diagnostics) {
			m, d := datasetFromAPI(ctx, &ds, prior)
			return &m, d
		})
	})
}
