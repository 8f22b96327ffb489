terraform {
  required_version = ">= 1.5.0"

  required_providers {
    datagouv = {
      source  = "datagouv-community/datagouv"
      version = "~> 0.1"
    }
  }
}
