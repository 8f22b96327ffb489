package cicheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const examples = "../../examples/ci"

func load(t *testing.T, name string) (map[string]any, string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(examples, name))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc, string(raw)
}

// dig follows keys through nested maps; nil when one is missing.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// commands is every run line (GitHub) or script line (GitLab) of a job.
func commands(job any) string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, item := range x {
				walk(item)
			}
		case map[string]any:
			if run, ok := x["run"]; ok {
				walk(run)
			}
		}
	}
	walk(dig(job, "steps"))
	walk(dig(job, "script"))
	return strings.Join(out, "\n")
}

func noKeyInFiles(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(examples, dir), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(raw), "udata_") {
			t.Errorf("%s holds something like an API key: keys come from the CI's secrets", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestGitHubWorkflow(t *testing.T) {
	wf, raw := load(t, "github/datagouv.yml")
	if dig(wf, "on", "pull_request") == nil {
		t.Error("the workflow must run on pull requests (the plan)")
	}
	if branches := dig(wf, "on", "push", "branches"); !strings.Contains(strings.Join(toStrings(branches), ","), "main") {
		t.Errorf("the workflow must run on pushes to main (the apply), got %v", branches)
	}
	if dig(wf, "concurrency", "group") == nil || dig(wf, "concurrency", "cancel-in-progress") != false {
		t.Error("one run at a time, none cancelled half-way: concurrency.group and cancel-in-progress: false")
	}
	if got := dig(wf, "env", "DATAGOUV_API_KEY"); got != "${{ secrets.DATAGOUV_API_KEY }}" {
		t.Errorf("DATAGOUV_API_KEY must come from the secrets, got %v", got)
	}
	plan, apply := dig(wf, "jobs", "plan"), dig(wf, "jobs", "apply")
	if !strings.Contains(dig(plan, "if").(string), "pull_request") || !strings.Contains(dig(apply, "if").(string), "refs/heads/main") {
		t.Error("plan runs for pull requests, apply for main only")
	}
	if c := commands(plan); !strings.Contains(c, "terraform plan") || strings.Contains(c, "terraform apply") {
		t.Errorf("the plan job must plan and never apply:\n%s", c)
	}
	if c := commands(apply); !strings.Contains(c, "terraform apply") {
		t.Errorf("the apply job must apply:\n%s", c)
	}
	if dig(apply, "environment") == nil {
		t.Error("the apply job runs in a protected environment (its reviewers approve)")
	}
	if !strings.Contains(raw, "terraform_version: 1.5.7") {
		t.Error("the workflow pins the Terraform version the provider supports as its oldest")
	}
	noKeyInFiles(t, "github")
}

func TestGitLabPipeline(t *testing.T) {
	ci, _ := load(t, "gitlab/gitlab-ci.yml")
	plan, apply := ci["plan"], ci["apply"]
	planRule := dig(firstRule(plan), "if")
	applyRule := dig(firstRule(apply), "if")
	if planRule != `$CI_PIPELINE_SOURCE == "merge_request_event"` || applyRule != "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" {
		t.Errorf("plan runs in merge requests, apply on the default branch: got %v and %v", planRule, applyRule)
	}
	if c := commands(plan); !strings.Contains(c, "terraform plan") || strings.Contains(c, "terraform apply") {
		t.Errorf("the plan job must plan and never apply:\n%s", c)
	}
	if c := commands(apply); !strings.Contains(c, "terraform apply") || !strings.Contains(c, "password=$CI_JOB_TOKEN") {
		t.Errorf("the apply job must init GitLab's state with the job's token, then apply:\n%s", c)
	}
	if dig(apply, "resource_group") == nil {
		t.Error("one apply at a time: resource_group")
	}
	if dig(apply, "environment", "name") == nil {
		t.Error("the apply job deploys to an environment")
	}
	noKeyInFiles(t, "gitlab")
}

func firstRule(job any) any {
	rules, _ := dig(job, "rules").([]any)
	if len(rules) == 0 {
		return nil
	}
	return rules[0]
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, item := range list {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
