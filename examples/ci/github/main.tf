# The catalogue's configuration, as the GitHub Actions workflow next to it
# plans and applies it. The state lives in an S3-compatible bucket (any
# provider's object storage); the workflow passes the bucket's coordinates
# with -backend-config=backend.hcl and its credentials from the CI's secrets.
terraform {
  required_version = ">= 1.5.7"
  required_providers {
    datagouv = {
      source  = "datagouv-community/datagouv"
      version = "~> 0.1"
    }
  }
  backend "s3" {}
}

# The API key comes from DATAGOUV_API_KEY (a secret of the CI), never from
# a file of the repository.
provider "datagouv" {}

variable "organization" {
  description = "Id of the organization publishing the catalogue."
  type        = string
}

resource "datagouv_dataset" "budget" {
  title        = "Budget primitif"
  description  = "Le budget primitif voté chaque année, publié depuis la CI."
  organization = var.organization
  license      = "lov2"
  frequency    = "annual"
}

resource "datagouv_resource" "budget_2026" {
  dataset_id = datagouv_dataset.budget.id
  title      = "Budget 2026"
  file_path  = "${path.module}/data/budget-2026.csv"
}
