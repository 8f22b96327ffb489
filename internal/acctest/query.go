package acctest

import (
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// QueryCLIs are the TerraformVersionChecks of a test of list resources
// (`terraform query`): it skips, in one line, with a CLI that has none.
// Terraform has list blocks and `terraform query` from 1.14; OpenTofu has
// neither (its 1.12 is below 1.14, so the same check skips it).
func QueryCLIs() []tfversion.TerraformVersionCheck {
	return []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}
}
