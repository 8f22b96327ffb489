package provider

// Hooks of this package for its external tests (package provider_test),
// compiled into the test binary only.

// SetListingPageSize sets the page size of the listing data sources
// (datagouv_datasets, datagouv_dataservices, datagouv_contact_points). The
// acceptance tests make it small, so that a listing reads several pages.
// Call it before any provider runs (TestMain): the providers of parallel
// tests read it.
func SetListingPageSize(n int) { listingPageSize = n }
