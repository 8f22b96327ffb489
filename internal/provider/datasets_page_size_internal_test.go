package provider

// Small pages, so that the acceptance tests of the listing data sources
// read several of them.
func init() { listingPageSize = 2 }
