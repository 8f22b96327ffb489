terraform {
  required_providers {
    datagouv = {
      source  = "datagouv-community/datagouv"
      version = "~> 0.1"
    }
  }
}

# Credentials come from the environment, so that no key is written in a file:
#   export DATAGOUV_API_KEY="udata_…"                     # your API key
#   export DATAGOUV_BASE_URL="https://demo.data.gouv.fr"   # staging; omit for production
provider "datagouv" {}

# Or explicitly, e.g. for a second portal in the same configuration.
provider "datagouv" {
  alias    = "demo"
  base_url = "https://demo.data.gouv.fr"
  api_key  = var.demo_api_key
}

variable "demo_api_key" {
  description = "API key of your account on demo.data.gouv.fr."
  type        = string
  sensitive   = true
}
