package provider

import (
	"context"
	"fmt"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// The list resources of `terraform query` (Terraform 1.14 and later,
// *_list.go): each lists the live objects of one managed type, with their
// identity, a display name and, when asked (include_resource, or
// -generate-config-out), the object as an import's Read maps it: the
// configuration generated from a listed object is what an import block's
// would be, and its import plans nothing else.

// streamListed answers objects as req's results, in order, at most
// req.Limit (Terraform's `limit`, 100 unless set); fill completes the
// result of one object (its identity, display name and, if
// req.IncludeResource, its resource). A list cut short by the limit warns
// on its last result, with the number to set: objects are never left out
// silently.
func streamListed[T any](ctx context.Context, req list.ListRequest, objects []T, fill func(T, *list.ListResult)) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		for i, o := range objects {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			r := req.NewListResult(ctx)
			fill(o, &r)
			if last := req.Limit > 0 && int64(len(objects)) > req.Limit && int64(i) == req.Limit-1; last {
				r.Diagnostics.AddWarning("More objects than the list's limit",
					fmt.Sprintf("The portal has %d objects for this list; Terraform asked for %d and the others are left out. "+
						"Set `limit` in the list block to %d or more to list them all.", len(objects), req.Limit, len(objects)))
			}
			if !push(r) {
				return
			}
		}
	}
}

// listFailed answers a listing that failed: diags alone, no result.
func listFailed(stream *list.ListResultsStream, diags diag.Diagnostics) {
	stream.Results = list.ListResultsStreamDiagnostics(diags)
}

// listClientError answers a listing that failed on the portal's answer.
func listClientError(stream *list.ListResultsStream, summary string, err error) {
	var diags diag.Diagnostics
	addClientError(&diags, summary, err, nil)
	listFailed(stream, diags)
}

// listConfig reads a list block's config into cfg; false (and the stream
// answered) when the config or the provider's configuration is unusable.
func listConfig(ctx context.Context, data *providerData, req list.ListRequest, stream *list.ListResultsStream, cfg any) bool {
	diags := req.Config.Get(ctx, cfg)
	if data == nil {
		diags.AddError("Provider not configured", "The provider must be configured to list objects. This is a bug in the provider; please report it.")
	}
	if diags.HasError() {
		listFailed(stream, diags)
		return false
	}
	return true
}

// importedPrior reads into prior the state an import hands its Read: the
// identity's attributes (attrs) set, every other attribute null; res is a
// fresh result's resource (null). The model mapped from the portal with
// this prior is what the import's Read writes.
func importedPrior(ctx context.Context, res *tfsdk.Resource, attrs map[string]string, prior any) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, v := range attrs {
		diags.Append(res.SetAttribute(ctx, path.Root(name), v)...)
	}
	if !diags.HasError() {
		diags.Append(res.Get(ctx, prior)...)
	}
	return diags
}

// listIDFilter is a list block's filter by the id of the organization or
// dataset (what) of the objects listed.
func listIDFilter(objects, what string, required bool) listschema.StringAttribute {
	return listschema.StringAttribute{Required: required, Optional: !required, Description: idFilterDescription(objects, what), Validators: idFilterValidators()}
}
