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
