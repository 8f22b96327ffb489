# terraform query (Terraform 1.14 and later): an organization's contact points.
list "datagouv_contact_point" "contacts" {
  provider = datagouv

  config {
    organization = "5e7a0b9f8c4d2a0012345678"
  }
}
