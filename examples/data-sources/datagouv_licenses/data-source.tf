data "datagouv_licenses" "all" {}

# Pick a licence by the name the portal displays, rather than by its id.
locals {
  odbl = one([
    for l in data.datagouv_licenses.all.licenses : l.id
    if l.title == "Open Data Commons Open Database License (ODbL)"
  ])
}

resource "datagouv_dataset" "example" {
  title       = "Example"
  description = "A dataset published under the ODbL."
  license     = local.odbl
}

# Every licence the portal offers, id => title.
output "licenses" {
  value = { for l in data.datagouv_licenses.all.licenses : l.id => l.title }
}
