package provider

import (
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
)

// A refresh mostly finds each object as the state has it. Writing the model
// back (tfsdk.State.Set) then rebuilds the same state value through
// reflection over every attribute, about a third of the provider's CPU per
// Read (issue 12: a plan refreshing 500 files). The framework hands Read a
// response already holding the prior state, so a Read whose model did not
// change may leave it as it is.

// modelsEqual tells whether two models (structs of the same type whose
// fields are attr.Values, tagged tfsdk) hold the same values. Every field
// counts, by reflection, so that a field added later is never skipped.
func modelsEqual(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Kind() == reflect.Pointer {
		va, vb = va.Elem(), vb.Elem()
	}
	if va.Type() != vb.Type() || va.Kind() != reflect.Struct {
		return false
	}
	for i := range va.NumField() {
		fa, fb := va.Field(i).Interface(), vb.Field(i).Interface()
		if x, ok := fa.(attr.Value); ok {
			if !x.Equal(fb.(attr.Value)) {
				return false
			}
			continue
		}
		if !reflect.DeepEqual(fa, fb) {
			return false
		}
	}
	return true
}
