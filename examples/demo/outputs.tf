output "dataset_page" {
  description = "The dataset's page on the portal."
  value       = datagouv_dataset.stations.page
}

output "resource_permalinks" {
  description = "Stable links to each resource's current file (they survive re-uploads)."
  value = {
    documentation   = datagouv_resource.documentation.latest
    stations_csv    = datagouv_resource.stations_csv.latest
    pollutants_json = datagouv_resource.pollutants_json.latest
  }
}

# The dataset's quality as the portal computes it once the files are
# published: read after them (the dataset's own `quality` is refreshed with
# it, at the next plan). The plan showed the dataset's predicted_quality_score.
data "datagouv_dataset" "published" {
  id         = datagouv_dataset.stations.id
  depends_on = [datagouv_resource.documentation, datagouv_resource.stations_csv, datagouv_resource.pollutants_json]
}

output "quality" {
  description = "The dataset's metadata quality on the portal: its score (0 to 1, the share of data.gouv.fr's nine criteria met) and the criteria it misses."
  value = {
    score   = data.datagouv_dataset.published.quality.score
    missing = [for criterion, met in data.datagouv_dataset.published.quality : criterion if met == false]
  }
}
