package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// tflogLogger routes the API client's logs into Terraform's log stream
// (TF_LOG). The client has already redacted the API key from what it logs;
// the mask below is a second line of defence on the header's field.
type tflogLogger struct{}

func (tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(tflog.MaskFieldValuesWithFieldKeys(ctx, "X-Api-Key", "X-API-KEY", "api_key"), msg, fields)
}

func (tflogLogger) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(tflog.MaskFieldValuesWithFieldKeys(ctx, "X-Api-Key", "X-API-KEY", "api_key"), msg, fields)
}
