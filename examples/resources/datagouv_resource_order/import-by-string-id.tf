import {
  to = datagouv_resource_order.budget
  id = "65f1c2d4e5a6b7c8d9e0f123"
}
