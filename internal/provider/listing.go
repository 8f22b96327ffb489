package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// listingPageSize is the page size of the listing data sources
// (datagouv_datasets, datagouv_dataservices, datagouv_contact_points):
// udata's maximum is larger; 100 keeps each answer small.
var listingPageSize = 100

// everyPage reads a listing page after page (from 1) until its last: fetch
// answers a page's items and whether a next page exists. An item met
// twice is kept once, as first met (an object created meanwhile shifts the
// pages by one). On error, page is the page that failed.
func everyPage[T any](fetch func(page int) (items []T, more bool, err error), id func(T) string) (all []T, page int, err error) {
	all = []T{}
	seen := map[string]bool{}
	for page = 1; ; page++ {
		items, more, err := fetch(page)
		if err != nil {
			return nil, page, err
		}
		for _, it := range items {
			if !seen[id(it)] {
				seen[id(it)] = true
				all = append(all, it)
			}
		}
		if !more || len(items) == 0 {
			return all, page, nil
		}
	}
}

// listingIDFilter is a listing's filter by the id of the organization or
// user (what) owning the objects listed.
func listingIDFilter(objects, what string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Description: idFilterDescription(objects, what), Validators: idFilterValidators()}
}

// idFilterDescription and idFilterValidators describe and check a filter by
// an owner's id, in a data source's schema or a list resource's.
func idFilterDescription(objects, what string) string {
	return fmt.Sprintf("Only the %s of this %s (its id, 24 hexadecimal characters).", objects, what)
}

func idFilterValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(objectIDPattern, "must be an id: 24 hexadecimal characters, not a name or slug")}
}

// The listings shared by the data sources and the list resources of
// `terraform query` (*_list.go): each reads every page, oldest first.

// listDatasets lists the datasets opts selects (its Page and Deleted are
// set here). A deleted dataset is listed only with includeDeleted, which
// needs an API key (checked by the caller): udata lists its own (and its
// organizations') deleted datasets to a key's user unless asked not to, and
// refuses the filter (401) without a key, to which it never lists them.
func listDatasets(ctx context.Context, data *providerData, opts client.DatasetListOptions, includeDeleted bool) ([]client.Dataset, int, error) {
	if !includeDeleted && data.hasAPIKey {
		notDeleted := false
		opts.Deleted = &notDeleted
	}
	return everyPage(func(page int) ([]client.Dataset, bool, error) {
		opts.Page = page
		p, err := data.client.Datasets.List(ctx, opts)
		if err != nil {
			return nil, false, err
		}
		return p.Data, p.NextPage != nil, nil
	}, func(ds client.Dataset) string { return ds.ID })
}

// listDataservices lists the live dataservices opts selects (its Page is
// set here): udata lists its editors' deleted dataservices with the rest
// (its listing ORs "owned by the key's user or organizations" with
// "visible") and has no filter to leave them out, so they are left out here.
func listDataservices(ctx context.Context, data *providerData, opts client.DataserviceListOptions) ([]client.Dataservice, int, error) {
	all, page, err := everyPage(func(page int) ([]client.Dataservice, bool, error) {
		opts.Page = page
		p, err := data.client.Dataservices.List(ctx, opts)
		if err != nil {
			return nil, false, err
		}
		return p.Data, p.NextPage != nil, nil
	}, func(ds client.Dataservice) string { return ds.ID })
	live := all[:0]
	for _, ds := range all {
		if ds.DeletedAt == nil {
			live = append(live, ds)
		}
	}
	return live, page, err
}

// listContactPoints lists an organization's contact points (udata deletes
// them for good: none is ever deleted and listed).
func listContactPoints(ctx context.Context, data *providerData, organization string) ([]client.ContactPoint, int, error) {
	return everyPage(func(page int) ([]client.ContactPoint, bool, error) {
		p, err := data.client.ContactPoints.ListByOrganization(ctx, organization, page, listingPageSize)
		if err != nil {
			return nil, false, err
		}
		return p.Data, p.NextPage != nil, nil
	}, func(cp client.ContactPoint) string { return cp.ID })
}
