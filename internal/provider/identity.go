package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform and OpenTofu 1.12 and later): the attributes
// that name an object on the portal, stored beside the state and accepted
// by an import block's identity argument. An object's identity never
// changes (a new id is a new object), and the framework refuses a Create,
// Read or Update answer without one: a CLI before 1.12 never sends the
// stored identity back, so every answer sets it again, a Read that removes
// the object or keeps the state as it was included.

// idIdentity is the identity of the objects udata names by their id alone:
// datasets, dataservices, contact points.
type idIdentity struct {
	ID types.String `tfsdk:"id"`
}

// fileIdentity is a datagouv_resource's: udata's resource URLs name the
// dataset and the file.
type fileIdentity struct {
	DatasetID types.String `tfsdk:"dataset_id"`
	ID        types.String `tfsdk:"id"`
}

// datasetIDIdentity is a datagouv_resource_order's: one per dataset.
type datasetIDIdentity struct {
	DatasetID types.String `tfsdk:"dataset_id"`
}

// idIdentitySchema is the identity schema of an object named by its id;
// what describes the id (e.g. "The dataset's id").
func idIdentitySchema(what string) identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"id": identityschema.StringAttribute{RequiredForImport: true, Description: what + " (24 hexadecimal characters)."},
	}}
}

// setIdentity writes v (one of the identity structs above) as the identity
// of a response. A nil identity is a response without one (the framework
// leaves it nil for a resource type without an identity schema).
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, v any, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, v)...)
}

// setIDIdentity sets the identity of an object named by its id.
func setIDIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id types.String, diags *diag.Diagnostics) {
	setIdentity(ctx, identity, &idIdentity{ID: id}, diags)
}
