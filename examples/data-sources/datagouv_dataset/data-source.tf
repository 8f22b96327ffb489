# Read a dataset published by someone else (public datasets need no API key).
data "datagouv_dataset" "reference" {
  id = "5de8f397634f4164071119c5"
}

# The stable download links of its CSV files.
output "csv_links" {
  value = [
    for r in data.datagouv_dataset.reference.resources : r.latest
    if r.format == "csv"
  ]
}

output "licence" {
  value = data.datagouv_dataset.reference.license
}
