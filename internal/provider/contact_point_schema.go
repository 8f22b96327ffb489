package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// contactPointTimeouts are the contact point's default time limits.
var contactPointTimeouts = operationTimeouts{Create: 2 * time.Minute, Read: 2 * time.Minute, Update: 2 * time.Minute, Delete: 2 * time.Minute}

func (r *contactPointResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A contact point on data.gouv.fr: a person, team or service to contact about datasets and dataservices " +
			"(`contact_points` of `datagouv_dataset` and of `datagouv_dataservice`). Anyone may read it, e-mail included. Destroying it " +
			"deletes it for good, and data.gouv.fr removes it from every dataset and dataservice naming it. data.gouv.fr keeps one contact point per set of fields and owner: " +
			"creating one identical to an existing contact point fails with its id, to import. " +
			"Its identity (Terraform and OpenTofu 1.12 or later) is its `id`: an `import` block may give `identity = { id = \"<contact point id>\" }` instead of `id`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   "The contact point's id on data.gouv.fr (24 hexadecimal characters). Import accepts it.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required: true,
				Description: "Name of the person, team or service (at most 255 characters, without any web address: data.gouv.fr refuses " +
					"names holding one, and reads any word, a dot and a top-level domain as one, e.g. `Paris.fr` or `Dept.Finance`; " +
					"refused at plan time). Updates in place.",
				Validators: []validator.String{validators.NotBlank(), stringvalidator.LengthAtMost(255), validators.NoURL()},
			},
			"email": schema.StringAttribute{
				Optional: true,
				Description: "E-mail address of the contact (shown publicly). With role `contact`, an email or a `contact_form` is " +
					"required. An empty string is the same as none. Updates in place.",
				Validators: []validator.String{validators.Email(), stringvalidator.LengthAtMost(255)},
			},
			"contact_form": schema.StringAttribute{
				Optional:    true,
				Description: "URL of a contact form. An empty string is the same as none. Updates in place.",
				Validators:  []validator.String{validators.PublicURL()},
			},
			"role": schema.StringAttribute{
				Required: true,
				Description: "Role of the contact, an id of the portal's roles (`GET /api/1/contacts/roles/`: `contact`, `creator`, " +
					"`publisher`, `rightsHolder`, `custodian`, `distributor`, `originator`, `principalInvestigator`, `processor`, " +
					"`resourceProvider`, `user`); an unknown one is refused at plan time with the valid ones. Updates in place.",
			},
			"organization": schema.StringAttribute{
				Optional: true,
				Description: "Id of the organization owning the contact point (24 hexadecimal characters); the API key's user must be a " +
					"member. Leave it out for a contact point of that user. Changing it replaces the contact point: data.gouv.fr refuses to move it.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.RegexMatches(objectIDPattern,
					"must be an organization id: 24 hexadecimal characters, not its name or slug")},
			},
			"owner": schema.StringAttribute{
				Computed:      true,
				Description:   "Id of the user owning the contact point; null when an organization owns it.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, contactPointTimeouts)},
	}
}
