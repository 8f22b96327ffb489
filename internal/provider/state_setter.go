package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// stateSetter is what a Create, Read or Update writes its result to: the
// response's tfsdk.State, whichever of the three it is.
type stateSetter interface {
	Set(context.Context, any) diag.Diagnostics
}
