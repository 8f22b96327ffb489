# terraform query (Terraform 1.14 and later): the files and links of an
# organization's live datasets (or of one dataset: dataset_id instead).
list "datagouv_resource" "files" {
  provider = datagouv
  limit    = 1000 # Terraform lists 100 results unless told

  config {
    organization = "5e7a0b9f8c4d2a0012345678"
  }
}
