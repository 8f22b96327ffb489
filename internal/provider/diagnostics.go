package provider

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// This file is the one place that turns API client errors into Terraform
// diagnostics, so that every resource says the same thing for the same
// failure.

// addClientError adds err as a diagnostic whose summary is what was being
// done ("Could not create dataset"). Validation errors of fields that map to
// attributes are attached to those attributes; fieldPaths maps udata's field
// names (as in the 400 body, nested ones as "parent.child") to attribute
// paths and may be nil.
func addClientError(diags *diag.Diagnostics, summary string, err error, fieldPaths map[string]path.Path) {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) && len(apiErr.FieldErrors) > 0 {
		fields := make([]string, 0, len(apiErr.FieldErrors))
		for f := range apiErr.FieldErrors {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		attached := false
		for _, f := range fields {
			p, ok := fieldPaths[f]
			if !ok {
				continue
			}
			diags.AddAttributeError(p, summary, fmt.Sprintf("data.gouv.fr refused %s: %s", f, strings.Join(apiErr.FieldErrors[f], " ")))
			attached = true
		}
		if attached {
			return
		}
	}
	diags.AddError(summary, errorDetail(err))
}

// errorDetail is the text of an error plus a hint a user can act on.
func errorDetail(err error) string {
	hint := ""
	switch {
	case errors.Is(err, client.ErrUnauthorized):
		hint = "The API key was refused or is missing. Set api_key in the provider block or the " + EnvAPIKey +
			" environment variable to a valid key of your data.gouv.fr account (profile settings, API key)."
	case errors.Is(err, client.ErrForbidden):
		hint = "The account of this API key may not modify this object: it must be its owner, a member of its organization, or a site admin."
	case errors.Is(err, client.ErrReadOnly):
		hint = "data.gouv.fr is in read-only maintenance: nothing can be written right now. Apply again once the maintenance is over."
	case errors.Is(err, client.ErrRateLimited):
		hint = "data.gouv.fr kept answering \"too many requests\" after several retries. Apply again later, or lower -parallelism."
	case errors.Is(err, client.ErrTooLarge):
		hint = "The portal, or a proxy in front of it, refused a request that large. Lower upload_part_size in the provider block " +
			"(files above upload_chunk_threshold are sent in parts of that size; the threshold follows it unless set)."
	case errors.Is(err, client.ErrUncertain):
		hint = "The request may or may not have been carried out: the connection failed after it was sent. Run terraform plan to see the portal's state before applying again."
	}
	if hint == "" {
		return err.Error()
	}
	return err.Error() + "\n\n" + hint
}

// requireAPIKey reports a clear error when a write is attempted without any
// API key, before anything is sent.
func requireAPIKey(data *providerData, diags *diag.Diagnostics, action string) bool {
	if data != nil && data.hasAPIKey {
		return true
	}
	diags.AddError("Missing data.gouv.fr API key",
		fmt.Sprintf("An API key is needed to %s. Set api_key in the provider block or the %s environment variable; "+
			"create a key in your profile settings on data.gouv.fr.", action, EnvAPIKey))
	return false
}
