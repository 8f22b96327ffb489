# A contact point of an organization: name a team rather than a person, so
# that it outlives staff changes.
resource "datagouv_contact_point" "open_data_team" {
  organization = "5e7a0b9f8c4d2a0012345678" # the organization's id
  name         = "Open data team"
  email        = "open-data@example.org"
  contact_form = "https://example.org/contact"
  role         = "contact" # see GET /api/1/contacts/roles/
}

# The publisher of the data, owned by the API key's user.
resource "datagouv_contact_point" "publisher" {
  name = "City of Lyon, data department"
  role = "publisher"
}
