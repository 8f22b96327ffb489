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
	errs := map[string]error{
		"/data/a.csv":   nil,
		"/data/missing": fmt.Errorf("/data/missing does not exist: %w", fs.ErrNotExist),
		"/data/dir":     errors.New("/data/dir is a directory, not a regular file"),
	}
	files := &fakeFiles{errs: errs, sum: sum}

	cases := []struct {
		name      string
		config    map[string]any
		prior     types.String // the plan's value before the modifier
		want      types.String
		wantErr   string
		creating  bool
		wantCalls int    // reads
		wantCheck int    // checks without a read
		wantPrior string // what the read was compared with
	}{
		{name: "configured hash kept", config: map[string]any{"file_path": "/data/a.csv", "file_hash": "0123"},
			prior: types.StringValue("0123"), want: types.StringValue("0123")},
		{name: "remote has no hash", config: map[string]any{"url": "https://example.org/a.csv"},
			prior: types.StringUnknown(), want: types.StringNull()},
		{name: "unknown path", config: map[string]any{"file_path": unknownValue},
			prior: types.StringValue("old"), want: types.StringUnknown()},
		{name: "hash computed", config: map[string]any{"file_path": "/data/a.csv"},
			prior: types.StringValue("old"), want: types.StringValue(sum), wantCalls: 1, wantPrior: "old"},
		{name: "new resource: file checked, not read", config: map[string]any{"file_path": "/data/a.csv"}, creating: true,
			prior: types.StringUnknown(), want: types.StringUnknown(), wantCheck: 1},
		{name: "new resource: missing file is unknown, no error", config: map[string]any{"file_path": "/data/missing"}, creating: true,
			prior: types.StringUnknown(), want: types.StringUnknown(), wantCheck: 1},
		{name: "new resource: directory is an error on file_path", config: map[string]any{"file_path": "/data/dir"}, creating: true,
			prior: types.StringUnknown(), want: types.StringUnknown(), wantErr: "is a directory", wantCheck: 1},
		{name: "missing file is unknown, no error", config: map[string]any{"file_path": "/data/missing"},
			prior: types.StringValue("old"), want: types.StringUnknown(), wantCalls: 1, wantPrior: "old"},
		{name: "directory is an error on file_path", config: map[string]any{"file_path": "/data/dir"},
			prior: types.StringValue("old"), want: types.StringValue("old"), wantErr: "is a directory", wantCalls: 1, wantPrior: "old"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			*files = fakeFiles{errs: errs, sum: sum}
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
			if c.creating {
				req.State, req.StateValue = state(nil), types.StringNull()
			}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			ResourceFileHash(files).PlanModifyString(context.Background(), req, resp)
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
			if files.reads != c.wantCalls || files.checks != c.wantCheck {
				t.Fatalf("read %d and checked %d times, want %d and %d", files.reads, files.checks, c.wantCalls, c.wantCheck)
			}
			if files.prior != c.wantPrior {
				t.Fatalf("compared with %q, want %q", files.prior, c.wantPrior)
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
	files := &fakeFiles{}
	ResourceFileHash(files).PlanModifyString(context.Background(), req, resp)
	if files.reads+files.checks != 0 {
		t.Fatal("file read or checked on destroy")
	}
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
}

// fakeFiles answers for the files of errs (nil: a readable file of sum).
type fakeFiles struct {
	errs          map[string]error
	sum           string
	reads, checks int
	prior         string
}

func (f *fakeFiles) Sum(p, prior string) (string, error) {
	f.reads++
	f.prior = prior
	if err := f.errs[p]; err != nil {
		return "", err
	}
	return f.sum, nil
}

func (f *fakeFiles) Check(p string) error {
	f.checks++
	return f.errs[p]
}
