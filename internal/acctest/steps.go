package acctest

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The steps and checks that the acceptance tests of every resource type
// share. A test still lists its steps as what a user does (apply, someone
// changes the portal, plan again, import); these say what a step must show.

// Plans checks that the plan does action on addr (and passes the more
// checks), and that once applied the configuration plans nothing more.
func Plans(addr string, action plancheck.ResourceActionType, more ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)}, more...),
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// PlansNothing checks that the plan is empty: nothing to do.
func PlansNothing() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

// Converges checks that once applied, whatever the plan did, the
// configuration plans nothing more.
func Converges() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

// Import is a step that imports addr by its id: the imported state must be
// the applied one, but for the ignored attributes.
func Import(addr string, ignore ...string) resource.TestStep {
	return resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: ignore}
}

// ImportBySlug is Import by the object's slug, which Read resolves to the id.
func ImportBySlug(addr string) resource.TestStep {
	step := Import(addr)
	step.ImportStateIdFunc = func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		return rs.Primary.Attributes["slug"], nil
	}
	return step
}

// ID follows the id of the object at one address through a test's steps.
type ID struct {
	addr  string
	value string
	ids   interface {
		AddStateValue(string, tfjsonpath.Path) statecheck.StateCheck
	}
}

// SameID follows an id that every step checking it must find unchanged:
// updates in place, restores, transfers.
func SameID(addr string) *ID {
	return &ID{addr: addr, ids: statecheck.CompareValue(compare.ValuesSame())}
}

// NewID follows an id that each step checking it must find changed since
// the previous one: the object was created anew.
func NewID(addr string) *ID {
	return &ID{addr: addr, ids: statecheck.CompareValue(compare.ValuesDiffer())}
}

// Check is the state check that compares the id with the previous steps'.
// A step calls it once, when the steps are built.
func (i *ID) Check() statecheck.StateCheck {
	return i.ids.AddStateValue(i.addr, tfjsonpath.New("id"))
}

// Applied is a step that applies config, checks the id and records it for
// the out-of-band changes of later steps.
func (i *ID) Applied(config string) resource.TestStep {
	return resource.TestStep{
		Config:            config,
		ConfigStateChecks: []statecheck.StateCheck{i.Check()},
		Check:             resource.TestCheckResourceAttrWith(i.addr, "id", func(v string) error { i.value = v; return nil }),
	}
}

// Value is the id the last Applied step recorded.
func (i *ID) Value() string { return i.value }

// DeletedOutOfBand is a PreConfig: someone deletes the object on the portal
// (in the web UI, with the tests' key: del is the client's Delete for its
// kind), then each of then runs (the portal's purge, say).
func (i *ID) DeletedOutOfBand(t *testing.T, del func(context.Context, string) error, then ...func()) func() {
	return func() {
		if err := del(context.Background(), i.value); err != nil {
			t.Fatalf("out-of-band delete of %s %s: %v", i.addr, i.value, err)
		}
		for _, f := range then {
			f()
		}
	}
}

// Restored is the step after the object was soft-deleted on the portal
// (preConfig deletes it, or nil): it stayed in the state, the plan restores
// it in place, deleted back to null, with the same id (SameID); then check.
func (i *ID) Restored(config string, preConfig func(), check resource.TestCheckFunc) resource.TestStep {
	deleted := tfjsonpath.New("deleted")
	return resource.TestStep{
		PreConfig:        preConfig,
		Config:           config,
		ConfigPlanChecks: Plans(i.addr, plancheck.ResourceActionUpdate, plancheck.ExpectKnownValue(i.addr, deleted, knownvalue.Null())),
		ConfigStateChecks: []statecheck.StateCheck{
			i.Check(),
			statecheck.ExpectKnownValue(i.addr, deleted, knownvalue.Null()),
		},
		Check: check,
	}
}

// Recreated is the step after the object was deleted for good on the
// portal (preConfig deletes it): it left the state with a warning, and the
// plan creates it anew, under another id (NewID).
func (i *ID) Recreated(config string, preConfig func()) resource.TestStep {
	return resource.TestStep{
		PreConfig:         preConfig,
		Config:            config,
		ConfigPlanChecks:  Plans(i.addr, plancheck.ResourceActionCreate),
		ConfigStateChecks: []statecheck.StateCheck{i.Check()},
	}
}
