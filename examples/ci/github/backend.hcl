# Where the state is kept: an S3-compatible bucket (credentials come from
# the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY secrets, not from here).
bucket = "my-organization-terraform-state"
key    = "data.gouv.fr/catalogue.tfstate"
region = "eu-west-3"
