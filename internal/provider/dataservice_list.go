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
	_ list.ListResource              = (*dataserviceList)(nil)
	_ list.ListResourceWithConfigure = (*dataserviceList)(nil)
)

// NewDataserviceList is the constructor of the datagouv_dataservice list resource.
func NewDataserviceList() list.ListResource {
	return &dataserviceList{listBase{typeName: "_dataservice"}}
}

// dataserviceList lists an organization's live dataservices for
// `terraform query` (list_results.go).
type dataserviceList struct{ listBase }

type dataserviceListConfig struct {
	Organization types.String `tfsdk:"organization"`
}

func (l *dataserviceList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists an organization's dataservices (APIs), oldest first, for `terraform query` (Terraform 1.14 and later). " +
			"With the key of a member, private and archived ones are listed too; deleted ones never are.",
		Attributes: map[string]listschema.Attribute{
			"organization": listIDFilter("dataservices", "organization", true),
		},
	}
}

func (l *dataserviceList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg dataserviceListConfig
	if !listConfig(ctx, l.data, req, stream, &cfg) {
		return
	}
	opts := client.DataserviceListOptions{PageSize: listingPageSize, Sort: "created", Organization: cfg.Organization.ValueString()}
	all, page, err := listDataservices(ctx, l.data, opts)
	if err != nil {
		listClientError(stream, fmt.Sprintf("Could not list dataservices (page %d)", page), err)
		return
	}
	stream.Results = streamListed(ctx, req, all, func(d client.Dataservice, r *list.ListResult) {
		listed(ctx, req, r, d.Title, map[string]string{"id": d.ID}, func(prior *dataserviceModel) (any, diag.Diagnostics) {
			var diags diag.Diagnostics
			datasets, err := servedDatasetIDs(ctx, l.data, &d)
			if err != nil {
				addClientError(&diags, "Could not list the datasets of dataservice "+d.ID, err, nil)
				return nil, diags
			}
			fields, diags := dataserviceFromAPI(ctx, &d, datasets, &prior.dataserviceFields)
			return &dataserviceModel{dataserviceFields: fields, Timeouts: knownTimeouts(prior.Timeouts)}, diags
		})
	})
}
