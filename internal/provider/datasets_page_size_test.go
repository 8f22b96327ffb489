package provider

// Small pages, so that the acceptance tests of datagouv_datasets read
// several of them.
func init() { datasetsPageSize = 2 }
