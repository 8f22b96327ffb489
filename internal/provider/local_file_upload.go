package provider

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// upload sends plan's local file as a new resource (resourceID "") or over
// the file of resourceID, and returns the server's resource. ok is false
// when nothing is left written on the server. declared tells a file_hash
// written in the configuration from one the plan read.
//
// The file is read when apply reaches the resource, once for a file sent in
// parts. Before the portal can serve anything (before the parts are
// assembled, or before a small file's one request), the sha1 of what was
// read is checked: against the planned file_hash, when known (declared, or
// read by the plan: a plan is a promise, and a file changed since is not
// published), and against the file itself, so that a file written while it
// was read is reported and nothing of it published (uploadRead). A new
// resource's file, not read at plan, is uploaded as it is then. A small
// file sent in one request is read a second time by that request, whose
// sha1 must be the same: if not, a new resource holding the mix is deleted.
func (r *resourceResource) upload(ctx context.Context, plan *resourceModel, resourceID string, declared bool, diags *diag.Diagnostics) (*client.Resource, bool) {
	filePath := plan.FilePath.ValueString()
	datasetID := plan.DatasetID.ValueString()
	f, size, err := openLocalFile(filePath)
	if err != nil {
		diags.AddAttributeError(path.Root("file_path"), "Cannot read the local file", "The file to upload could not be opened: "+err.Error()+".")
		return nil, false
	}
	defer f.Close()
	read := startUploadRead(filePath, f, size)
	planned := ""
	if !plan.FileHash.IsNull() && !plan.FileHash.IsUnknown() {
		planned = plan.FileHash.ValueString()
	}
	var verified string
	file := client.UploadFile{Name: filepath.Base(filePath), Content: f, Size: size, Verify: func(sum string) error {
		if planned != "" && sum != planned {
			return &fileHashMismatch{sum: sum}
		}
		if err := read.check(sum); err != nil {
			return err
		}
		verified = sum
		return nil
	}}
	tflog.Debug(ctx, "uploading local file", map[string]any{"path": filePath, "size": size, "dataset_id": datasetID, "resource_id": resourceID})
	var res *client.UploadResult
	if resourceID == "" {
		// Looked up before being repeated when the answer is lost (create_recovery.go).
		res, err = uploadNewResource(ctx, r.data, datasetID, file)
	} else {
		res, err = r.data.client.Resources.Replace(ctx, datasetID, resourceID, file)
	}
	if res == nil || res.Resource == nil {
		if err == nil {
			err = errors.New("the upload answered no resource")
		}
		var mismatch *fileHashMismatch
		switch {
		case errors.As(err, &mismatch) && !declared:
			reportChangedSincePlan(filePath, planned, mismatch.sum, "", diags)
			return nil, false
		case errors.As(err, &mismatch):
			diags.AddAttributeError(path.Root("file_hash"), "Local file does not match file_hash",
				fmt.Sprintf("%s has sha1 %s (%d bytes), but file_hash is %s. Nothing was published. Set file_hash to the sha1 of the "+
					"file to publish (e.g. from the resource that writes it), or leave it out to publish the file as it is when apply "+
					"uploads it.", filePath, mismatch.sum, size, planned))
			return nil, false
		case errors.Is(err, client.ErrFileChanged):
			diags.AddAttributeError(path.Root("file_path"), "Local file changed during the upload",
				fmt.Sprintf("%s changed while it was read to be sent. What was sent was not assembled into a file: nothing was "+
					"published. Apply again once the file is complete.\n\n%s", filePath, errorDetail(err)))
			return nil, false
		}
		summary := "Could not upload " + filePath
		if errors.Is(err, client.ErrUncertain) && resourceID == "" {
			diags.AddError(summary, errorDetail(err)+"\n\nThe upload may have created a resource in dataset "+datasetID+
				" on data.gouv.fr; if so, delete it there or import it with terraform import before applying again.")
			return nil, false
		}
		addResourceWriteError(diags, summary, datasetID, err)
		return nil, false
	}
	switch {
	case err != nil:
		// The client checks the server's checksum and size of what it sent.
		diags.AddError("Uploaded file differs on data.gouv.fr", errorDetail(err))
	case res.SHA1 != verified:
		return r.changedDuringUpload(ctx, filePath, datasetID, resourceID, verified, res, diags)
	default:
		read.remember(res.SHA1)
	}
	return res.Resource, true
}

// fileHashDeclared tells whether the configuration writes file_hash.
func fileHashDeclared(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) bool {
	var v types.String
	diags.Append(config.GetAttribute(ctx, path.Root("file_hash"), &v)...)
	return !v.IsNull()
}

// fileHashMismatch stops an upload whose bytes are not the planned
// file_hash, before the portal serves them.
type fileHashMismatch struct{ sum string }

func (e *fileHashMismatch) Error() string { return "the file's sha1 is " + e.sum + ", not file_hash" }

// changedDuringUpload reports a file whose content changed while it was
// being sent: the portal holds bytes that were never the file as a whole. A
// new resource is deleted; a re-uploaded one cannot get its previous file
// back, and is reported so.
func (r *resourceResource) changedDuringUpload(ctx context.Context, filePath, datasetID, resourceID, before string, res *client.UploadResult, diags *diag.Diagnostics) (*client.Resource, bool) {
	what := fmt.Sprintf("%s changed while it was being uploaded: it had sha1 %s when the upload started, and the bytes sent "+
		"(%d) have sha1 %s.", filePath, before, res.Size, res.SHA1)
	if resourceID == "" {
		if err := r.data.client.Resources.Delete(ctx, datasetID, res.Resource.ID); err != nil {
			diags.AddError("Local file changed during the upload", what+" The new resource "+res.Resource.ID+
				" could not be deleted and is kept in the state (tainted): the next apply replaces it.\n\n"+errorDetail(err))
			return res.Resource, true
		}
		diags.AddAttributeError(path.Root("file_path"), "Local file changed during the upload",
			what+" The new resource was deleted: nothing was published. Apply again once the file is complete.")
		return nil, false
	}
	diags.AddAttributeError(path.Root("file_path"), "Local file changed during the upload",
		what+" data.gouv.fr now serves those bytes for resource "+res.Resource.ID+" (its previous file is gone). "+
			"Apply again once the file is complete: the plan shows the upload that puts the file back.")
	return res.Resource, true
}
