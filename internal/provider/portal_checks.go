package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// This file checks planned values against the portal's own lists, each
// fetched at most once per configured provider (referenceCache), so that a
// value udata would refuse (400) or silently rewrite (a plan that never
// converges) fails at plan time, on its attribute, with the valid values.
// Unknown values are skipped: they are checked at apply's plan, once known.
// Empty strings are left to the attributes' validators. The checks here
// serve several types; a check that reads one type's model lives in that
// type's _plan.go (checkSpatial, checkResourceSchema), by the same rules.

// defaultLicense is udata's licence id for none: a dataset whose licence is
// left empty reads it back, and checkLicense accepts it without asking.
const defaultLicense = "notspecified"

// checkLicense refuses a licence id the portal does not know: udata would
// store no licence instead.
func checkLicense(ctx context.Context, data *providerData, license types.String, diags *diag.Diagnostics) {
	if license.IsNull() || license.IsUnknown() || license.ValueString() == defaultLicense || strings.TrimSpace(license.ValueString()) == "" {
		return
	}
	licenses, err := data.reference.Licenses(ctx)
	if err != nil {
		checkFetchFailed(ctx, data, diags, "Could not check the licence against the portal's licences", err)
		return
	}
	ids := make([]string, 0, len(licenses))
	for _, l := range licenses {
		if l.ID == license.ValueString() {
			return
		}
		ids = append(ids, l.ID)
	}
	sort.Strings(ids)
	diags.AddAttributeError(path.Root("license"), "Unknown licence",
		fmt.Sprintf("%q is not a licence id of this portal (data.gouv.fr would store no licence instead).%s Valid ids: %s.",
			license.ValueString(), validators.DidYouMean(license.ValueString(), ids), validators.QuoteList(ids)))
}

// checkUploadExtension refuses a local file whose extension the portal does
// not accept for uploads (udata answers 400 at apply otherwise), checked
// against the portal's list, or the built-in one when the portal cannot be
// asked.
func checkUploadExtension(ctx context.Context, data *providerData, filePath string, diags *diag.Diagnostics) {
	allowed := validators.DefaultUploadExtensions
	if portal, err := data.reference.Extensions(ctx); err == nil && len(portal) > 0 {
		allowed = portal
	} else if err != nil {
		tflog.Warn(ctx, "could not read the portal's allowed upload extensions; checking against the built-in list", map[string]any{"error": err.Error()})
	}
	if err := validators.CheckFileExtension(filePath, allowed); err != nil {
		diags.AddAttributeError(path.Root("file_path"), "File type not accepted by data.gouv.fr", err.Error())
	}
}
