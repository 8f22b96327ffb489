package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The provider block's upload settings: how local files are cut into the
// requests of udata's chunked protocol. Their defaults are the client's
// (internal/client/client.go), which follow data.gouv.fr's own front end;
// a null setting reaches the client as 0, its default.

var _ provider.ProviderWithConfigValidators = (*DatagouvProvider)(nil)

func uploadPartSizeAttribute() schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true,
		Description: fmt.Sprintf("Size in bytes of the parts of a file uploaded with udata's chunked protocol, from %d (1 MiB) to %d (100 MB). "+
			"Defaults to %d (20 MB), as data.gouv.fr's own web front end. udata stores each part in a request of its own, then "+
			"concatenates them: larger parts mean fewer requests, but a udata that stores files on a local disk takes longer to "+
			"concatenate larger parts. Each part in flight holds its bytes in memory "+
			"(`upload_concurrency` + 1 parts at most), and a part that fails is sent again whole. Lower it if a proxy between "+
			"you and the portal refuses requests that large (HTTP 413).",
			client.MinUploadPartSize, client.MaxUploadPartSize, client.DefaultUploadPartSize),
		Validators: []validator.Int64{int64validator.Between(client.MinUploadPartSize, client.MaxUploadPartSize)},
	}
}

func uploadChunkThresholdAttribute() schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true,
		Description: "Size in bytes above which local files are uploaded with udata's chunked protocol, where a failed part is " +
			"retried alone. Defaults to `upload_part_size`: as data.gouv.fr's own web front end, a file that fits in one part " +
			"goes in one request. Above `upload_part_size`, files up to the threshold go in one request; below it (down to " +
			"1 MiB), it caps the parts, so that no request carries more of a file than the threshold (`upload_part_size` " +
			"may then not be set above it).",
		Validators: []validator.Int64{int64validator.AtLeast(1)},
	}
}

func uploadConcurrencyAttribute() schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true,
		Description: fmt.Sprintf("How many parts of one file a chunked upload sends at a time, from 1 (one after the other) to %d. "+
			"Defaults to %d. Each part in flight holds its bytes in memory (up to `upload_part_size` bytes), and one more is "+
			"being read: the file is read once, in order, into the parts' buffers.", client.MaxUploadConcurrency, client.DefaultUploadConcurrency),
		Validators: []validator.Int64{int64validator.Between(1, client.MaxUploadConcurrency)},
	}
}

// ConfigValidators checks the upload settings together.
func (p *DatagouvProvider) ConfigValidators(context.Context) []provider.ConfigValidator {
	return []provider.ConfigValidator{partSizeWithinThreshold{}}
}

// partSizeWithinThreshold refuses a part size above an explicit threshold:
// the threshold caps the parts, so the part size would be silently ignored.
// Unknown values are checked once known.
type partSizeWithinThreshold struct{}

func (partSizeWithinThreshold) Description(context.Context) string {
	return "upload_part_size is at most upload_chunk_threshold"
}

func (v partSizeWithinThreshold) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (partSizeWithinThreshold) ValidateProvider(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var part, threshold types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("upload_part_size"), &part)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("upload_chunk_threshold"), &threshold)...)
	if resp.Diagnostics.HasError() || part.IsNull() || part.IsUnknown() || threshold.IsNull() || threshold.IsUnknown() {
		return
	}
	if part.ValueInt64() > threshold.ValueInt64() {
		resp.Diagnostics.AddAttributeError(path.Root("upload_part_size"), "Upload part size above the chunk threshold",
			fmt.Sprintf("upload_part_size is %d bytes but upload_chunk_threshold is %d: the threshold caps the parts, so that no "+
				"request carries more of a file than it, and parts of %d bytes would never be sent. Set upload_part_size at most "+
				"upload_chunk_threshold, or leave upload_chunk_threshold out (it then follows upload_part_size).",
				part.ValueInt64(), threshold.ValueInt64(), part.ValueInt64()))
	}
}
