# A dataset is imported by its id (the 24-character id shown in the
# dataset's API URL and on its page's "Informations" tab)...
terraform import datagouv_dataset.air_quality 5f8d3b2e9c4a1b0012345678

# ...or by its slug, the last part of its page's URL.
terraform import datagouv_dataset.air_quality air-quality-measurements-lyon-metropolitan-area
