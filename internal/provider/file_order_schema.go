package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// Schema of datagouv_resource_order.

func (r *resourceOrderResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The order in which a dataset shows the files listed here, on its page and in the API. " +
			"Files of the dataset that are not listed (added in the web interface, by another tool) keep their places: " +
			"the listed files are put in order among the places they hold. Destroying it leaves the order as it is. Once its " +
			"dataset is purged (deleted, then removed for good by the portal), it leaves the state with the dataset. " +
			"Its identity (Terraform and OpenTofu 1.12 or later) is its `dataset_id`: an `import` block may give `identity = { dataset_id = \"<dataset id>\" }` instead of `id`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   "The dataset's id.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"dataset_id": schema.StringAttribute{
				Required:      true,
				Description:   "Id of the dataset whose files are ordered. Changing it replaces this resource.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{validators.ObjectID("dataset_id", func(string) string {
					return "Use the dataset's id attribute, e.g. dataset_id = datagouv_dataset.<name>.id."
				})},
			},
			"resource_ids": schema.ListAttribute{
				ElementType: types.StringType,
				Required:    true,
				Description: "Ids of files of the dataset, in the order to show them (e.g. `[datagouv_resource.latest.id, datagouv_resource.archive.id]`). " +
					"Each once. A file deleted from the dataset is an error at apply, naming it. Updates in place.",
				Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues()},
			},
		},
	}
}
