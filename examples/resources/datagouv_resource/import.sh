# A resource is imported by its id alone (the provider finds its dataset)...
terraform import datagouv_resource.measurements 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f

# ...or by "<dataset_id>/<resource_id>".
terraform import datagouv_resource.measurements 5f8d3b2e9c4a1b0012345678/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f

# An imported local file has no file_path until you write it in the
# configuration; the next plan is then empty when your file has the same
# content (sha1) as the one data.gouv.fr holds, and re-uploads it otherwise.
