# Every dataset of an organization (all pages of the listing), oldest first.
data "datagouv_datasets" "catalogue" {
  organization = "5e7a0b9f8c4d2a0012345678"
}

# The tagged datasets of a user.
data "datagouv_datasets" "air" {
  owner = "5e7a0b9f8c4d2a0012345679"
  tag   = "air-quality"
}

output "catalogue" {
  value = {
    count = length(data.datagouv_datasets.catalogue.ids)
    # Keyed by id, which never changes (a slug changes with the title).
    titles = { for d in data.datagouv_datasets.catalogue.datasets : d.id => d.title }
    drafts = [for d in data.datagouv_datasets.catalogue.datasets : d.id if d.private]
    # "<dataset id>/<resource id>", the import id of datagouv_resource.
    files = flatten([for d in data.datagouv_datasets.catalogue.datasets : [for r in d.resource_ids : "${d.id}/${r}"]])
  }
}
