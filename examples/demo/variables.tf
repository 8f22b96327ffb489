variable "organization" {
  description = "Id of the organization that publishes the dataset; the API key's user must be an admin or editor of it. `make demo` passes the emulator's organization."
  type        = string
}

variable "title" {
  description = "Title of the dataset. data.gouv.fr derives the dataset's URL (slug) from it."
  type        = string
  default     = "Air quality monitoring stations, Lyon metropolitan area (Terraform demo)"
}
