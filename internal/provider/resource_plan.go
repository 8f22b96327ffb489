package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/planmodifiers"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// Planning of datagouv_resource: the configuration's checks against the
// portal, and the values that follow from whether a file is uploaded again.

// ValidateConfig refuses what data.gouv.fr would silently ignore for an
// uploaded file (and so show as a change on every plan): it derives format,
// mime, checksum and filesize from the file itself.
//
// A value still unknown (e.g. `file_path = var.mode == "local" ? … : null`
// while the mode comes from a resource apply creates) is not taken for set:
// Terraform validates the configuration again at plan and at apply, once the
// value is known, and the check runs then.
func (r *resourceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg resourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if isSet(cfg.FilePath) {
		for name, v := range map[string]attr.Value{"format": cfg.Format, "mime": cfg.Mime, "checksum": cfg.Checksum, "filesize": cfg.Filesize} {
			if !isSet(v) {
				continue
			}
			resp.Diagnostics.AddAttributeError(path.Root(name), "Attribute not settable for an uploaded file",
				fmt.Sprintf("%s cannot be set together with file_path: data.gouv.fr computes it from the uploaded file "+
					"(format and mime from the file's extension, checksum and filesize from its content) and ignores any other value. "+
					"Remove %s, or use url for a file hosted elsewhere.", name, name))
		}
	}
	if !cfg.Checksum.IsNull() && !cfg.Checksum.IsUnknown() {
		for name, v := range cfg.Checksum.Attributes() {
			if v.IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root("checksum").AtName(name), "Missing checksum "+name,
					"A checksum needs both type and value, e.g. checksum = { type = \"sha256\", value = \"…\" }.")
			}
		}
	}
	if isSet(cfg.URL) && isSet(cfg.FileHash) {
		resp.Diagnostics.AddAttributeError(path.Root("file_hash"), "file_hash needs file_path",
			"file_hash is the sha1 of a local file uploaded from file_path; a remote resource (url) has none. "+
				"To declare the remote file's checksum, use checksum = { type = \"sha1\", value = \"…\" }.")
	}

	// Checks against the portal's lists (portal_checks.go) run here, with
	// the attributes' own validators, so that one plan reports every
	// problem; before the provider is configured, against the portal its
	// configuration names, if known (validation_provider_data.go).
	data := providerDataForChecks(r.data, r.validation)
	if data == nil {
		return
	}
	checkResourceSchema(ctx, data, cfg.Schema, &resp.Diagnostics)
	if isSet(cfg.FilePath) && strings.TrimSpace(cfg.FilePath.ValueString()) != "" {
		checkUploadExtension(ctx, data, cfg.FilePath.ValueString(), &resp.Diagnostics)
	}
}

// ModifyPlan completes the plan of the values that follow from whether a
// local file is uploaded again, and checks the file's extension; a destroy
// plan warns of a hosted file's deletion (hosted_file_destroy.go).
func (r *resourceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		warnHostedFileDestroyed(ctx, req.State, &resp.Diagnostics) // destroy
		return
	}
	var plan, state resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	creating := req.State.Raw.IsNull()
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.planExtras(ctx, req, resp, creating)

	var cfgURL types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("url"), &cfgURL)...)
	if plan.FilePath.IsUnknown() && !cfgURL.IsNull() {
		// Link or file is not decided yet (both depend on a value known at
		// apply): everything derived from it is known after apply.
		return
	}
	if plan.FilePath.IsNull() {
		// Remote: values left out of the configuration are cleared.
		remote := plan.derivedFromFile()
		delete(remote, "url") // configured
		for name, v := range remote {
			if v.IsUnknown() {
				remote[name] = nullOf(v)
			}
		}
		if !creating && !metadataChanged(&plan, &state) {
			// Only extras (written apart, which moves no date) or nothing.
			remote["last_modified"] = state.LastModified
		}
		setPlanned(ctx, &resp.Plan, remote, &resp.Diagnostics)
		return
	}

	if !plan.FilePath.IsUnknown() {
		warnMissingFile(plan.FilePath.ValueString(), &resp.Diagnostics)
	}
	upload := creating || plan.FileHash.IsUnknown() || plan.FileHash.ValueString() != state.FileHash.ValueString() ||
		state.Filetype.ValueString() != planmodifiers.FiletypeFile
	refresh := ""
	if !creating {
		refresh = refreshID(ctx, req.Private)
	}
	if rec, ok := plannedFile(refresh); ok && rec.Path == plan.FilePath.ValueString() && plan.FileHash.ValueString() != rec.SHA1 {
		// The plan being applied was made for the file as it was then.
		fileChangedSincePlan(refresh, rec, plan.FileHash, &resp.Diagnostics)
		return
	}
	if !upload {
		// Same content on both sides: nothing the server derives from the
		// file changes.
		kept := state.derivedFromFile()
		if !metadataChanged(&plan, &state) {
			// Only the state learns something (e.g. file_path written
			// after an import): nothing is written, nothing moves.
			kept["last_modified"] = state.LastModified
		}
		setPlanned(ctx, &resp.Plan, kept, &resp.Diagnostics)
	} else {
		r.planUpload(ctx, resp, &plan, &state, creating)
	}
	if refresh != "" && !plan.FileHash.IsUnknown() && !resp.Plan.Raw.Equal(req.State.Raw) {
		// A change planned for the file of this sha1: watched until applied.
		recordPlannedFile(refresh, plan.FilePath.ValueString(), plan.FileHash.ValueString())
	}
}

// planUpload plans what an upload changes. file_hash is the sha1 that the
// plan read (or the one the configuration declares): apply publishes
// exactly those bytes, or nothing (local_file_upload.go), so data.gouv.fr's
// sha1 checksum is known too. A new resource's file is not read at plan:
// its file_hash and checksum are known after apply, which uploads the file
// as it is then. What data.gouv.fr derives from the upload (url, filesize)
// is known after it. format and mime follow the file's name: they stay
// known when its extensions do not change. (The framework marks these
// unknown only for changes in the configuration, not for a file that
// changed on its own.)
func (r *resourceResource) planUpload(ctx context.Context, resp *resource.ModifyPlanResponse, plan, state *resourceModel, creating bool) {
	planned := map[string]attr.Value{
		"url": types.StringUnknown(), "filesize": types.Int64Unknown(), "last_modified": types.StringUnknown(),
		"format": types.StringUnknown(), "mime": types.StringUnknown(),
		"checksum": types.ObjectUnknown(resourceChecksumAttrTypes),
	}
	if !creating && !plan.FilePath.IsUnknown() && sameExtensions(plan.FilePath.ValueString(), uploadedName(state)) {
		planned["format"], planned["mime"] = state.Format, state.Mime
	}
	if !plan.FileHash.IsUnknown() {
		// data.gouv.fr records the sha1 of what it receives.
		planned["checksum"] = types.ObjectValueMust(resourceChecksumAttrTypes,
			map[string]attr.Value{"type": types.StringValue("sha1"), "value": plan.FileHash})
	}
	setPlanned(ctx, &resp.Plan, planned, &resp.Diagnostics)
}

// planExtras plans extras: the configuration's keys, and the keys an import
// adopted that the configuration does not name (extras_adoption.go).
func (r *resourceResource) planExtras(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, creating bool) {
	var config types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("extras"), &config)...)
	if config.IsNull() {
		// Left out: no key managed.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("extras"), types.MapNull(types.StringType))...)
	}
	if !creating && !resp.Diagnostics.HasError() {
		planImportedExtras(ctx, req, resp)
	}
}

// metadataChanged tells whether a field sent by the metadata PUT differs
// between the plan and the state (extras are written apart).
func metadataChanged(plan, state *resourceModel) bool {
	same := plan.Title.Equal(state.Title) && plan.Description.Equal(state.Description) && plan.Type.Equal(state.Type) &&
		plan.Schema.Equal(state.Schema)
	if !plan.isLocal() {
		same = same && plan.URL.Equal(state.URL) && plan.Format.Equal(state.Format) && plan.Mime.Equal(state.Mime) &&
			plan.Filesize.Equal(state.Filesize) && plan.Checksum.Equal(state.Checksum)
	}
	return !same
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
