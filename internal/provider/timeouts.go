package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// operationTimeouts are a resource's default time limits. They bound the
// client's retries too (backoff on 429/5xx can wait up to 30 s an attempt).
type operationTimeouts struct {
	Create, Read, Update, Delete time.Duration
}

var timeoutsAttrTypes = map[string]attr.Type{
	"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType,
}

// timeoutsBlock is the `timeouts` block of a resource, its description
// stating the defaults so that the docs say them.
func timeoutsBlock(ctx context.Context, d operationTimeouts) schema.Block {
	b := timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true})
	nested, ok := b.(schema.SingleNestedBlock)
	if !ok {
		return b
	}
	nested.Description = fmt.Sprintf(
		"Time limits of the operations, as Go durations (e.g. `30m`): create %s, read %s, update %s, delete %s by default. "+
			"They include the retries of requests the portal answers with 429, 502, 503 or 504.",
		d.Create, d.Read, d.Update, d.Delete)
	return nested
}

// knownTimeouts returns v, or a null block when v is unset (after an
// import, or from an API answer), so that state never holds an unknown.
func knownTimeouts(v timeouts.Value) timeouts.Value {
	if v.IsNull() || v.IsUnknown() {
		return timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)}
	}
	return v
}

// operationContext bounds ctx by an operation's timeout: the one configured
// in the `timeouts` block (configured is e.g. plan.Timeouts.Create), else def.
// The returned cancel is never nil; check diags before going on.
func operationContext(ctx context.Context, configured func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	timeout, d := configured(ctx, def)
	diags.Append(d...)
	return context.WithTimeout(ctx, timeout)
}
