# The API of an organization, with its documentation, the datasets it
# serves and who to contact about it.
resource "datagouv_contact_point" "api_team" {
  organization = "5e7a0b9f8c4d2a0012345678"
  name         = "Air quality API team"
  email        = "api@example.org"
  role         = "contact"
}

resource "datagouv_dataservice" "air_quality_api" {
  organization = "5e7a0b9f8c4d2a0012345678" # the organization's id
  title        = "Air quality API"
  acronym      = "AQ-API"
  description  = <<-EOT
    Real-time and historical concentrations of NO2, PM10 and PM2.5 measured
    by the stations of the Lyon metropolitan area.
  EOT

  base_api_url                = "https://api.example.org/air-quality/v1/"
  machine_documentation_url   = "https://api.example.org/air-quality/v1/openapi.json"
  technical_documentation_url = "https://api.example.org/air-quality/docs/"
  business_documentation_url  = "https://example.org/air-quality/about"
  rate_limiting               = "50 requests per second and per IP address"
  rate_limiting_url           = "https://example.org/air-quality/limits"
  availability                = 99.9
  availability_url            = "https://status.example.org/"
  format                      = "REST" # REST, WMS or WSL
  license                     = "lov2" # see the datagouv_licenses data source
  tags                        = ["air-quality", "api", "lyon"]

  # The datasets the API serves, and its contact points.
  datasets       = [datagouv_dataset.air_quality.id]
  contact_points = [datagouv_contact_point.api_team.id]

  extras = {
    "producer:sla" = "gold"
  }
}

# An API open to some audiences only, on request.
resource "datagouv_dataservice" "registry_api" {
  organization = "5e7a0b9f8c4d2a0012345678"
  title        = "Company registry API"
  base_api_url = "https://api.example.org/registry/"
  format       = "REST"

  access_type = "restricted" # open, open_with_account or restricted
  access_audiences = [
    { role = "local_authority_and_administration", condition = "yes" },
    { role = "company_and_association", condition = "under_condition" },
    { role = "private", condition = "no" },
  ]
  authorization_request_url   = "https://example.org/registry/ask-for-access"
  access_type_reason_category = "confidentiality_of_personal_data"
  access_type_reason          = "The registry holds the names and addresses of company officers."
}

resource "datagouv_dataset" "air_quality" {
  organization = "5e7a0b9f8c4d2a0012345678"
  title        = "Air quality measurements, Lyon metropolitan area"
  description  = "Hourly concentrations of NO2, PM10 and PM2.5."
}
