package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listresourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

var (
	_ list.ListResource                     = (*resourceList)(nil)
	_ list.ListResourceWithConfigure        = (*resourceList)(nil)
	_ list.ListResourceWithConfigValidators = (*resourceList)(nil)
)

// NewResourceList is the constructor of the datagouv_resource list resource.
func NewResourceList() list.ListResource { return &resourceList{listBase{typeName: "_resource"}} }

// resourceList lists the files and links of an organization's live
// datasets, or of one dataset, for `terraform query` (list_results.go).
type resourceList struct{ listBase }

type resourceListConfig struct {
	Organization types.String `tfsdk:"organization"`
	DatasetID    types.String `tfsdk:"dataset_id"`
}

// listedFile is a file and the dataset it belongs to.
type listedFile struct {
	dataset *client.Dataset
	file    *client.Resource
}

func (l *resourceList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists the resources (uploaded files and links) of an organization's datasets, or of one dataset, in each dataset's " +
			"order, datasets oldest first, for `terraform query` (Terraform 1.14 and later). Exactly one of `organization` and " +
			"`dataset_id`. The files of a deleted dataset are never listed. A block generated for an uploaded file needs " +
			"its `file_path` step before it plans (see the guide \"Bring an existing organization under Terraform\"). " +
			"Terraform lists 100 results unless the block sets `limit`.",
		Attributes: map[string]listschema.Attribute{
			"organization": listIDFilter("files of the datasets", "organization", false),
			"dataset_id":   listIDFilter("files", "dataset", false),
		},
	}
}

func (l *resourceList) ListResourceConfigValidators(context.Context) []list.ConfigValidator {
	return []list.ConfigValidator{listresourcevalidator.ExactlyOneOf(path.MatchRoot("organization"), path.MatchRoot("dataset_id"))}
}

func (l *resourceList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg resourceListConfig
	if !listConfig(ctx, l.data, req, stream, &cfg) {
		return
	}
	var datasets []client.Dataset
	if id := cfg.DatasetID.ValueString(); id != "" {
		ds, err := l.data.client.Datasets.Get(ctx, id)
		switch {
		case errors.Is(err, client.ErrGone):
			// Deleted, and this key may not read it: nothing to list.
		case err != nil:
			listClientError(stream, "Could not read dataset "+id, err)
			return
		case ds.Deleted == nil:
			datasets = append(datasets, *ds)
		}
	} else {
		opts := client.DatasetListOptions{PageSize: listingPageSize, Sort: "created", Organization: cfg.Organization.ValueString()}
		all, page, err := listDatasets(ctx, l.data, opts, false)
		if err != nil {
			listClientError(stream, fmt.Sprintf("Could not list datasets (page %d)", page), err)
			return
		}
		datasets = all
	}
	var files []listedFile
	for i := range datasets {
		for j := range datasets[i].Resources {
			files = append(files, listedFile{dataset: &datasets[i], file: &datasets[i].Resources[j]})
		}
	}
	stream.Results = streamListed(ctx, req, files, func(f listedFile, r *list.ListResult) {
		name := fmt.Sprintf("%s (%s)", f.file.Title, f.dataset.Title)
		listed(ctx, req, r, name, map[string]string{"dataset_id": f.dataset.ID, "id": f.file.ID}, func(m *resourceModel) (any, diag.Diagnostics) {
			return m, m.fromAPI(f.file, f.dataset.ID, readOptions{importing: true})
		})
	})
}
