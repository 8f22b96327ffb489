import {
  to = datagouv_contact_point.open_data_team
  id = "65f1c2d4e5a6b7c8d9e0f456"
}
