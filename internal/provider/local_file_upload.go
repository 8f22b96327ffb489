package provider

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// upload sends plan's local file as a new resource (resourceID "") or over
// the file of resourceID, and returns the server's resource. ok is false
// when nothing is left written on the server.
//
// The file is read when apply reaches the resource: what is uploaded is its
// content then. It is hashed before anything is sent, so that a file_hash
// declared in the configuration that is not the file's stops the upload
// before the portal can serve anything. The upload hashes what it sends
// again (and the client checks it against the portal's checksum): a file
// that changed while it was being sent is reported, and a new resource
// holding such a mix is deleted, so that nothing unplanned stays published.
func (r *resourceResource) upload(ctx context.Context, plan *resourceModel, resourceID string, diags *diag.Diagnostics) (*client.Resource, bool) {
	filePath := plan.FilePath.ValueString()
	datasetID := plan.DatasetID.ValueString()
	f, size, err := openLocalFile(filePath)
	if err != nil {
		diags.AddAttributeError(path.Root("file_path"), "Cannot read the local file", "The file to upload could not be opened: "+err.Error()+".")
		return nil, false
	}
	defer f.Close()
	// Remembered since plan when the file did not change (the upload reads
	// it anyway, and compares).
	before, _, err := sumLocalFile(filePath, f)
	if err != nil {
		diags.AddAttributeError(path.Root("file_path"), "Cannot read the local file", err.Error()+".")
		return nil, false
	}
	if declared := plan.FileHash; !declared.IsNull() && !declared.IsUnknown() && declared.ValueString() != before {
		diags.AddAttributeError(path.Root("file_hash"), "Local file does not match file_hash",
			fmt.Sprintf("%s has sha1 %s (%d bytes), but file_hash is %s. Nothing was uploaded. Set file_hash to the sha1 of the "+
				"file to publish (e.g. from the resource that writes it), or leave it out to publish the file as it is when apply "+
				"uploads it.", filePath, before, size, declared.ValueString()))
		return nil, false
	}

	file := client.UploadFile{Name: filepath.Base(filePath), Content: f, Size: size}
	tflog.Debug(ctx, "uploading local file", map[string]any{"path": filePath, "size": size, "sha1": before, "dataset_id": datasetID, "resource_id": resourceID})
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
		if errors.Is(err, client.ErrFileChanged) {
			diags.AddAttributeError(path.Root("file_path"), "Local file changed during the upload",
				fmt.Sprintf("%s changed while its parts were being sent (it had sha1 %s when the upload started). The parts were "+
					"not assembled: nothing was published. Apply again once the file is complete.\n\n%s", filePath, before, errorDetail(err)))
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
	case res.SHA1 != before:
		return r.changedDuringUpload(ctx, filePath, datasetID, resourceID, before, res, diags)
	}
	return res.Resource, true
}

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
