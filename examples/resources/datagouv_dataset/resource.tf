# A dataset published by an organization you are a member of.
resource "datagouv_dataset" "air_quality" {
  organization      = "5e7a0b9f8c4d2a0012345678" # the organization's id, see its page or the datagouv_organization data source
  title             = "Air quality measurements, Lyon metropolitan area"
  description       = <<-EOT
    Hourly concentrations of NO2, PM10 and PM2.5 measured by the stations of
    the Lyon metropolitan area.

    Values are validated by the network operator before publication.
  EOT
  description_short = "Hourly NO2, PM10 and PM2.5 concentrations in Lyon."
  acronym           = "AQ-LYON"

  # Tags are written in the form data.gouv.fr stores them: lower case,
  # no accents, words separated by "-".
  tags = ["air-quality", "environment", "lyon"]

  license   = "lov2"    # see the datagouv_licenses data source
  frequency = "monthly" # see the datagouv_frequencies data source

  temporal_coverage = {
    start = "2020-01-01"
    end   = "2024-12-31"
  }

  extras = {
    "producer:contact" = "open-data@example.org"
  }
}

# A private draft, owned by the user of the API key, visible only to its editors.
resource "datagouv_dataset" "draft" {
  title       = "Bicycle counters (draft)"
  description = "Daily counts of the city's bicycle counters. Not published yet."
  private     = true
}

# A dataset whose access is restricted: who may ask for it, where, and why
# it is not open. data.gouv.fr keeps no licence on a dataset whose access is
# not open, so `license` is left out (a licence here is refused at plan time).
resource "datagouv_contact_point" "data_desk" {
  organization = "5e7a0b9f8c4d2a0012345678"
  name         = "Data desk"
  email        = "data-desk@example.org"
  role         = "contact"
}

resource "datagouv_dataset" "patients" {
  organization   = "5e7a0b9f8c4d2a0012345678"
  title          = "Hospital stays by diagnosis"
  description    = "Anonymised hospital stays, available to public bodies and researchers on request."
  contact_points = [datagouv_contact_point.data_desk.id]

  access_type = "restricted"
  access_audiences = [
    { role = "local_authority_and_administration", condition = "yes" },
    { role = "company_and_association", condition = "under_condition" },
    { role = "private", condition = "no" },
  ]
  authorization_request_url   = "https://example.org/request-access"
  access_type_reason_category = "confidentiality_of_personal_data" # see GET /api/1/access_type/reason_categories/
  access_type_reason          = "Health data, even anonymised, may identify patients."
}
