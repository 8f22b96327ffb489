# terraform query (Terraform 1.14 and later): an organization's live datasets.
# `terraform query -generate-config-out=generated.tf` writes a resource block
# and an import block for each.
list "datagouv_dataset" "catalogue" {
  provider = datagouv
  limit    = 1000 # Terraform lists 100 results unless told

  config {
    organization = "5e7a0b9f8c4d2a0012345678" # the organization's id
    tag          = "transport"                # optional: only the datasets with this tag
  }
}
