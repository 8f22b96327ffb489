package acctest

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// stateWith is a state holding one object at addr.
func stateWith(addr, id, slug string) *terraform.State {
	return &terraform.State{Modules: []*terraform.ModuleState{{
		Path: []string{"root"},
		Resources: map[string]*terraform.ResourceState{addr: {
			Type:    "datagouv_dataset",
			Primary: &terraform.InstanceState{ID: id, Attributes: map[string]string{"id": id, "slug": slug}},
		}},
	}}}
}

func TestAppliedRecordsTheIDForTheOutOfBandDelete(t *testing.T) {
	id := SameID("datagouv_dataset.test")
	step := id.Applied("config")
	if step.Config != "config" || len(step.ConfigStateChecks) != 1 || step.Check == nil {
		t.Fatalf("Applied step = %+v, want the config, one id check and the recording", step)
	}
	if err := step.Check(stateWith("datagouv_dataset.test", "abc", "a-b-c")); err != nil {
		t.Fatal(err)
	}
	if id.Value() != "abc" {
		t.Fatalf("recorded id %q, want abc", id.Value())
	}
	var deleted string
	purged := false
	id.DeletedOutOfBand(t, func(_ context.Context, got string) error { deleted = got; return nil }, func() { purged = true })()
	if deleted != "abc" || !purged {
		t.Fatalf("deleted %q, purged %v; want abc, true", deleted, purged)
	}
}

func TestRestoredAndRecreatedSteps(t *testing.T) {
	pre := func() {}
	restored := SameID("datagouv_dataset.test").Restored("config", pre, nil)
	if restored.PreConfig == nil || len(restored.ConfigPlanChecks.PreApply) != 2 || len(restored.ConfigPlanChecks.PostApplyPostRefresh) != 1 ||
		len(restored.ConfigStateChecks) != 2 {
		t.Fatalf("Restored step = %+v, want an update with deleted null, an empty second plan, the id and deleted checked", restored)
	}
	recreated := NewID("datagouv_dataset.test").Recreated("config", pre)
	if recreated.PreConfig == nil || len(recreated.ConfigPlanChecks.PreApply) != 1 || len(recreated.ConfigStateChecks) != 1 {
		t.Fatalf("Recreated step = %+v, want a create and the id checked", recreated)
	}
}

func TestPlans(t *testing.T) {
	got := Plans("datagouv_dataset.test", plancheck.ResourceActionUpdate, plancheck.ExpectEmptyPlan())
	if len(got.PreApply) != 2 || len(got.PostApplyPostRefresh) != 1 {
		t.Fatalf("Plans = %+v, want the action and the more check, then an empty plan", got)
	}
	if n := len(PlansNothing().PreApply) + len(PlansNothing().PostApplyPostRefresh); n != 1 {
		t.Fatalf("PlansNothing has %d checks, want 1", n)
	}
	if c := Converges(); len(c.PreApply) != 0 || len(c.PostApplyPostRefresh) != 1 {
		t.Fatalf("Converges = %+v", c)
	}
}

func TestImportBySlug(t *testing.T) {
	step := ImportBySlug("datagouv_dataset.test")
	if !step.ImportState || !step.ImportStateVerify || step.ResourceName != "datagouv_dataset.test" {
		t.Fatalf("ImportBySlug step = %+v", step)
	}
	slug, err := step.ImportStateIdFunc(stateWith("datagouv_dataset.test", "abc", "a-b-c"))
	if err != nil || slug != "a-b-c" {
		t.Fatalf("import id %q, %v; want the slug a-b-c", slug, err)
	}
	if _, err := step.ImportStateIdFunc(stateWith("datagouv_dataset.other", "abc", "a-b-c")); err == nil {
		t.Fatal("import id of an address not in state: no error")
	}
	if ignored := Import("datagouv_dataset.test", "timeouts").ImportStateVerifyIgnore; len(ignored) != 1 || ignored[0] != "timeouts" {
		t.Fatalf("Import ignores %v, want [timeouts]", ignored)
	}
}
