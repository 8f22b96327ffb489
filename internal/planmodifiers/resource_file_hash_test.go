package planmodifiers

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestResourceFileHash(t *testing.T) {
	const sum = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
	files := map[string]error{
		"/data/a.csv":   nil,
		"/data/missing": fmt.Errorf("/data/missing does not exist: %w", fs.ErrNotExist),
		"/data/dir":     errors.New("/data/dir is a directory, not a regular file"),
	}
	calls := 0
	hash := func(p string) (string, error) {
		calls++
		if err := files[p]; err != nil {
			return "", err
		}
		return sum, nil
	}

	cases := []struct {
		name      string
		config    map[string]any
		prior     types.String // the plan's value before the modifier
		want      types.String
		wantErr   string
		wantCalls int
	}{
		{name: "configured hash kept", config: map[string]any{"file_path": "/data/a.csv", "file_hash": "0123"},
			prior: types.StringValue("0123"), want: types.StringValue("0123")},
		{name: "remote has no hash", config: map[string]any{"url": "https://example.org/a.csv"},
			prior: types.StringUnknown(), want: types.StringNull()},
		{name: "unknown path", config: map[string]any{"file_path": unknownValue},
			prior: types.StringValue("old"), want: types.StringUnknown()},
		{name: "hash computed", config: map[string]any{"file_path": "/data/a.csv"},
			prior: types.StringValue("old"), want: types.StringValue(sum), wantCalls: 1},
		{name: "missing file is unknown, no error", config: map[string]any{"file_path": "/data/missing"},
			prior: types.StringValue("old"), want: types.StringUnknown(), wantCalls: 1},
		{name: "directory is an error on file_path", config: map[string]any{"file_path": "/data/dir"},
			prior: types.StringValue("old"), want: types.StringValue("old"), wantErr: "is a directory", wantCalls: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			calls = 0
			cfgHash := types.StringNull()
			if v, ok := c.config["file_hash"]; ok {
				cfgHash = types.StringValue(v.(string))
			}
			req := planmodifier.StringRequest{
				Path:        path.Root("file_hash"),
				Config:      config(c.config),
				ConfigValue: cfgHash,
				Plan:        plan(c.config),
				PlanValue:   c.prior,
				State:       state(map[string]any{"file_hash": "old"}),
				StateValue:  types.StringValue("old"),
			}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			ResourceFileHash(hash).PlanModifyString(context.Background(), req, resp)
			if c.wantErr != "" {
				if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), c.wantErr) {
					t.Fatalf("want an error with %q, got %v", c.wantErr, resp.Diagnostics)
				}
				p := resp.Diagnostics[0].(interface{ Path() path.Path }).Path()
				if !p.Equal(path.Root("file_path")) {
					t.Fatalf("error on %s, want file_path", p)
				}
			} else if resp.Diagnostics.HasError() {
				t.Fatalf("unexpected error: %v", resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(c.want) {
				t.Fatalf("plan = %s, want %s", resp.PlanValue, c.want)
			}
			if calls != c.wantCalls {
				t.Fatalf("hashed %d times, want %d", calls, c.wantCalls)
			}
		})
	}
}

func TestResourceFileHashOnDestroy(t *testing.T) {
	req := planmodifier.StringRequest{
		Path:   path.Root("file_hash"),
		Config: config(map[string]any{"file_path": "/data/a.csv"}),
		// On destroy the plan is null.
		Plan:        tfsdk.Plan{Schema: resourceTestSchema, Raw: state(nil).Raw},
		State:       state(map[string]any{"file_hash": "old"}),
		ConfigValue: types.StringNull(), PlanValue: types.StringNull(), StateValue: types.StringValue("old"),
	}
	resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
	ResourceFileHash(func(string) (string, error) { t.Fatal("hashed on destroy"); return "", nil }).
		PlanModifyString(context.Background(), req, resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
}
