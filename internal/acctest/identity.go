package acctest

import (
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// IdentityCLIs are the TerraformVersionChecks of a test about resource
// identity: it skips, in one line, with a CLI that has none. Terraform
// stores and imports identities from 1.12, and so does OpenTofu from its
// own 1.12 (import blocks' identity argument, in its 1.12.0 changelog).
func IdentityCLIs() []tfversion.TerraformVersionCheck {
	return []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}
}

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
