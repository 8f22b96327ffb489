package provider

import (
	"context"
	"fmt"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// The list resources of `terraform query` (Terraform 1.14 and later,
// *_list.go): each lists the live objects of one managed type, with their
// identity, a display name and, when asked (include_resource, or
// -generate-config-out), the object as an import's Read maps it: the
// configuration generated from a listed object is what an import block's
// would be, and its import plans nothing else.

// listBase is what every list resource has: the suffix of its type name
// (that of the managed type it lists) and the provider's data.
type listBase struct {
	typeName string
	data     *providerData
}

func (l *listBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + l.typeName
}

func (l *listBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

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

// listed completes the result r of one object: its display name, its
// identity (names: the identity's attributes) and, when req asks for the
// resource, what model maps from the object and an import's prior (names
// set, every other attribute null, as an import hands its Read): the
// configuration generated from a listed object is an import block's.
func listed[M any](ctx context.Context, req list.ListRequest, r *list.ListResult, name string, names map[string]string,
	model func(prior *M) (any, diag.Diagnostics)) {
	r.DisplayName = name
	for attr, v := range names {
		r.Diagnostics.Append(r.Identity.SetAttribute(ctx, path.Root(attr), v)...)
	}
	if !req.IncludeResource || r.Diagnostics.HasError() {
		return
	}
	for attr, v := range names {
		r.Diagnostics.Append(r.Resource.SetAttribute(ctx, path.Root(attr), v)...)
	}
	var prior M
	if r.Diagnostics.Append(r.Resource.Get(ctx, &prior)...); r.Diagnostics.HasError() {
		return
	}
	m, d := model(&prior)
	if r.Diagnostics.Append(d...); !d.HasError() {
		r.Diagnostics.Append(r.Resource.Set(ctx, m)...)
	}
}

// listIDFilter is a list block's filter by the id of the organization or
// dataset (what) of the objects listed.
func listIDFilter(objects, what string, required bool) listschema.StringAttribute {
	return listschema.StringAttribute{Required: required, Optional: !required, Description: idFilterDescription(objects, what), Validators: idFilterValidators()}
}
