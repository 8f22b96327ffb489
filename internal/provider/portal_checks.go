package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// This file checks planned values against the portal's own lists, each
// fetched at most once per configured provider (referenceCache), so that a
// value udata would refuse (400) or silently rewrite (a plan that never
// converges) fails at plan time, on its attribute, with the valid values.
// Unknown values are skipped: they are checked at apply's plan, once known.
// Empty strings are left to the attributes' validators.

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

// checkSpatial refuses a granularity or a zone the portal does not know
// (udata answers 400 "Not a valid choice" or "Unknown geoid(s)").
func checkSpatial(ctx context.Context, data *providerData, spatial types.Object, diags *diag.Diagnostics) {
	if spatial.IsNull() || spatial.IsUnknown() {
		return
	}
	var sp spatialModel
	diags.Append(spatial.As(ctx, &sp, objectAsOptions)...)
	if g := sp.Granularity; !g.IsNull() && !g.IsUnknown() && g.ValueString() != defaultGranularity && strings.TrimSpace(g.ValueString()) != "" {
		choices, err := data.reference.SpatialGranularities(ctx)
		if err != nil {
			checkFetchFailed(ctx, data, diags, "Could not check the spatial granularity against the portal's list", err)
		} else {
			ids := make([]string, 0, len(choices))
			known := false
			for _, c := range choices {
				known = known || c.ID == g.ValueString()
				ids = append(ids, c.ID)
			}
			if !known {
				at := path.Root("spatial").AtName("granularity")
				diags.AddAttributeError(at, "Unknown spatial granularity",
					fmt.Sprintf("%s: %q is not a spatial granularity of this portal.%s Valid values: %s.",
						at, g.ValueString(), validators.DidYouMean(g.ValueString(), ids), validators.QuoteList(ids)))
			}
		}
	}
	if sp.Zones.IsNull() || sp.Zones.IsUnknown() {
		return
	}
	// Each unknown zone on its element, in the set's order.
	for _, z := range sp.Zones.Elements() {
		s, ok := z.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() || strings.TrimSpace(s.ValueString()) == "" {
			continue // "" is refused by the attribute's validator
		}
		exists, err := data.reference.ZoneExists(ctx, s.ValueString())
		if err != nil {
			checkFetchFailed(ctx, data, diags, "Could not check a spatial zone against the portal", err)
			return
		}
		if !exists {
			diags.AddAttributeError(path.Root("spatial").AtName("zones").AtSetValue(s), "Unknown spatial zone",
				fmt.Sprintf("spatial.zones: this portal knows no zone %q. Zone ids are <level>:<code>, e.g. \"country:fr\", \"fr:region:11\", "+
					"\"fr:departement:75\", \"fr:commune:75056\" (see GET /api/1/spatial/zones/suggest/?q=… on the portal).", s.ValueString()))
		}
	}
}

// checkResourceSchema refuses a schema the portal would refuse or rewrite:
// a version without name or url (400), a name or version outside the
// portal's catalogue (400), and a url of a catalogue schema (udata stores
// its name and version instead, so the plan would never converge). Without
// a catalogue (an empty list, or none reachable) udata checks no name, and
// neither does this.
func checkResourceSchema(ctx context.Context, data *providerData, schemaObj types.Object, diags *diag.Diagnostics) {
	if schemaObj.IsNull() || schemaObj.IsUnknown() {
		return
	}
	var s resourceSchemaModel
	diags.Append(schemaObj.As(ctx, &s, basetypes.ObjectAsOptions{})...)
	if s.Name.IsUnknown() || s.Version.IsUnknown() || s.URL.IsUnknown() {
		return
	}
	at := path.Root("schema")
	name, version, url := s.Name.ValueString(), s.Version.ValueString(), s.URL.ValueString()
	if name == "" && url == "" {
		if version != "" {
			diags.AddAttributeError(at.AtName("version"), "Schema version without a schema",
				"A schema version needs the schema's name (a schema of the portal's catalogue) or url (any other schema).")
		}
		return
	}
	catalog, err := data.reference.Schemas(ctx)
	if err != nil {
		tflog.Warn(ctx, "could not read the portal's schema catalogue; the schema is not checked at plan time", map[string]any{"error": err.Error()})
		return
	}
	if url != "" {
		for _, c := range catalog {
			for _, v := range c.Versions {
				if v.SchemaURL == url {
					diags.AddAttributeError(at.AtName("url"), "Schema of the portal's catalogue given by its url",
						fmt.Sprintf("%s is version %q of the catalogue schema %q: data.gouv.fr stores it as such, not as a url. "+
							"Write schema = { name = %q, version = %q } instead.", url, v.VersionName, c.Name, c.Name, v.VersionName))
					return
				}
			}
			if c.SchemaURL == url {
				diags.AddAttributeError(at.AtName("url"), "Schema of the portal's catalogue given by its url",
					fmt.Sprintf("%s is the catalogue schema %q: data.gouv.fr stores it by name, not as a url. "+
						"Write schema = { name = %q } instead (with a version if you need one).", url, c.Name, c.Name))
				return
			}
		}
		return // any other url, with any name and version
	}
	if len(catalog) == 0 {
		return
	}
	names := make([]string, 0, len(catalog))
	for _, c := range catalog {
		if c.SchemaType == "datapackage" {
			continue // not assignable to a resource (udata's NON_ASSIGNABLE_SCHEMA_TYPES)
		}
		names = append(names, c.Name)
		if c.Name != name {
			continue
		}
		if version == "" {
			return
		}
		versions := []string{"latest"}
		for _, v := range c.Versions {
			if v.VersionName == version {
				return
			}
			versions = append(versions, v.VersionName)
		}
		if version == "latest" {
			return
		}
		diags.AddAttributeError(at.AtName("version"), "Unknown schema version",
			fmt.Sprintf("%q is not a version of the schema %q on this portal.%s Valid versions: %s.",
				version, name, validators.DidYouMean(version, versions), validators.QuoteList(versions)))
		return
	}
	sort.Strings(names)
	diags.AddAttributeError(at.AtName("name"), "Unknown schema",
		fmt.Sprintf("%q is not a schema of this portal's catalogue.%s Valid names: %s. A schema outside the catalogue "+
			"is given by its url.", name, validators.DidYouMean(name, names), validators.QuoteList(names)))
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
