package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// The schema floor: what a plan of this provider's objects costs the
// framework and the CLI alone, for the scale benchmark
// (scripts/bench-scale.sh, BENCHMARKS.md "Catalogues of thousands").
// HashiCorp's random provider is one floor, but its objects have a dozen
// attributes where a dataset or a file has twenty-five to thirty, and the
// framework's work per object grows with the attributes (it walks every
// attribute for defaults, plan modifiers, validators and semantic
// equality, and for each walk builds the schema's attribute map again).
// This provider serves the same provider and resource schemas (validators
// and plan modifiers included), and answers from memory: Read leaves the
// state as it is, no ModifyPlan, no ValidateConfig, no request. So a plan
// of ours divided by the floor's is what this provider's own code and I/O
// add. It only plans: it never creates, updates or deletes (the state comes
// from the real provider's apply). Served by cmd/datagouv-schema-floor,
// never by the released binary.

// NewSchemaFloor returns the floor provider's constructor.
func NewSchemaFloor(version string) func() provider.Provider {
	return func() provider.Provider { return &schemaFloorProvider{real: &DatagouvProvider{version: version}} }
}

type schemaFloorProvider struct{ real *DatagouvProvider }

func (p *schemaFloorProvider) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.real.Metadata(ctx, req, resp)
}

func (p *schemaFloorProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

// Configure reads nothing and makes no client.
func (p *schemaFloorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *schemaFloorProvider) Resources(ctx context.Context) []func() resource.Resource {
	var floors []func() resource.Resource
	for _, newResource := range p.real.Resources(ctx) {
		floors = append(floors, func() resource.Resource { return schemaFloorResource{real: newResource()} })
	}
	return floors
}

func (p *schemaFloorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// schemaFloorResource has a real resource's type name and schema, and none
// of its behaviour.
type schemaFloorResource struct{ real resource.Resource }

func (r schemaFloorResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r schemaFloorResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
}

// Read leaves the response's state, the prior state, as it is: the object
// is found as the state has it, as a refresh of an unchanged catalogue does.
func (r schemaFloorResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r schemaFloorResource) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.AddError("Schema floor", "The schema floor only plans (scripts/bench-scale.sh).")
}

func (r schemaFloorResource) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Schema floor", "The schema floor only plans (scripts/bench-scale.sh).")
}

func (r schemaFloorResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	resp.Diagnostics.AddError("Schema floor", "The schema floor only plans (scripts/bench-scale.sh).")
}
