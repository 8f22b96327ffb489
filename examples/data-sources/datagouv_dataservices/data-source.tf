# Every API of an organization (all pages of the listing), oldest first.
data "datagouv_dataservices" "apis" {
  organization = "5e7a0b9f8c4d2a0012345678"
}

output "apis" {
  value = {
    count = length(data.datagouv_dataservices.apis.ids)
    # What import blocks need: the id (datagouv_dataservice imports it),
    # and the contact points and datasets each API names.
    by_id = { for d in data.datagouv_dataservices.apis.dataservices : d.id => {
      title          = d.title
      private        = d.private
      archived       = d.archived
      datasets       = d.datasets
      contact_points = d.contact_points
    } }
  }
}
