package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// contactPointModel is the state and plan of a datagouv_contact_point.
type contactPointModel struct {
	ID           types.String   `tfsdk:"id"`
	Name         types.String   `tfsdk:"name"`
	Email        types.String   `tfsdk:"email"`
	ContactForm  types.String   `tfsdk:"contact_form"`
	Role         types.String   `tfsdk:"role"`
	Organization types.String   `tfsdk:"organization"`
	Owner        types.String   `tfsdk:"owner"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

var contactPointFieldPaths = map[string]path.Path{
	"name": path.Root("name"), "email": path.Root("email"), "contact_form": path.Root("contact_form"),
	"role": path.Root("role"), "organization": path.Root("organization"),
}

// input is the body of a POST or PUT: every field, "" as null (udata
// stores a blank string as null).
func (m *contactPointModel) input() *client.ContactPointInput {
	return &client.ContactPointInput{
		Name:         m.Name.ValueString(),
		Email:        optionalString(m.Email),
		ContactForm:  optionalString(m.ContactForm),
		Role:         m.Role.ValueString(),
		Organization: m.Organization.ValueString(),
	}
}

// contactPointFromAPI maps the portal's contact point; prior's "" stays ""
// where the portal has none.
func contactPointFromAPI(cp *client.ContactPoint, prior *contactPointModel) contactPointModel {
	m := contactPointModel{
		ID:           types.StringValue(cp.ID),
		Name:         types.StringValue(cp.Name),
		Email:        optionalStringFromAPI(cp.Email, prior.Email),
		ContactForm:  optionalStringFromAPI(cp.ContactForm, prior.ContactForm),
		Role:         types.StringValue(cp.Role),
		Organization: types.StringNull(),
		Owner:        types.StringNull(),
		Timeouts:     knownTimeouts(prior.Timeouts),
	}
	if cp.Organization != nil && cp.Organization.ID != "" {
		m.Organization = types.StringValue(cp.Organization.ID)
	}
	if cp.Owner != nil && cp.Owner.ID != "" {
		m.Owner = types.StringValue(cp.Owner.ID)
	}
	return m
}

// sameContactPoint tells whether the portal's contact point has the fields
// of in (udata's MASK_FIELDS, compared as udata stores them).
func sameContactPoint(cp *client.ContactPoint, in *client.ContactPointInput) bool {
	return cp.Name == in.Name && cp.Role == in.Role && stringFromAPI(cp.Email).Equal(stringFromAPI(in.Email)) && stringFromAPI(cp.ContactForm).Equal(stringFromAPI(in.ContactForm))
}
