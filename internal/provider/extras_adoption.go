package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// This file keeps the extras an import adopted out of the provider's hands
// until a configuration names them.
//
// An import cannot know which extras keys the configuration will manage, so
// it takes every key (but the portal's own) into the state: a configuration
// that declares them all then plans nothing. A key the configuration never
// names is not managed: no plan removes it from the portal. It stays in the
// state while the plan can keep it there (Terraform accepts the prior value
// for a configured map only when nothing else changes); otherwise it leaves
// the state, and only the state, with a warning. A key removed from the
// configuration after being named there is removed from the portal as
// usual: the difference is history, which the private state remembers.

// privateAdoptedExtras is the private-state key holding the extras keys an
// import adopted and no configuration has named since (a JSON list).
const privateAdoptedExtras = "adopted_extras"

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// adoptedExtras reads the keys adopted by an import and not named since.
func adoptedExtras(ctx context.Context, p privateGetter) ([]string, diag.Diagnostics) {
	raw, diags := p.GetKey(ctx, privateAdoptedExtras)
	if diags.HasError() || len(raw) == 0 {
		return nil, diags
	}
	var keys []string
	if err := json.Unmarshal(raw, &keys); err != nil {
		diags.AddError("Unreadable private state", fmt.Sprintf("The provider's record of imported extras keys is not valid: %s. "+
			"This is a bug in the provider; please report it.", err))
	}
	return keys, diags
}

// setAdoptedExtras records keys (none removes the record).
func setAdoptedExtras(ctx context.Context, p privateSetter, keys []string) diag.Diagnostics {
	if len(keys) == 0 {
		return p.SetKey(ctx, privateAdoptedExtras, nil)
	}
	keys = slices.Clone(keys)
	sort.Strings(keys)
	raw, err := json.Marshal(keys)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Could not record imported extras keys", err.Error())
		return diags
	}
	return p.SetKey(ctx, privateAdoptedExtras, raw)
}

// adoptImportedExtras records every extras key an import's Read put in
// state as adopted.
func adoptImportedExtras(ctx context.Context, state *tfsdk.State, p privateSetter) diag.Diagnostics {
	var extras types.Map
	diags := state.GetAttribute(ctx, path.Root("extras"), &extras)
	if diags.HasError() {
		return diags
	}
	diags.Append(setAdoptedExtras(ctx, p, adoptedKeysOf(extras))...)
	return diags
}

// adoptedKeysOf are the keys of m, the extras an import just read.
func adoptedKeysOf(m types.Map) []string {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	keys := make([]string, 0, len(m.Elements()))
	for k := range m.Elements() {
		keys = append(keys, k)
	}
	return keys
}

// planImportedExtras completes an update's plan of extras, for every type
// with extras: the keys an import adopted that the configuration does not
// name are kept out of the update (planAdoptedExtras), and the private
// state keeps them for the apply.
func planImportedExtras(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	adopted, diags := adoptedExtras(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	var config, planned, state types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("extras"), &config)...)
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("extras"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("extras"), &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	extras, unnamed, diags := planAdoptedExtras(config, planned, state, adopted)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("extras"), extras)...)
	resp.Diagnostics.Append(setAdoptedExtras(ctx, resp.Private, unnamed)...)
}

// planAdoptedExtras completes the plan of extras for the adopted keys: it
// returns the extras to plan (planned unchanged when no adopted key is
// left unnamed), the adopted keys the configuration does not name (they
// must not be removed from the portal: the apply reads them from the
// planned private state), and a warning when some of them leave the state.
func planAdoptedExtras(config, planned, state types.Map, adopted []string) (types.Map, []string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if len(adopted) == 0 || config.IsUnknown() || state.IsNull() || state.IsUnknown() {
		return planned, adopted, diags
	}
	named := config.Elements()
	stateValues := state.Elements()
	var unnamed []string
	for _, k := range adopted {
		if _, ok := named[k]; ok {
			continue // managed from now on
		}
		if _, ok := stateValues[k]; ok {
			unnamed = append(unnamed, k)
		}
	}
	if len(unnamed) == 0 {
		return planned, nil, diags
	}
	sort.Strings(unnamed)
	want := make(map[string]attr.Value, len(named)+len(unnamed))
	for k, v := range named {
		want[k] = v
	}
	for _, k := range unnamed {
		want[k] = stateValues[k]
	}
	wanted, d := types.MapValue(types.StringType, want)
	diags.Append(d...)
	switch {
	case config.IsNull(), wanted.Equal(state):
		// Terraform accepts any value for a computed map left out of the
		// configuration, and the prior value for one written there.
		return wanted, unnamed, diags
	}
	diags.AddAttributeWarning(path.Root("extras"), "Imported extras keys leave the state",
		fmt.Sprintf("The extras key(s) %s were adopted by an import and are not in the configuration: they are not managed, so "+
			"they stay on data.gouv.fr as they are. The plan shows them leaving the state only. Declare them in extras to manage them.",
			quoteKeys(unnamed)))
	return planned, unnamed, diags
}

func quoteKeys(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = fmt.Sprintf("%q", k)
	}
	return strings.Join(q, ", ")
}

// unadopted drops from removed the keys an import adopted and the
// configuration never named: they are not managed, never removed.
func unadopted(removed, adopted []string) []string {
	out := removed[:0:0]
	for _, k := range removed {
		if !slices.Contains(adopted, k) {
			out = append(out, k)
		}
	}
	return out
}

// withoutAdopted drops from an extras write the keys an import adopted and
// the configuration never named (the plan may keep them in the state with
// the values read then; they are not written). nil when nothing is left.
func withoutAdopted(changes map[string]any, adopted []string) map[string]any {
	for _, k := range adopted {
		delete(changes, k)
	}
	if len(changes) == 0 {
		return nil
	}
	return changes
}

// stillAdopted are the adopted keys that remain in the state's extras
// after an apply.
func stillAdopted(adopted []string, extras types.Map) []string {
	var out []string
	for _, k := range adopted {
		if _, ok := extras.Elements()[k]; ok {
			out = append(out, k)
		}
	}
	return out
}
