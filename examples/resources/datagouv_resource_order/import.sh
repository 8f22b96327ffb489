# The order of a dataset's files is imported by the dataset's id (or slug):
# every file of the dataset is then listed, in its current order.
terraform import datagouv_resource_order.budget 65f1c2d4e5a6b7c8d9e0f123
