package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
	return schema.StringAttribute{
		Optional:    true,
		Description: fmt.Sprintf("Only the %s of this %s (its id, 24 hexadecimal characters).", objects, what),
		Validators:  []validator.String{stringvalidator.RegexMatches(objectIDPattern, "must be an id: 24 hexadecimal characters, not a name or slug")},
	}
}
