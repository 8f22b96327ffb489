package planmodifiers

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// udata's two filetypes: a file hosted by the portal, a link to elsewhere.
const (
	FiletypeFile   = "file"
	FiletypeRemote = "remote"
)

// ResourceFiletype plans datagouv_resource's computed filetype from the
// configuration ("file" when file_path is set, "remote" when url is) and
// requires a replacement when it differs from the state's: udata refuses to
// change a resource's filetype ("Cannot modify filetype after creation"), so
// switching between a local file and a remote link makes a new resource.
func ResourceFiletype() planmodifier.String { return resourceFiletype{} }

type resourceFiletype struct{}

func (resourceFiletype) Description(context.Context) string {
	return "\"file\" when file_path is set, \"remote\" when url is; a change replaces the resource."
}
func (m resourceFiletype) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (resourceFiletype) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	parent := req.Path.ParentPath()
	var filePath, url types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, parent.AtName("file_path"), &filePath)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, parent.AtName("url"), &url)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Exactly one of the two is set (a configuration validator checks it):
	// the one that may be set, even if its value is not known yet, decides.
	var planned string
	switch {
	case !filePath.IsNull() && url.IsNull():
		planned = FiletypeFile
	case !url.IsNull() && filePath.IsNull():
		planned = FiletypeRemote
	default:
		// Both may still be set (e.g. `url = var.mode == "remote" ? … : null`
		// while the mode is unknown), or neither is (the validators report
		// it): known at apply.
		resp.PlanValue = types.StringUnknown()
		return
	}
	resp.PlanValue = types.StringValue(planned)
	if !req.State.Raw.IsNull() && !req.StateValue.IsNull() && !req.StateValue.IsUnknown() && req.StateValue.ValueString() != planned {
		resp.RequiresReplace = true
	}
}
