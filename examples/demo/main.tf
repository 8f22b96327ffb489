# The configuration `make demo` applies: an organization's dataset with its
# metadata, a link to a remote page and two files uploaded from ./files.
#
# Credentials come from the environment (DATAGOUV_BASE_URL, DATAGOUV_API_KEY):
# the same configuration runs against the local emulator, demo.data.gouv.fr
# or www.data.gouv.fr.
provider "datagouv" {}

resource "datagouv_dataset" "stations" {
  organization = var.organization
  title        = var.title
  description  = <<-EOT
    Location and characteristics of the air-quality monitoring stations of
    the Lyon metropolitan area, and the pollutants each one measures.

    Published with Terraform and the `datagouv` provider, as a demonstration.
  EOT

  description_short = "Air-quality monitoring stations of the Lyon area and what they measure."

  # Written as data.gouv.fr stores tags (lower case, "-" between words), so
  # the portal keeps them exactly as declared.
  tags = ["air-quality", "environment", "lyon", "terraform-demo"]

  license   = "odc-odbl"
  frequency = "annual"

  temporal_coverage = {
    start = "2024-01-01"
    end   = "2024-12-31"
  }
}

# A remote resource: data.gouv.fr links to a page hosted elsewhere.
resource "datagouv_resource" "documentation" {
  dataset_id  = datagouv_dataset.stations.id
  title       = "Description of the monitoring network"
  description = "How stations are classified (urban, traffic, industrial, rural)."
  type        = "documentation"
  url         = "https://www.example.org/air-quality/network.html"
  format      = "html"
}

# Two local files, uploaded. Changing either file and applying again uploads
# it in place (same resource id, same permalink); otherwise nothing is sent.
resource "datagouv_resource" "stations_csv" {
  dataset_id  = datagouv_dataset.stations.id
  title       = "Monitoring stations (CSV)"
  description = "One row per station: id, name, commune, INSEE code, coordinates (WGS 84), type, opening date."
  type        = "main"
  file_path   = "${path.module}/files/stations.csv"
}

resource "datagouv_resource" "pollutants_json" {
  dataset_id  = datagouv_dataset.stations.id
  title       = "Pollutants measured per station (JSON)"
  description = "Pollutants with their unit and annual limit value, and the pollutants each station measures."
  type        = "main"
  file_path   = "${path.module}/files/stations.json"
}
