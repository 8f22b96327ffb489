resource "datagouv_dataset" "air_quality" {
  title       = "Air quality measurements, Lyon metropolitan area"
  description = "Hourly concentrations of NO2, PM10 and PM2.5 measured in Lyon."
}

# A local file, uploaded to data.gouv.fr. The provider hashes it (sha1) at
# each plan and uploads it again, in place, only when its content differs
# from the file data.gouv.fr holds.
resource "datagouv_resource" "measurements" {
  dataset_id  = datagouv_dataset.air_quality.id
  title       = "Measurements 2024 (CSV)"
  description = "One row per station and hour. Columns: station, time (UTC), pollutant, value (µg/m³)."
  type        = "main"
  file_path   = "${path.module}/data/measurements-2024.csv"
}

# A remote file: data.gouv.fr links to it. Declaring its checksum and size
# tells the portal (and its users) when the file behind the URL changes.
resource "datagouv_resource" "api" {
  dataset_id  = datagouv_dataset.air_quality.id
  title       = "Real-time measurements API"
  description = "The network operator's API, updated every hour."
  type        = "api"
  url         = "https://api.example.org/air-quality/v1/"
  format      = "json"
}

resource "datagouv_resource" "methodology" {
  dataset_id = datagouv_dataset.air_quality.id
  title      = "Measurement methodology"
  type       = "documentation"
  url        = "https://www.example.org/air-quality/methodology.pdf"
  format     = "pdf"
  filesize   = 482113
  checksum = {
    type  = "sha256"
    value = "9f2c1e6f0d8a4b7c3e5d1a2b4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e"
  }
}

# The stable link to the current file, for documentation or other systems.
output "measurements_permalink" {
  value = datagouv_resource.measurements.latest
}
