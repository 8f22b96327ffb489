# Refuse to publish poor metadata: with a minimum, a plan that creates or
# changes a dataset whose predicted quality score is lower fails before
# anything is written, naming the criteria it misses.
provider "datagouv" {
  # 7 of data.gouv.fr's 9 criteria (0.77); unset, there is no minimum.
  minimum_quality_score = 0.77
}

resource "datagouv_dataset" "stations" {
  title = "Air-quality monitoring stations"
  # Longer than 100 characters: exactly 100 does not count.
  description = <<-EOT
    Location and characteristics of the air-quality monitoring stations of the
    Lyon metropolitan area, and the pollutants each one measures.
  EOT
  license     = "odc-odbl"
  frequency   = "annual"

  temporal_coverage = {
    start = "2024-01-01"
  }
  spatial = {
    zones       = ["country:fr"]
    granularity = "country"
  }
}

# Files count towards the score (an open format, a documentation or a
# described file, all available) once they are published: a dataset's plan
# sees the files the portal has, not the datagouv_resource blocks of the same
# configuration.
resource "datagouv_resource" "stations_csv" {
  dataset_id  = datagouv_dataset.stations.id
  title       = "Stations"
  description = "One line per station: identifier, name, coordinates, pollutants measured."
  url         = "https://example.org/stations.csv"
  format      = "csv"
}

output "quality" {
  description = "The dataset's quality as the portal computed it at the last refresh, criterion by criterion, and its score."
  value       = datagouv_dataset.stations.quality
}
