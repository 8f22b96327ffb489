package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestResourceFiletype(t *testing.T) {
	cases := []struct {
		name        string
		config      map[string]any
		state       map[string]any // nil: creation
		want        types.String
		wantReplace bool
	}{
		{"create local", map[string]any{"file_path": "/a.csv"}, nil, types.StringValue("file"), false},
		{"create remote", map[string]any{"url": "https://example.org/a.csv"}, nil, types.StringValue("remote"), false},
		{"unknown path is still local", map[string]any{"file_path": unknownValue}, nil, types.StringValue("file"), false},
		{"local stays local", map[string]any{"file_path": "/b.csv"}, map[string]any{"filetype": "file"}, types.StringValue("file"), false},
		{"remote stays remote", map[string]any{"url": "https://example.org/b.csv"}, map[string]any{"filetype": "remote"}, types.StringValue("remote"), false},
		{"remote to local replaces", map[string]any{"file_path": "/a.csv"}, map[string]any{"filetype": "remote"}, types.StringValue("file"), true},
		{"local to remote replaces", map[string]any{"url": "https://example.org/a.csv"}, map[string]any{"filetype": "file"}, types.StringValue("remote"), true},
		{"neither is left to the validators", map[string]any{}, map[string]any{"filetype": "file"}, types.StringUnknown(), false},
		{"both unknown is unknown", map[string]any{"file_path": unknownValue, "url": unknownValue}, nil, types.StringUnknown(), false},
		{"unknown url is still remote", map[string]any{"url": unknownValue}, nil, types.StringValue("remote"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := state(c.state)
			stateValue := types.StringNull()
			if c.state != nil {
				stateValue = types.StringValue(c.state["filetype"].(string))
			}
			req := planmodifier.StringRequest{
				Path: path.Root("filetype"), Config: config(c.config), Plan: plan(c.config), State: st,
				ConfigValue: types.StringNull(), PlanValue: types.StringUnknown(), StateValue: stateValue,
			}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			ResourceFiletype().PlanModifyString(context.Background(), req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(c.want) || resp.RequiresReplace != c.wantReplace {
				t.Fatalf("plan %s replace %v, want %s replace %v", resp.PlanValue, resp.RequiresReplace, c.want, c.wantReplace)
			}
		})
	}
}
