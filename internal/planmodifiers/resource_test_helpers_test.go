package planmodifiers

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// resourceTestSchema is the part of datagouv_resource's schema these
// modifiers read.
var resourceTestSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"url":       schema.StringAttribute{Optional: true, Computed: true},
	"file_path": schema.StringAttribute{Optional: true},
	"file_hash": schema.StringAttribute{Optional: true, Computed: true},
	"filetype":  schema.StringAttribute{Computed: true},
}}

var resourceTestType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"url": tftypes.String, "file_path": tftypes.String, "file_hash": tftypes.String, "filetype": tftypes.String,
}}

// obj builds an object of resourceTestType; absent attributes are null, a
// value of unknownValue is unknown.
func obj(attrs map[string]any) tftypes.Value {
	vals := map[string]tftypes.Value{}
	for name := range resourceTestType.AttributeTypes {
		v, ok := attrs[name]
		switch {
		case !ok:
			vals[name] = tftypes.NewValue(tftypes.String, nil)
		case v == unknownValue:
			vals[name] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
		default:
			vals[name] = tftypes.NewValue(tftypes.String, v)
		}
	}
	return tftypes.NewValue(resourceTestType, vals)
}

const unknownValue = "<unknown>"

func config(attrs map[string]any) tfsdk.Config {
	return tfsdk.Config{Schema: resourceTestSchema, Raw: obj(attrs)}
}

func plan(attrs map[string]any) tfsdk.Plan {
	return tfsdk.Plan{Schema: resourceTestSchema, Raw: obj(attrs)}
}

func state(attrs map[string]any) tfsdk.State {
	if attrs == nil {
		return tfsdk.State{Schema: resourceTestSchema, Raw: tftypes.NewValue(resourceTestType, nil)}
	}
	return tfsdk.State{Schema: resourceTestSchema, Raw: obj(attrs)}
}
