package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Helpers on the framework's values that every type's code uses.

// isSet tells a configuration value that is known and not null.
func isSet(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// objectAsOptions are the options of every types.Object.As, named once:
// the framework's defaults (a null or unknown object is an error, not an
// empty struct).
var objectAsOptions = basetypes.ObjectAsOptions{}
