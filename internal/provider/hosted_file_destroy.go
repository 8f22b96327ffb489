package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/planmodifiers"
)

// What a destroy plan says of a hosted file. udata deletes a resource's
// file from its storage when the resource is deleted (Dataset.remove_resource):
// nothing brings it back. A dataset's delete is soft, and keeps its
// resources and files until the purge; but Terraform destroys what names a
// dataset before the dataset, so a destroyed configuration's dataset comes
// back, if restored, without the files it managed. The plan says so, naming
// each file, rather than letting the dataset's "restorable" hide it.

// warnHostedFileDestroyed warns, in the plan that destroys a resource of
// state, when it is a file hosted on data.gouv.fr (a link loses nothing).
func warnHostedFileDestroyed(ctx context.Context, state tfsdk.State, diags *diag.Diagnostics) {
	var prior resourceModel
	if d := state.Get(ctx, &prior); d.HasError() || prior.Filetype.ValueString() != planmodifiers.FiletypeFile {
		return
	}
	diags.AddWarning("Hosted file deleted for good",
		fmt.Sprintf("Destroying the resource %q (%s) of dataset %s deletes its file %s from data.gouv.fr for good: the portal "+
			"deletes a hosted file with its resource, which is not soft-deleted. Only a dataset is restorable (with the files "+
			"it still holds); Terraform destroys a dataset's files before the dataset. To protect a catalogue from a destroy, "+
			"add lifecycle { prevent_destroy = true } to its datagouv_resource and datagouv_dataset blocks.",
			prior.Title.ValueString(), prior.ID.ValueString(), prior.DatasetID.ValueString(), prior.URL.ValueString()))
}
