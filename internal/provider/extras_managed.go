package provider

import (
	"context"
	"encoding/json"
	"maps"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// This file is the one rule for the extras of every type that has them
// (datasets, resources, dataservices): which keys the state holds, how a
// value shows there, and what a write sends. The keys an import adopted
// are in extras_adoption.go.
//
// The configuration's extras are strings; the portal keeps any JSON value
// (udata 17.6.0 stores and returns numbers, booleans, lists and objects as
// they were sent). A value shows as its text (extraString): a string as it
// is, anything else as JSON (3 → "3", true → "true"). A write sends only
// the keys whose text the configuration changes: a value whose text is
// unchanged stays on the portal as it is, with its JSON type, whatever the
// path (an import and the configuration Terraform generates for it, an
// update of another attribute). A changed value is written as a string.

// extrasValuesDescription ends the description of every extras attribute:
// what a value that is not a string on the portal becomes.
const extrasValuesDescription = " A value the portal holds as a number, boolean, list or object shows as its JSON text " +
	"(`\"3\"`, `\"true\"`, `\"{\\\"a\\\":1}\"`) and keeps its type on the portal as long as that text is unchanged, even when " +
	"other attributes are updated; a value changed here is written as a string."

// portalExtrasPrefixes name the extras keys data.gouv.fr's own services
// write (link checks and file analysis on resources, recommendations on
// datasets): never the user's, never adopted by an import.
var portalExtrasPrefixes = []string{"check:", "analysis:", "recommendations:", "recommendations-"}

// isPortalExtra tells the keys the portal and the provider write
// themselves (the latter: the creation marker).
func isPortalExtra(key string) bool {
	if isCreateMarker(key) || key == "recommendations" {
		return true
	}
	for _, p := range portalExtrasPrefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// extraString is the text an extras value shows as: strings as they are,
// anything else as JSON.
func extraString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// extrasFromAPI is the state's extras for the portal's (server). Importing
// (or prior unknown), every key but the portal's own is taken, to be
// adopted (extras_adoption.go); otherwise the managed keys, prior's, with
// the portal's values (a key removed on the portal leaves, so that the plan
// puts it back). A null prior, outside an import, stays null: no key is
// managed.
func extrasFromAPI(server map[string]any, prior types.Map, importing bool) (types.Map, diag.Diagnostics) {
	var keys []string
	switch {
	case importing || prior.IsUnknown():
		for k := range server {
			if !isPortalExtra(k) {
				keys = append(keys, k)
			}
		}
	case prior.IsNull():
		return prior, nil
	default:
		for k := range prior.Elements() {
			keys = append(keys, k)
		}
	}
	values := make(map[string]attr.Value, len(keys))
	for _, k := range keys {
		if v, ok := server[k]; ok {
			values[k] = types.StringValue(extraString(v))
		}
	}
	return types.MapValue(types.StringType, values)
}

// declaredExtras are the configuration's extras, as a create sends them.
func declaredExtras(ctx context.Context, extras types.Map) (map[string]any, diag.Diagnostics) {
	out := map[string]any{}
	if extras.IsNull() || extras.IsUnknown() {
		return out, nil
	}
	var declared map[string]string
	diags := extras.ElementsAs(ctx, &declared, false)
	for k, v := range declared {
		out[k] = v
	}
	return out, diags
}

// extrasUpdate is what an update writes to the extras of an object whose
// extras on the portal are server (read just before): the planned keys
// whose text differs, as strings; the keys managed in prior and no longer
// planned, as null (removed). Keys nobody declared are left out, and so
// are the keys an import adopted and the configuration never named: they
// stay as they are. nil when nothing is to be written.
func extrasUpdate(ctx context.Context, prior, planned types.Map, adopted []string, server map[string]any) (map[string]any, diag.Diagnostics) {
	removed, diags := removedExtrasKeys(ctx, prior, planned)
	changes := map[string]any{}
	if !planned.IsNull() && !planned.IsUnknown() {
		var want map[string]string
		diags.Append(planned.ElementsAs(ctx, &want, false)...)
		for k, v := range want {
			if cur, ok := server[k]; !ok || extraString(cur) != v {
				changes[k] = v
			}
		}
	}
	for _, k := range unadopted(removed, adopted) {
		if _, ok := server[k]; ok {
			changes[k] = nil
		}
	}
	return withoutAdopted(changes, adopted), diags
}

// removedExtrasKeys are the extras keys managed in prior and no longer in
// planned.
func removedExtrasKeys(ctx context.Context, prior, planned types.Map) ([]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if prior.IsNull() || prior.IsUnknown() {
		return nil, diags
	}
	var before, after map[string]string
	diags.Append(prior.ElementsAs(ctx, &before, false)...)
	if !planned.IsNull() && !planned.IsUnknown() {
		diags.Append(planned.ElementsAs(ctx, &after, false)...)
	}
	var removed []string
	for k := range before {
		if _, ok := after[k]; !ok {
			removed = append(removed, k)
		}
	}
	sort.Strings(removed)
	return removed, diags
}

// withExtrasUpdate is the whole extras object that brings server to an
// extrasUpdate's changes, for an API that writes extras only whole (the
// dataservice's PATCH): server's values as they are (their JSON types
// kept), the changes set, the removed keys dropped. nil when there are no
// changes: the body then leaves extras out, which udata keeps.
func withExtrasUpdate(server, changes map[string]any) map[string]any {
	if changes == nil {
		return nil
	}
	out := maps.Clone(server)
	if out == nil {
		out = map[string]any{}
	}
	for k, v := range changes {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}
