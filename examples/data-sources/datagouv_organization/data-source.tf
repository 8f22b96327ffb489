# Look an organization up by the slug in its page's URL
# (https://www.data.gouv.fr/organizations/<slug>/).
data "datagouv_organization" "publisher" {
  slug = "my-organization"
}

# Publish as the organization, and stop at plan time with a clear message
# when the API key's user cannot.
resource "datagouv_dataset" "budget" {
  title        = "Budget"
  description  = "Annual budget, line by line."
  organization = data.datagouv_organization.publisher.id

  lifecycle {
    precondition {
      condition     = data.datagouv_organization.publisher.is_member
      error_message = "The API key's user must be a member of ${data.datagouv_organization.publisher.name} to publish as it."
    }
  }
}

output "my_role" {
  value = data.datagouv_organization.publisher.role
}
