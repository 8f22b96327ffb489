package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/planmodifiers"
)

// This file maps datagouv_resource between its Terraform model and the API
// client's structs, and holds the rules that keep that mapping free of
// perpetual diffs (letter case of formats, server-owned extras, "" ≡ null).

// resourceModel is datagouv_resource's schema as a Go struct.
type resourceModel struct {
	ID           types.String   `tfsdk:"id"`
	DatasetID    types.String   `tfsdk:"dataset_id"`
	Title        types.String   `tfsdk:"title"`
	Description  types.String   `tfsdk:"description"`
	Type         types.String   `tfsdk:"type"`
	Format       types.String   `tfsdk:"format"`
	Mime         types.String   `tfsdk:"mime"`
	Schema       types.Object   `tfsdk:"schema"`
	Extras       types.Map      `tfsdk:"extras"`
	URL          types.String   `tfsdk:"url"`
	Checksum     types.Object   `tfsdk:"checksum"`
	Filesize     types.Int64    `tfsdk:"filesize"`
	FilePath     types.String   `tfsdk:"file_path"`
	FileHash     types.String   `tfsdk:"file_hash"`
	Filetype     types.String   `tfsdk:"filetype"`
	Latest       types.String   `tfsdk:"latest"`
	CreatedAt    types.String   `tfsdk:"created_at"`
	LastModified types.String   `tfsdk:"last_modified"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

// resourceSchemaModel is the schema block.
type resourceSchemaModel struct {
	Name    types.String `tfsdk:"name"`
	Version types.String `tfsdk:"version"`
	URL     types.String `tfsdk:"url"`
}

// resourceChecksumModel is the checksum block.
type resourceChecksumModel struct {
	Type  types.String `tfsdk:"type"`
	Value types.String `tfsdk:"value"`
}

var (
	resourceSchemaAttrTypes = map[string]attr.Type{
		"name": types.StringType, "version": types.StringType, "url": types.StringType,
	}
	resourceChecksumAttrTypes = map[string]attr.Type{
		"type": types.StringType, "value": types.StringType,
	}
)

// isLocal tells whether the model describes a file uploaded from file_path
// rather than a remote link.
func (m *resourceModel) isLocal() bool {
	return !m.FilePath.IsNull() || m.Filetype.ValueString() == planmodifiers.FiletypeFile
}

// metadataInput is the body of the metadata PUT (and, with declaredExtras,
// of a remote create) for the desired state m. A PUT never carries extras:
// udata would replace the whole object, dropping the check:* and
// analysis:* keys its services write at any time; the managed keys are
// written through the v2 endpoint (extrasUpdate). For a hosted file the
// body leaves out what the portal derives from the file.
func (m *resourceModel) metadataInput(ctx context.Context) (*client.ResourceInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := &client.ResourceInput{
		Title:       m.Title.ValueString(),
		Description: optionalString(m.Description),
		Type:        m.Type.ValueString(),
		Hosted:      m.isLocal(),
	}
	if !m.Schema.IsNull() && !m.Schema.IsUnknown() {
		var s resourceSchemaModel
		diags.Append(m.Schema.As(ctx, &s, basetypes.ObjectAsOptions{})...)
		in.Schema = &client.Schema{Name: optionalString(s.Name), Version: optionalString(s.Version), URL: optionalString(s.URL)}
		if in.Schema.Name == nil && in.Schema.Version == nil && in.Schema.URL == nil {
			in.Schema = nil // every field empty: no schema
		}
	}
	if !in.Hosted {
		in.URL = strings.TrimSpace(m.URL.ValueString())
		in.Format = optionalString(m.Format)
		in.Mime = optionalString(m.Mime)
		if !m.Filesize.IsNull() && !m.Filesize.IsUnknown() {
			v := m.Filesize.ValueInt64()
			in.Filesize = &v
		}
		if !m.Checksum.IsNull() && !m.Checksum.IsUnknown() {
			var c resourceChecksumModel
			diags.Append(m.Checksum.As(ctx, &c, basetypes.ObjectAsOptions{})...)
			in.Checksum = &client.Checksum{Type: c.Type.ValueString(), Value: c.Value.ValueString()}
		}
	}
	return in, diags
}

// readOptions say how to map an API answer onto a model whose prior values
// (from the state or the plan) are already in it.
type readOptions struct {
	// importing: no managed extras keys are known yet; adopt the
	// resource's extras except those the portal writes itself.
	importing bool
}

// fromAPI sets m from the server's resource r of dataset datasetID. The
// values already in m are the prior ones: they decide which extras keys are
// managed, and keep the user's spelling where the server only normalizes
// (letter case of format, surrounding spaces of url, "" for null).
func (m *resourceModel) fromAPI(r *client.Resource, datasetID string, opts readOptions) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(r.ID)
	m.DatasetID = types.StringValue(datasetID)
	m.Title = types.StringValue(r.Title)
	m.Description = optionalStringFromAPI(r.Description, m.Description)
	m.Type = types.StringValue(r.Type)
	m.Filetype = types.StringValue(r.Filetype)
	m.Latest = types.StringValue(r.Latest)
	// udata answers a write with microseconds and stores milliseconds (what
	// every later read gives): the state holds the instant at the
	// millisecond, so that a write's answer, a refresh and an import agree.
	m.CreatedAt = dateTimeFromAPI(&r.CreatedAt, types.StringNull())
	m.LastModified = dateTimeFromAPI(&r.LastModified, types.StringNull())

	local := r.Filetype == planmodifiers.FiletypeFile
	if local {
		// Server-owned for hosted files: the state follows the portal.
		m.URL = types.StringValue(r.URL)
		m.Format = stringFromAPI(r.Format)
		m.Mime = stringFromAPI(r.Mime)
	} else {
		m.FilePath = types.StringNull()
		m.FileHash = types.StringNull()
		// udata trims the URL; keep what the user wrote.
		if keep := !m.URL.IsNull() && !m.URL.IsUnknown() && strings.TrimSpace(m.URL.ValueString()) == r.URL; !keep {
			m.URL = types.StringValue(r.URL)
		}
		// udata lower-cases formats; keep the user's spelling.
		if keep := r.Format != nil && !m.Format.IsNull() && !m.Format.IsUnknown() && strings.EqualFold(strings.TrimSpace(m.Format.ValueString()), *r.Format); !keep {
			m.Format = optionalStringFromAPI(r.Format, m.Format)
		}
		m.Mime = optionalStringFromAPI(r.Mime, m.Mime)
	}

	if r.Filesize != nil {
		m.Filesize = types.Int64Value(*r.Filesize)
	} else {
		m.Filesize = types.Int64Null()
	}
	if r.Checksum != nil {
		m.Checksum = types.ObjectValueMust(resourceChecksumAttrTypes, map[string]attr.Value{
			"type": types.StringValue(r.Checksum.Type), "value": types.StringValue(r.Checksum.Value),
		})
	} else {
		m.Checksum = types.ObjectNull(resourceChecksumAttrTypes)
	}
	if local {
		// file_hash is the portal's checksum of the hosted file: the plan
		// compares it with the local file's sha1, so that a change on
		// either side shows. Anything but a sha1 never matches a sha1.
		switch {
		case r.Checksum != nil && strings.EqualFold(r.Checksum.Type, "sha1"):
			m.FileHash = types.StringValue(strings.ToLower(r.Checksum.Value))
		default:
			m.FileHash = types.StringValue("")
		}
	}

	m.Schema = schemaFromAPI(r.Schema, m.Schema)

	extras, d := extrasFromAPI(r.Extras, m.Extras, opts.importing)
	diags.Append(d...)
	if opts.importing && len(extras.Elements()) == 0 {
		extras = types.MapNull(types.StringType) // as a configuration without extras plans them
	}
	m.Extras = extras
	return diags
}

// schemaFromAPI reads the resource's schema. udata stores an empty field
// as none: prior's "" (as configured) stays "", and a prior schema whose
// fields are all empty stands for no schema.
func schemaFromAPI(s *client.Schema, prior types.Object) types.Object {
	priorField := func(name string) types.String {
		if prior.IsNull() || prior.IsUnknown() {
			return types.StringNull()
		}
		v, _ := prior.Attributes()[name].(types.String)
		return v
	}
	if s == nil || s.Name == nil && s.Version == nil && s.URL == nil {
		if !prior.IsNull() && !prior.IsUnknown() && priorField("name").ValueString() == "" &&
			priorField("version").ValueString() == "" && priorField("url").ValueString() == "" {
			return prior
		}
		return types.ObjectNull(resourceSchemaAttrTypes)
	}
	return types.ObjectValueMust(resourceSchemaAttrTypes, map[string]attr.Value{
		"name":    optionalStringFromAPI(s.Name, priorField("name")),
		"version": optionalStringFromAPI(s.Version, priorField("version")),
		"url":     optionalStringFromAPI(s.URL, priorField("url")),
	})
}

// derivedFromFile are the values data.gouv.fr derives from the link or the
// uploaded file, by attribute name: what ModifyPlan keeps, clears or marks
// unknown together.
func (m *resourceModel) derivedFromFile() map[string]attr.Value {
	return map[string]attr.Value{"url": m.URL, "format": m.Format, "mime": m.Mime, "filesize": m.Filesize, "checksum": m.Checksum}
}
