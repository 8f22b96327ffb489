package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/planmodifiers"
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
	// configuration names, if known (validation_portal.go).
	data := portalForChecks(r.data, r.validation)
	if data == nil {
		return
	}
	checkResourceSchema(ctx, data, cfg.Schema, &resp.Diagnostics)
	if isSet(cfg.FilePath) && strings.TrimSpace(cfg.FilePath.ValueString()) != "" {
		checkUploadExtension(ctx, data, cfg.FilePath.ValueString(), &resp.Diagnostics)
	}
}

// isSet tells a configuration value that is known and not null.
func isSet(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// ModifyPlan completes the plan of the values that follow from whether a
// local file is uploaded again, and checks the file's extension.
func (r *resourceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
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
	if rec, ok := plannedFile(refresh); ok && upload && !plan.FileHash.IsUnknown() && rec.Path == plan.FilePath.ValueString() &&
		rec.SHA1 == state.FileHash.ValueString() {
		// The plan being applied kept this file; it changed since.
		fileChangedSincePlan(refresh, rec, plan.FileHash.ValueString(), &resp.Diagnostics)
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
		if refresh != "" && !resp.Plan.Raw.Equal(req.State.Raw) {
			// An update that keeps the file: watched until applied.
			recordPlannedFile(refresh, plan.FilePath.ValueString(), state.FileHash.ValueString())
		}
		return
	}
	r.planUpload(ctx, req, resp, &plan, &state, creating)
}

// planUpload plans what an upload changes. What data.gouv.fr derives from
// the file's content (url, filesize, checksum) is known after the upload,
// and so is file_hash unless the configuration declares it: the file is read
// again when apply uploads it, and what is uploaded is the file as it is
// then (local_file_upload.go). Planning the sha1 read now would make
// Terraform fail with "inconsistent final plan" when the file changes before
// apply. format and mime follow the file's name: they stay known when its
// extensions do not change. (The framework marks these unknown only for
// changes in the configuration, not for a file that changed on its own.)
func (r *resourceResource) planUpload(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, plan, state *resourceModel, creating bool) {
	planned := map[string]attr.Value{
		"url": types.StringUnknown(), "filesize": types.Int64Unknown(), "last_modified": types.StringUnknown(),
		"format": types.StringUnknown(), "mime": types.StringUnknown(),
	}
	if !creating && !plan.FilePath.IsUnknown() && sameExtensions(plan.FilePath.ValueString(), uploadedName(state)) {
		planned["format"], planned["mime"] = state.Format, state.Mime
	}
	setPlanned(ctx, &resp.Plan, planned, &resp.Diagnostics)
	var declared types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("file_hash"), &declared)...)
	if declared.IsNull() || declared.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("file_hash"), types.StringUnknown())...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("checksum"), types.ObjectUnknown(resourceChecksumAttrTypes))...)
		return
	}
	// Apply uploads the file only if its sha1 is the declared one, and
	// data.gouv.fr records the sha1 of what it receives.
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("checksum"), types.ObjectValueMust(resourceChecksumAttrTypes,
		map[string]attr.Value{"type": types.StringValue("sha1"), "value": declared}))...)
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
