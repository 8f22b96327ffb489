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
	_ list.ListResource              = (*contactPointList)(nil)
	_ list.ListResourceWithConfigure = (*contactPointList)(nil)
)

// NewContactPointList is the constructor of the datagouv_contact_point list resource.
func NewContactPointList() list.ListResource {
	return &contactPointList{listBase{typeName: "_contact_point"}}
}

// contactPointList lists an organization's contact points for
// `terraform query` (list_results.go).
type contactPointList struct{ listBase }

type contactPointListConfig struct {
	Organization types.String `tfsdk:"organization"`
}

func (l *contactPointList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists an organization's contact points for `terraform query` (Terraform 1.14 and later).",
		Attributes: map[string]listschema.Attribute{
			"organization": listIDFilter("contact points", "organization", true),
		},
	}
}

func (l *contactPointList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg contactPointListConfig
	if !listConfig(ctx, l.data, req, stream, &cfg) {
		return
	}
	all, page, err := listContactPoints(ctx, l.data, cfg.Organization.ValueString())
	if err != nil {
		listClientError(stream, fmt.Sprintf("Could not list the contact points of organization %s (page %d)", cfg.Organization.ValueString(), page), err)
		return
	}
	stream.Results = streamListed(ctx, req, all, func(cp client.ContactPoint, r *list.ListResult) {
		listed(ctx, req, r, cp.Name, map[string]string{"id": cp.ID}, func(prior *contactPointModel) (any, diag.Diagnostics) {
			m := contactPointFromAPI(&cp, prior)
			return &m, nil
		})
	})
}
