import {
  to = datagouv_dataset.air_quality
  id = "5f8d3b2e9c4a1b0012345678" # or the dataset's slug
}
