// Package planmodifiers holds the provider's plan modifiers that are more
// than a line. Each one is unit-tested on its own.
package planmodifiers

import (
	"context"
	"errors"
	"io/fs"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// LocalFiles is what ResourceFileHash needs of the local files. A missing
// file must give an error for which errors.Is(err, fs.ErrNotExist) holds.
type LocalFiles interface {
	// Sum returns the hex digest of the content of the file at path, read
	// as a stream unless remembered. prior is the value it is compared with
	// (the state's): a sum known to differ from it may come from a less
	// certain memory (wrong only for a file written twice within a clock
	// tick of a hash), since the upload it plans checks the bytes it sends
	// against it and publishes nothing else.
	Sum(path, prior string) (string, error)
	// Check opens the file at path without reading it: what a creation
	// needs, since its upload reads the file at apply.
	Check(path string) error
}

// ResourceFileHash plans datagouv_resource's file_hash when the
// configuration leaves it out: the sha1 of the file named by the sibling
// file_path attribute, computed now. The state holds the portal's own
// checksum of the hosted file, so an equal hash plans no change and a
// different one (the local file changed, or someone replaced the file on the
// portal) plans an in-place update that re-uploads: the planned value is the
// sha1 of the bytes apply must publish, or publish nothing.
//
//   - file_hash set in the configuration: kept as written (a user may take it
//     from the resource that generates the file).
//   - file_path null (a remote resource): null.
//   - a new resource: unknown, the file only checked, not read: nothing is
//     compared, and apply reads it when it uploads it.
//   - file_path unknown, or the file does not exist yet: unknown, without an
//     error; the apply reports a file still missing then.
//   - any other failure (a directory, no permission): an error on file_path.
func ResourceFileHash(files LocalFiles) planmodifier.String { return resourceFileHash{files: files} }

type resourceFileHash struct{ files LocalFiles }

func (resourceFileHash) Description(context.Context) string {
	return "Unless set, the sha1 of the content of file_path, computed during plan."
}
func (m resourceFileHash) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m resourceFileHash) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() || !req.ConfigValue.IsNull() {
		return
	}
	filePathAttr := req.Path.ParentPath().AtName("file_path")
	var filePath types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, filePathAttr, &filePath)...)
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case filePath.IsNull():
		resp.PlanValue = types.StringNull()
		return
	case filePath.IsUnknown():
		resp.PlanValue = types.StringUnknown()
		return
	}
	var sum string
	var err error
	if req.State.Raw.IsNull() {
		err = m.files.Check(filePath.ValueString())
	} else {
		sum, err = m.files.Sum(filePath.ValueString(), req.StateValue.ValueString())
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// The file may be written by another resource during the apply.
		resp.PlanValue = types.StringUnknown()
	case err != nil:
		resp.Diagnostics.AddAttributeError(filePathAttr, "Cannot read the local file",
			"The provider hashes file_path during plan to tell whether it must be uploaded again, and could not: "+err.Error()+".")
	case sum == "":
		resp.PlanValue = types.StringUnknown()
	default:
		resp.PlanValue = types.StringValue(sum)
	}
}
