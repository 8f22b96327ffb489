data "datagouv_frequencies" "all" {}

# The labels the portal displays, by frequency id.
output "frequency_labels" {
  value = { for f in data.datagouv_frequencies.all.frequencies : f.id => f.label }
}
