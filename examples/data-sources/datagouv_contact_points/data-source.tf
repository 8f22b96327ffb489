# Every contact point of an organization, oldest first.
data "datagouv_contact_points" "org" {
  organization = "5e7a0b9f8c4d2a0012345678"
}

output "contact_points" {
  # id => name, e.g. to write import blocks for datagouv_contact_point.
  value = { for c in data.datagouv_contact_points.org.contact_points : c.id => c.name }
}
