package acctest

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// QueryCLIs are the TerraformVersionChecks of a test of list resources
// (`terraform query`): it skips, in one line, with a CLI that has none.
// Terraform has list blocks and `terraform query` from 1.14; OpenTofu has
// neither (its 1.12 is below 1.14, so the same check skips it).
func QueryCLIs() []tfversion.TerraformVersionCheck {
	return []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}
}

// RequireQueryCLI skips, in one line, a test that runs `terraform query`
// itself (RunCLI) when the tests' CLI has none: Terraform before 1.14, or
// OpenTofu (whose versions are below 1.14 so far).
func RequireQueryCLI(t *testing.T) {
	t.Helper()
	PreCheck(t)
	out, err := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), "version", "-json").Output()
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("terraform version -json: %v", err)
	}
	if version.Must(version.NewVersion(v.Version)).LessThan(tfversion.Version1_14_0) {
		t.Skipf("terraform query needs Terraform 1.14 or later; this CLI is %s", v.Version)
	}
}
