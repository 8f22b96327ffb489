package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/planmodifiers"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/validators"
)

// Schema of datagouv_resource: attributes, descriptions (docs are generated
// from them), validators and plan modifiers.

func (r *resourceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Description: "A resource (file) of a data.gouv.fr dataset: either a link to a file hosted elsewhere (`url`) or a " +
			"local file uploaded to data.gouv.fr (`file_path`). A local file is hashed during plan and uploaded again " +
			"only when its content differs from the file on data.gouv.fr, whichever side changed; apply publishes exactly " +
			"the content the plan hashed, or nothing. A new resource's file is not read at plan: apply uploads it as it is then. " +
			"Destroying it deletes it for good, and a hosted file's content with it " +
			"(data.gouv.fr keeps no copy): the plan warns, naming the file; `lifecycle { prevent_destroy = true }` prevents it. " +
			"Its identity (Terraform and OpenTofu 1.12 or later) is its `dataset_id` and `id`: an `import` block may give " +
			"`identity = { dataset_id = \"<dataset id>\", id = \"<resource id>\" }` instead of `id`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   "The resource's id on data.gouv.fr (a UUID). It stays the same when the file is uploaded again.",
				PlanModifiers: useState,
			},
			"dataset_id": schema.StringAttribute{
				Required:      true,
				Description:   "Id of the dataset the resource belongs to (24 hexadecimal characters, e.g. `datagouv_dataset.x.id`). Changing it replaces the resource.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{
					validators.NotEmpty("dataset id", "refer to the dataset, e.g. datagouv_dataset.<name>.id"),
					validators.ObjectID("dataset", func(string) string {
						return "Refer to the dataset's id attribute, e.g. dataset_id = datagouv_dataset.<name>.id."
					}),
				},
			},
			"title": schema.StringAttribute{
				Required: true,
				Description: "Title shown on data.gouv.fr (at most 350 characters). Updated in place. data.gouv.fr resets the title " +
					"to the file name when a file is uploaded; the provider puts this title back right after.",
				Validators: []validator.String{validators.NotBlank(), stringvalidator.UTF8LengthAtMost(350)},
			},
			"description": schema.StringAttribute{
				Optional:    true,
				Description: "Description in Markdown. Updated in place; leaving it out clears it.",
			},
			"type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString("main"),
				Description: "Kind of resource: `main` (a data file), `documentation`, `update`, `api`, `code` or `other`. " +
					"Defaults to `main`. Updated in place.",
				Validators: []validator.String{stringvalidator.OneOf(resourceTypes...)},
			},
			"format": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "File format shown on data.gouv.fr, e.g. `csv` (compared without regard to letter case: data.gouv.fr " +
					"lower-cases it). For a remote resource it may be set, updated in place, and left out clears it. For a local " +
					"file it cannot be set: data.gouv.fr derives it from the file's extension at each upload.",
			},
			"mime": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "MIME type, e.g. `text/csv`. For a remote resource it may be set, updated in place, and left out " +
					"clears it. For a local file it cannot be set: data.gouv.fr derives it from the file's extension at each upload.",
			},
			"schema": schema.SingleNestedAttribute{
				Optional:    true,
				Description: "The data schema the file follows (see schema.data.gouv.fr). Updated in place; leaving it out removes it.",
				Attributes: map[string]schema.Attribute{
					"name":    schema.StringAttribute{Optional: true, Description: "Schema name, e.g. `etalab/schema-irve-statique`."},
					"version": schema.StringAttribute{Optional: true, Description: "Schema version, e.g. `2.3.1`."},
					"url":     schema.StringAttribute{Optional: true, Description: "URL of a schema that is not in the catalogue."},
				},
			},
			"extras": schema.MapAttribute{
				Validators: []validator.Map{validators.ExtrasKeys()},
				Optional:   true,
				// Computed only so that the keys an import adopted stay in
				// the state while the configuration does not name them
				// (extras_adoption.go); left out, no key is managed.
				Computed:    true,
				ElementType: types.StringType,
				Description: "Extra key/value metadata. Only the keys written here are managed: keys added on data.gouv.fr " +
					"(e.g. `check:*` and `analysis:*` of the portal's own services) are kept there and never show as changes. " +
					"A key removed from here is removed from data.gouv.fr. Keys an import adopted and the configuration never " +
					"names are not managed either: no plan removes them from the portal. Updated in place." + extrasValuesDescription,
			},
			"url": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "For a remote resource: the file's address (http, https, ftp or ftps, on a public host); changing it " +
					"updates the resource in place. For a local file: computed, the address data.gouv.fr serves the file at, which " +
					"changes at each upload (use `latest` for a stable link). Exactly one of `url` and `file_path` must be set; " +
					"switching between them replaces the resource.",
				Validators: []validator.String{validators.ResourceURL()},
			},
			"checksum": schema.SingleNestedAttribute{
				Optional: true,
				Computed: true,
				Description: "Checksum of the file. For a remote resource it may be declared (changing it updates the record in " +
					"place, which is how a producer tells data.gouv.fr that the remote file changed); left out, it is removed. For a " +
					"local file it is computed by data.gouv.fr (sha1 of the uploaded content) and cannot be set.",
				// Both are required when checksum is written (see
				// ValidateConfig). They are not marked Required: Terraform
				// would then take a checksum left out of the configuration
				// for one removed, and plan a change at every run for local
				// files, whose checksum is computed.
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						Optional:    true,
						Computed:    true,
						Description: "Algorithm: `sha1`, `sha2`, `sha256`, `md5` or `crc`. Required in a checksum.",
						Validators:  []validator.String{stringvalidator.OneOf(checksumTypes...)},
					},
					"value": schema.StringAttribute{
						Optional:    true,
						Computed:    true,
						Description: "The checksum's value. Required in a checksum.",
						Validators:  []validator.String{validators.NotEmpty("checksum value", "write the checksum's value, or leave checksum out")},
					},
				},
			},
			"filesize": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Description: "Size of the file in bytes. May be declared for a remote resource (updated in place; left out, it is " +
					"removed); computed by data.gouv.fr for a local file.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"file_path": schema.StringAttribute{
				Optional: true,
				Description: "Path of a local file to upload to data.gouv.fr (a regular file; its extension must be one " +
					"data.gouv.fr accepts, e.g. csv, json, zip). The file is hashed during plan, and uploaded again in place " +
					"(same resource id) whenever its content differs from the file on data.gouv.fr. The plan shows that sha1 as " +
					"`file_hash`, and apply uploads exactly those bytes: a file edited after the plan (or between `plan -out` and " +
					"`apply`) stops the apply with \"Local file changed since plan\" on `file_path`, nothing published; plan again. " +
					"A new resource's file is not read at plan (only opened): apply uploads it as it is then. " +
					"A file missing at plan is a warning (it may be written during the apply), still " +
					"missing at apply an error before anything is sent. A resource imported from data.gouv.fr has no `file_path` " +
					"until you write it: the first plan then shows an update of `file_path` alone, which sends nothing when the " +
					"content is the portal's.",
				Validators: []validator.String{validators.NotEmpty("file path",
					`name the local file to upload, e.g. "data/export.csv", or set url instead for a file hosted elsewhere`)},
			},
			"file_hash": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "Lower-case hex sha1 of the local file's content (the algorithm of data.gouv.fr's own checksum). " +
					"In the state it is data.gouv.fr's checksum of the hosted file, compared during plan with the sha1 of " +
					"`file_path`: a difference on either side plans an upload. Left out, the plan shows the sha1 it read, and " +
					"apply publishes those bytes or nothing (\"Local file changed since plan\"); it is known after apply only for " +
					"a file not read at plan: a new resource's, or one missing at plan. Set it to pin the content (e.g. from the " +
					"resource that writes the file): apply then uploads nothing unless the file has this sha1.",
				Validators:    []validator.String{stringvalidator.RegexMatches(sha1Hex, "must be 40 lower-case hexadecimal digits (a sha1)")},
				PlanModifiers: []planmodifier.String{planmodifiers.ResourceFileHash(localFiles{})},
			},
			"filetype": schema.StringAttribute{
				Computed:      true,
				Description:   "`file` for a file hosted by data.gouv.fr (`file_path`), `remote` for a link (`url`).",
				PlanModifiers: []planmodifier.String{planmodifiers.ResourceFiletype()},
			},
			"latest": schema.StringAttribute{
				Computed:      true,
				Description:   "Stable permalink of the resource (`…/api/1/datasets/r/{id}`), redirecting to its current file.",
				PlanModifiers: useState,
			},
			"created_at": schema.StringAttribute{
				Computed:      true,
				Description:   "When the resource was created on data.gouv.fr (ISO 8601).",
				PlanModifiers: useState,
			},
			"last_modified": schema.StringAttribute{
				Computed:    true,
				Description: "When the resource was last modified on data.gouv.fr (ISO 8601); changes at every update.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx, resourceTimeouts),
		},
	}
}

func (r *resourceResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("url"), path.MatchRoot("file_path")),
	}
}
