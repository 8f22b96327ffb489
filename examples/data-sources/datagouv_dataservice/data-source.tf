# Read an API of the catalogue by its slug (or its id).
data "datagouv_dataservice" "sirene" {
  slug = "api-sirene"
}

output "sirene_api" {
  value = {
    id          = data.datagouv_dataservice.sirene.id # always the canonical id
    base_url    = data.datagouv_dataservice.sirene.base_api_url
    openapi     = data.datagouv_dataservice.sirene.machine_documentation_url
    access_type = data.datagouv_dataservice.sirene.access_type
    datasets    = data.datagouv_dataservice.sirene.datasets
  }
}
