# A dataservice is imported by its id (24 hexadecimal characters)...
terraform import datagouv_dataservice.air_quality_api 65f1c2d4e5a6b7c8d9e0f123

# ...or by its slug, the last part of its page's URL.
terraform import datagouv_dataservice.air_quality_api air-quality-api
