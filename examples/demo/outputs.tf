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
