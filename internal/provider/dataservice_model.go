package provider

import (
	"context"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// This file maps a datagouv_dataservice between its Terraform model and the
// API client's structs, and holds the rules that keep its plans empty.

// dataserviceModel is the state and plan of a datagouv_dataservice.
type dataserviceModel struct {
	dataserviceFields
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// dataserviceFields are the attributes the resource and the data source
// share.
type dataserviceFields struct {
	ID                        types.String  `tfsdk:"id"`
	Title                     types.String  `tfsdk:"title"`
	Acronym                   types.String  `tfsdk:"acronym"`
	Description               types.String  `tfsdk:"description"`
	BaseAPIURL                types.String  `tfsdk:"base_api_url"`
	MachineDocumentationURL   types.String  `tfsdk:"machine_documentation_url"`
	TechnicalDocumentationURL types.String  `tfsdk:"technical_documentation_url"`
	BusinessDocumentationURL  types.String  `tfsdk:"business_documentation_url"`
	RateLimiting              types.String  `tfsdk:"rate_limiting"`
	RateLimitingURL           types.String  `tfsdk:"rate_limiting_url"`
	Availability              types.Float64 `tfsdk:"availability"`
	AvailabilityURL           types.String  `tfsdk:"availability_url"`
	Format                    types.String  `tfsdk:"format"`
	License                   types.String  `tfsdk:"license"`
	Tags                      types.Set     `tfsdk:"tags"`
	Private                   types.Bool    `tfsdk:"private"`
	Extras                    types.Map     `tfsdk:"extras"`
	Datasets                  types.Set     `tfsdk:"datasets"`
	ContactPoints             types.List    `tfsdk:"contact_points"`
	accessRulesModel
	Organization types.String `tfsdk:"organization"`
	Archived     types.Bool   `tfsdk:"archived"`
	Slug         types.String `tfsdk:"slug"`
	URI          types.String `tfsdk:"uri"`
	Page         types.String `tfsdk:"page"`
	Owner        types.String `tfsdk:"owner"`
	CreatedAt    types.String `tfsdk:"created_at"`
	LastModified types.String `tfsdk:"last_modified"`
	Deleted      types.String `tfsdk:"deleted"`
}

// dataserviceFieldPaths attach udata's per-field errors to attributes.
var dataserviceFieldPaths = func() map[string]path.Path {
	m := map[string]path.Path{"archived_at": path.Root("archived")}
	for _, a := range []string{"title", "acronym", "description", "base_api_url", "machine_documentation_url",
		"technical_documentation_url", "business_documentation_url", "rate_limiting", "rate_limiting_url", "availability",
		"availability_url", "format", "license", "tags", "private", "extras", "datasets", "contact_points", "organization"} {
		m[a] = path.Root(a)
	}
	maps.Copy(m, accessRulesFieldPaths)
	return m
}()

// dataserviceInput builds the body of a POST (current == nil) or PATCH: the
// whole managed state, since udata's PATCH keeps what a body leaves out.
//
// udata has no endpoint that writes some extras keys only (datasets have
// /api/2/…/extras/), and its PATCH replaces the whole extras object. A
// PATCH carries extras only when extrasChanges (an extrasUpdate against
// current, the portal's extras read under the dataservice's lock) has
// some: then the extras the portal has just now, their values and JSON
// types as they are, with the changes applied, so that keys written by
// others are kept. A key written by someone else between that read and
// the PATCH would be lost; the window is one round trip.
func (m *dataserviceFields) dataserviceInput(ctx context.Context, current *client.Dataservice, extrasChanges map[string]any, now time.Time) (*client.DataserviceInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := &client.DataserviceInput{
		Title:                     m.Title.ValueString(),
		Acronym:                   optionalString(m.Acronym),
		Description:               m.Description.ValueString(),
		BaseAPIURL:                optionalString(m.BaseAPIURL),
		MachineDocumentationURL:   optionalString(m.MachineDocumentationURL),
		TechnicalDocumentationURL: optionalString(m.TechnicalDocumentationURL),
		BusinessDocumentationURL:  optionalString(m.BusinessDocumentationURL),
		RateLimiting:              optionalString(m.RateLimiting),
		RateLimitingURL:           optionalString(m.RateLimitingURL),
		AvailabilityURL:           optionalString(m.AvailabilityURL),
		Format:                    optionalString(m.Format),
		License:                   optionalString(m.License),
		Private:                   m.Private.ValueBool(),
		Tags:                      stringsOf(ctx, m.Tags, &diags),
		Datasets:                  stringsOf(ctx, m.Datasets, &diags),
		ContactPoints:             []string{},
	}
	if !m.Availability.IsNull() && !m.Availability.IsUnknown() {
		v := m.Availability.ValueFloat64()
		in.Availability = &v
	}
	if !m.ContactPoints.IsNull() && !m.ContactPoints.IsUnknown() {
		diags.Append(m.ContactPoints.ElementsAs(ctx, &in.ContactPoints, false)...)
	}
	var d diag.Diagnostics
	in.AccessRules, d = m.accessRulesModel.input(ctx)
	diags.Append(d...)

	if current != nil {
		in.Extras = withExtrasUpdate(current.Extras, extrasChanges)
	} else {
		in.Organization = m.Organization.ValueString()
		in.Extras, d = declaredExtras(ctx, m.Extras)
		diags.Append(d...)
	}

	// archived is a bool here and a date on the portal: the date is set
	// when the dataservice becomes archived and kept while it stays so.
	if m.Archived.ValueBool() {
		if current != nil && current.ArchivedAt != nil {
			in.ArchivedAt = current.ArchivedAt
		} else {
			stamp := now.UTC().Format(time.RFC3339)
			in.ArchivedAt = &stamp
		}
	}
	return in, diags
}

// stringsOf is a set of strings, sorted (so that a request is the same for
// the same plan), never nil.
func stringsOf(ctx context.Context, set types.Set, diags *diag.Diagnostics) []string {
	out := []string{}
	if !set.IsNull() && !set.IsUnknown() {
		diags.Append(set.ElementsAs(ctx, &out, false)...)
	}
	sort.Strings(out)
	return out
}

// dataserviceFromAPI maps the portal's dataservice to the model. datasets
// are the served datasets the key can see (DataservicesService.DatasetIDs);
// prior is the plan or state the values are compared with (its zero value on
// import).
func dataserviceFromAPI(ctx context.Context, d *client.Dataservice, datasets []string, prior *dataserviceFields) (dataserviceFields, diag.Diagnostics) {
	var diags, di diag.Diagnostics
	m := dataserviceFields{
		ID:                        types.StringValue(d.ID),
		Title:                     types.StringValue(d.Title),
		Acronym:                   optionalStringFromAPI(d.Acronym, prior.Acronym),
		Description:               types.StringValue(d.Description),
		BaseAPIURL:                optionalStringFromAPI(d.BaseAPIURL, prior.BaseAPIURL),
		MachineDocumentationURL:   optionalStringFromAPI(d.MachineDocumentationURL, prior.MachineDocumentationURL),
		TechnicalDocumentationURL: optionalStringFromAPI(d.TechnicalDocumentationURL, prior.TechnicalDocumentationURL),
		BusinessDocumentationURL:  optionalStringFromAPI(d.BusinessDocumentationURL, prior.BusinessDocumentationURL),
		RateLimiting:              optionalStringFromAPI(d.RateLimiting, prior.RateLimiting),
		RateLimitingURL:           optionalStringFromAPI(d.RateLimitingURL, prior.RateLimitingURL),
		Availability:              types.Float64PointerValue(d.Availability),
		AvailabilityURL:           optionalStringFromAPI(d.AvailabilityURL, prior.AvailabilityURL),
		Format:                    optionalStringFromAPI(d.Format, prior.Format),
		License:                   optionalStringFromAPI(d.License, prior.License),
		Private:                   types.BoolValue(d.Private),
		Organization:              types.StringNull(),
		Owner:                     types.StringNull(),
		Archived:                  types.BoolValue(d.ArchivedAt != nil),
		Slug:                      types.StringValue(d.Slug),
		URI:                       types.StringValue(d.SelfAPIURL),
		Page:                      types.StringPointerValue(d.SelfWebURL),
		CreatedAt:                 dateTimeFromAPI(&d.CreatedAt, types.StringNull()),
		LastModified:              dateTimeFromAPI(&d.MetadataModifiedAt, types.StringNull()),
		Deleted:                   dateTimeFromAPI(d.DeletedAt, types.StringNull()),
	}
	if d.Organization != nil && d.Organization.ID != "" {
		m.Organization = types.StringValue(d.Organization.ID)
	}
	if d.Owner != nil && d.Owner.ID != "" {
		m.Owner = types.StringValue(d.Owner.ID)
	}
	m.Tags, di = types.SetValueFrom(ctx, types.StringType, append([]string{}, d.Tags...))
	diags.Append(di...)

	served := servedDatasets(ctx, datasets, d.Datasets.Total, prior.Datasets, &diags)
	m.Datasets, di = types.SetValueFrom(ctx, types.StringType, served)
	diags.Append(di...)

	contacts := make([]string, 0, len(d.ContactPoints))
	for _, cp := range d.ContactPoints {
		contacts = append(contacts, cp.ID)
	}
	m.ContactPoints, di = types.ListValueFrom(ctx, types.StringType, contacts)
	diags.Append(di...)

	m.accessRulesModel, di = accessRulesFromAPI(ctx, d.AccessRules, prior.accessRulesModel)
	diags.Append(di...)
	// A prior without extras is an import's (the plan always has them).
	m.Extras, di = extrasFromAPI(d.Extras, prior.Extras, prior.Extras.IsNull())
	diags.Append(di...)
	return m, diags
}

// servedDatasets are the ids of the datasets a dataservice serves. The
// portal lists only those the key may see, and counts them all (total): a
// served dataset that is private to another account, or deleted by it, is
// missing from the list. When exactly the missing number of prior's ids
// are not listed, they are those: kept, so that another account's
// private dataset is no drift. Otherwise the list is what there is.
func servedDatasets(ctx context.Context, visible []string, total int, prior types.Set, diags *diag.Diagnostics) []string {
	out := slices.Clone(visible)
	hidden := total - len(visible)
	if hidden <= 0 || prior.IsNull() || prior.IsUnknown() {
		return out
	}
	var unlisted []string
	for _, id := range stringsOf(ctx, prior, diags) {
		if !slices.Contains(visible, id) {
			unlisted = append(unlisted, id)
		}
	}
	if len(unlisted) == hidden {
		out = append(out, unlisted...)
	}
	return out
}
