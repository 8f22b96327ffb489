package acctest

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

// cliProviderAddress is the address a configuration without
// required_providers gives datagouv, as in terraform-plugin-testing's runs:
// its host and namespace from TF_ACC_PROVIDER_HOST and
// TF_ACC_PROVIDER_NAMESPACE (OpenTofu derives registry.opentofu.org).
func cliProviderAddress() string {
	host, namespace := os.Getenv("TF_ACC_PROVIDER_HOST"), os.Getenv("TF_ACC_PROVIDER_NAMESPACE")
	if host == "" {
		host = "registry.terraform.io"
	}
	if namespace == "" {
		namespace = "hashicorp"
	}
	return host + "/" + namespace + "/datagouv"
}

// RunCLI runs the tests' Terraform CLI (TF_ACC_TERRAFORM_PATH) in dir with
// args, serving it this process's provider (reattached, the way
// terraform-plugin-testing does), and returns what it printed, warnings
// included: what terraform-plugin-testing cannot show a test. A command that
// fails fails the test.
func RunCLI(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return (*Log)(nil).RunCLI(t, dir, args...)
}

// RunCLI is acctest.RunCLI with a provider whose requests go to this log.
func (l *Log) RunCLI(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, code := l.RunCLIExit(t, dir, args...)
	if code != 0 {
		t.Fatalf("terraform %v: exit status %d\n%s", args, code, out)
	}
	return out
}

// RunCLIExit is RunCLI for a command whose exit code is the answer: one
// expected to fail, or `plan -detailed-exitcode` (2: changes planned). Only
// a CLI that cannot be started fails the test.
func RunCLIExit(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	return (*Log)(nil).RunCLIExit(t, dir, args...)
}

// RunCLIExit is acctest.RunCLIExit with a provider whose requests go to
// this log (none for a nil log).
func (l *Log) RunCLIExit(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	PreCheck(t)
	release := "test"
	if l != nil {
		release += "+" + l.tag
	}
	address := cliProviderAddress()
	ctx, cancel := context.WithCancel(context.Background())
	reattach, closed := make(chan *plugin.ReattachConfig), make(chan struct{})
	go func() {
		_ = tf6server.Serve(address,
			func() tfprotov6.ProviderServer { return providerserver.NewProtocol6(provider.New(release)())() },
			tf6server.WithDebug(ctx, reattach, closed), tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			// The provider's logs go where terraform-plugin-testing sends
			// its providers' (TF_LOG and TF_ACC_LOG_PATH say what and
			// where): not to the test's stderr at trace level.
			tf6server.WithLoggingSink(t))
	}()
	defer func() {
		cancel()
		<-closed
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-reattach:
	case <-time.After(time.Minute):
		t.Fatal("the provider's server did not start")
	}
	info, err := json.Marshal(map[string]any{address: map[string]any{
		"Protocol": cfg.Protocol, "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": true,
		"Addr": map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), append(args, "-no-color")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+string(info), "TF_IN_AUTOMATION=1")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return string(out), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("terraform %v: %v\n%s", args, err, out)
	}
	return string(out), 0
}
