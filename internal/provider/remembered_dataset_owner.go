package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// A dataset's file or file order remembers, in its private state, the
// dataset's owner and organization as last read. Once the dataset answers
// 404, they tell a purge from a dataset this key may not see by the
// dataset's own rule (visibility), whether or not the dataset's Read ran
// first in this plan (it does not when the blocks were removed from the
// configuration: Terraform then refreshes them in any order).

// privateDatasetOwner is the private-state key of that record (JSON).
const privateDatasetOwner = "dataset_owner"

type datasetOwner struct {
	Owner        string `json:"owner,omitempty"`
	Organization string `json:"organization,omitempty"`
}

// rememberDatasetOwner records the owner and organization of ds, unless
// prior (the private state before, or nil) holds them already.
func rememberDatasetOwner(ctx context.Context, prior privateGetter, p privateSetter, ds *client.Dataset) diag.Diagnostics {
	var o datasetOwner
	if ds.Owner != nil {
		o.Owner = ds.Owner.ID
	}
	if ds.Organization != nil {
		o.Organization = ds.Organization.ID
	}
	raw, err := json.Marshal(o)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Could not record the dataset's owner", err.Error())
		return diags
	}
	if prior != nil {
		if old, d := prior.GetKey(ctx, privateDatasetOwner); !d.HasError() && bytes.Equal(old, raw) {
			return nil
		}
	}
	return p.SetKey(ctx, privateDatasetOwner, raw)
}

// rememberedDatasetOwner reads the record: known is false when there is
// none (written by an older version, or never read since the creation).
func rememberedDatasetOwner(ctx context.Context, p privateGetter) (owner, organization types.String, known bool, diags diag.Diagnostics) {
	owner, organization = types.StringNull(), types.StringNull()
	raw, diags := p.GetKey(ctx, privateDatasetOwner)
	if diags.HasError() || len(raw) == 0 {
		return owner, organization, false, diags
	}
	var o datasetOwner
	if err := json.Unmarshal(raw, &o); err != nil {
		diags.AddError("Unreadable private state", fmt.Sprintf("The provider's record of the dataset's owner is not valid: %s. "+
			"This is a bug in the provider; please report it.", err))
		return owner, organization, false, diags
	}
	if o.Owner != "" {
		owner = types.StringValue(o.Owner)
	}
	if o.Organization != "" {
		organization = types.StringValue(o.Organization)
	}
	return owner, organization, true, diags
}
