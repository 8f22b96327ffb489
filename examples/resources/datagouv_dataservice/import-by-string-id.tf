import {
  to = datagouv_dataservice.air_quality_api
  id = "65f1c2d4e5a6b7c8d9e0f123" # or the dataservice's slug
}
