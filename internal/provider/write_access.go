package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// checkWriteAccess is the opening of every resource's ModifyPlan for a
// planned write: the write needs an API key, and the portal must accept it
// (/api/1/me/, read once per configured provider). noun names the object
// ("a dataset"). It returns false when the plan should stop here: an
// error was reported. A key that cannot be checked now (the portal is
// unreachable) is not an error: apply reports what happens then.
func checkWriteAccess(ctx context.Context, data *providerData, destroy, create bool, noun string, diags *diag.Diagnostics) bool {
	action := "update " + noun
	switch {
	case destroy:
		action = "delete " + noun
	case create:
		action = "create " + noun
	}
	if !requireAPIKey(data, diags, action) {
		return false
	}
	if _, err := data.reference.Me(ctx); errors.Is(err, client.ErrUnauthorized) {
		diags.AddError("data.gouv.fr refused the API key", errorDetail(err))
		return false
	} else if err != nil {
		tflog.Debug(ctx, "could not check the API key at plan time; apply will report any problem", map[string]any{"error": err.Error()})
	}
	return true
}
