resource "datagouv_dataset" "budget" {
  title       = "Budget primitif"
  description = "Le budget primitif voté chaque année."
}

resource "datagouv_resource" "current" {
  dataset_id = datagouv_dataset.budget.id
  title      = "Budget 2026"
  url        = "https://data.example.org/budget-2026.csv"
}

resource "datagouv_resource" "previous" {
  dataset_id = datagouv_dataset.budget.id
  title      = "Budget 2025"
  url        = "https://data.example.org/budget-2025.csv"
}

# The current year first, whatever the order the files were created in.
# Files not listed here keep their places.
resource "datagouv_resource_order" "budget" {
  dataset_id   = datagouv_dataset.budget.id
  resource_ids = [datagouv_resource.current.id, datagouv_resource.previous.id]
}
