# A contact point is imported by its id (24 hexadecimal characters), listed
# by GET /api/1/organizations/<organization>/contacts/.
terraform import datagouv_contact_point.open_data_team 65f1c2d4e5a6b7c8d9e0f456
