package acctest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"sync"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Resource identity is stored and imported by Terraform 1.12 and later
// only. OpenTofu has none yet, and its version numbers are its own (its
// 1.12 is not Terraform's), so it is told apart by its name.

// IdentityCLIs are the TerraformVersionChecks of a test about resource
// identity: it skips, in one line, with a CLI that has none.
func IdentityCLIs() []tfversion.TerraformVersionCheck {
	return []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0), skipOpenTofu{}}
}

type skipOpenTofu struct{}

func (skipOpenTofu) CheckTerraformVersion(_ context.Context, _ tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if isOpenTofu() {
		resp.Skip = "OpenTofu has no resource identity: skipping test."
	}
}

// isOpenTofu tells whether the tests' CLI (TF_ACC_TERRAFORM_PATH, which Run
// sets) is OpenTofu: `tofu version` starts with "OpenTofu".
var isOpenTofu = sync.OnceValue(func() bool {
	out, err := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), "version").Output()
	return err == nil && bytes.HasPrefix(out, []byte("OpenTofu"))
})

// ImportByIdentity is a step that imports addr through an import block
// whose identity is the one the state holds: the plan must import it
// changing nothing, with that same identity.
func ImportByIdentity(addr string) resource.TestStep {
	return resource.TestStep{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity}
}

// IdentityOf checks that the identity of addr holds exactly attrs, each
// equal to the state's attribute of the same name.
func IdentityOf(addr string, attrs ...string) []statecheck.StateCheck {
	exact := make(map[string]knownvalue.Check, len(attrs))
	checks := make([]statecheck.StateCheck, 0, len(attrs)+1)
	for _, a := range attrs {
		exact[a] = knownvalue.NotNull()
		checks = append(checks, statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New(a)))
	}
	return append(checks, statecheck.ExpectIdentity(addr, exact))
}
