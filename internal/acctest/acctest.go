// Package acctest holds what every acceptance test shares: the site the
// tests run against (an in-process emulator by default, the real portal when
// DATAGOUV_BASE_URL and DATAGOUV_API_KEY say so), the provider factories, a
// hermetic Terraform CLI configuration, and helpers for out-of-band changes.
package acctest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

// Environment variables that point the tests at a real portal.
const (
	EnvBaseURL      = provider.EnvBaseURL
	EnvAPIKey       = provider.EnvAPIKey
	EnvOrganization = "DATAGOUV_ORGANIZATION" // an organization the key's user may publish into
	// EnvOtherAPIKey is the key of a second user who belongs to no
	// organization and has no role: what "another account's key" sees.
	EnvOtherAPIKey = "DATAGOUV_OTHER_API_KEY"
	// EnvAdminAPIKey is the key of a site administrator (role admin).
	EnvAdminAPIKey = "DATAGOUV_ADMIN_API_KEY"
	// EnvOtherOrganization is an organization the main user does not
	// belong to. Left unset, the site administrator creates one when a test
	// needs it (see OtherOrganization).
	EnvOtherOrganization = "DATAGOUV_OTHER_ORGANIZATION"
)

// ProtoV6ProviderFactories serves the provider in-process to the CLI that
// terraform-plugin-testing runs, so the provider sees this process's
// environment (and the emulator started below). Each CLI command gets a
// provider of its own, as each Terraform process does: parallel tests
// never share one (its validated configuration is per provider).
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"datagouv": func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(provider.New("test")())()
	},
}

// SiteInfo describes the portal the tests run against.
type SiteInfo struct {
	BaseURL string
	APIKey  string
	// OrgID is an organization the API key's user administers, "" if none
	// is known on a real site.
	OrgID string
	// OtherAPIKey and AdminAPIKey are the keys of a user without any role
	// and of a site administrator, "" when not given.
	OtherAPIKey string
	AdminAPIKey string
	// otherOrgID is an organization the main user is not a member of, ""
	// until known (see OtherOrganization).
	otherOrgID string
	// recorder sees every request to the site (BaseURL is its address).
	recorder *recorder
	// Emulator is the in-process emulator, nil on a real site.
	Emulator *emulator.Server
}

// Emulated tells whether the tests run against the in-process emulator.
func (s *SiteInfo) Emulated() bool { return s.Emulator != nil }

var site *SiteInfo

// Site is the portal of this test run; Run must have set it up.
func Site() *SiteInfo { return site }

// Run is the body of TestMain for packages with acceptance tests:
//
//	func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }
//
// With TF_ACC set it makes the CLI configuration hermetic, finds the CLI,
// and starts the emulator unless a real site is configured.
func Run(m *testing.M) int {
	if os.Getenv("TF_ACC") == "" {
		return m.Run()
	}
	cleanup, err := setUp()
	if err != nil {
		fmt.Fprintln(os.Stderr, "acceptance test set-up:", err)
		return 1
	}
	defer cleanup()
	code := m.Run()
	reportSeed(code)
	return code
}

func setUp() (func(), error) {
	tmp, err := os.MkdirTemp("", "datagouv-acc-")
	if err != nil {
		return nil, err
	}
	cleanups := []func(){func() { os.RemoveAll(tmp) }}
	cleanup := func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}

	// The user's CLI configuration (credentials, mirrors, dev overrides) must
	// not change what the tests do; some machines even name a file that does
	// not exist, which breaks the CLI's version detection.
	rc := filepath.Join(tmp, "terraformrc")
	if err := os.WriteFile(rc, []byte("# hermetic CLI configuration of the acceptance tests\n"), 0o600); err != nil {
		cleanup()
		return nil, err
	}
	os.Setenv("TF_CLI_CONFIG_FILE", rc)
	os.Setenv("CHECKPOINT_DISABLE", "1")
	// The sums of local files are remembered in the run's own folder, not
	// the user's cache: a run starts from nothing remembered.
	os.Setenv(provider.EnvFileHashCache, filepath.Join(tmp, "file-hashes"))
	os.Unsetenv("TF_PLUGIN_CACHE_DIR")

	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		cli, err := findCLI()
		if err != nil {
			cleanup()
			return nil, err
		}
		os.Setenv("TF_ACC_TERRAFORM_PATH", cli)
	}

	if os.Getenv(EnvBaseURL) != "" && os.Getenv(EnvAPIKey) != "" {
		site = &SiteInfo{
			BaseURL: os.Getenv(EnvBaseURL), APIKey: os.Getenv(EnvAPIKey), OrgID: os.Getenv(EnvOrganization),
			OtherAPIKey: os.Getenv(EnvOtherAPIKey), AdminAPIKey: os.Getenv(EnvAdminAPIKey),
			otherOrgID: os.Getenv(EnvOtherOrganization),
		}
	} else {
		seed, err := emulatorSeed()
		if err != nil {
			cleanup()
			return nil, err
		}
		emu, err := emulator.New(emulator.Config{DataDir: filepath.Join(tmp, "files"), Seed: seed})
		if err != nil {
			cleanup()
			return nil, err
		}
		srv := httptest.NewServer(emu)
		cleanups = append(cleanups, func() { srv.Close(); emu.Close() })
		site = &SiteInfo{
			BaseURL: srv.URL, APIKey: emulator.AliceKey, OrgID: emulator.OrgID, Emulator: emu,
			OtherAPIKey: emulator.BobKey, AdminAPIKey: emulator.AdminKey, otherOrgID: emulator.OtherOrgID,
		}
	}

	// Everything goes through the recording proxy, so that tests count
	// requests the same way on every site.
	rec, proxyURL, stop, err := startRecorder(site.BaseURL)
	if err != nil {
		cleanup()
		return nil, err
	}
	cleanups = append(cleanups, stop)
	site.recorder, site.BaseURL = rec, proxyURL
	os.Setenv(EnvBaseURL, site.BaseURL)
	os.Setenv(EnvAPIKey, site.APIKey)
	return cleanup, nil
}

// findCLI asks scripts/terraform-cli.sh, the one place that knows how the
// project obtains a Terraform CLI.
func findCLI() (string, error) {
	_, here, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(here), "..", "..", "scripts", "terraform-cli.sh")
	out, err := exec.Command("bash", script).Output()
	if err != nil {
		return "", fmt.Errorf("no Terraform CLI: set TF_ACC_TERRAFORM_PATH or run `make test` (%s: %w)", script, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// PreCheck fails the test when the site is not set up (TestMain does not
// call Run).
func PreCheck(t *testing.T) {
	t.Helper()
	// Like resource.Test: without TF_ACC, `go test ./...` runs unit tests
	// only. (Tests that set up portal objects before resource.Test would
	// otherwise fail here.)
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run it")
	}
	if site == nil {
		t.Fatal("acceptance tests need `func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }` in the package")
	}
}

// RequireOrganization skips a test that needs an organization on a real
// site where DATAGOUV_ORGANIZATION is not set; on the emulator one always
// exists.
func RequireOrganization(t *testing.T) string {
	t.Helper()
	return require(t, func(s *SiteInfo) string { return s.OrgID },
		"set "+EnvOrganization+" to an organization id the API key's user may publish into")
}

// RequireOtherKey returns the key of a user who belongs to no organization
// and has no role, skipping the test on a real site that gave none.
func RequireOtherKey(t *testing.T) string {
	t.Helper()
	return require(t, func(s *SiteInfo) string { return s.OtherAPIKey },
		"needs a second account: set "+EnvOtherAPIKey+" to the key of a user without organization or role")
}

// RequireAdminKey returns a site administrator's key, skipping the test on a
// real site that gave none.
func RequireAdminKey(t *testing.T) string {
	t.Helper()
	return require(t, func(s *SiteInfo) string { return s.AdminAPIKey }, "needs a site administrator: set "+EnvAdminAPIKey)
}

// require returns what the site gives (value), skipping the test with the
// message skip when it gives nothing.
func require(t *testing.T, value func(*SiteInfo) string, skip string) string {
	t.Helper()
	PreCheck(t)
	v := value(site)
	if v == "" {
		t.Skip(skip)
	}
	return v
}

// RequireEmulator skips a test that needs a control the real portal does not
// offer (purging deleted datasets, injecting faults).
func RequireEmulator(t *testing.T, why string) *emulator.Server {
	t.Helper()
	PreCheck(t)
	if !site.Emulated() {
		t.Skipf("needs the emulator: %s", why)
	}
	return site.Emulator
}

// Client returns an API client with the tests' key, for out-of-band changes
// ("someone edited this in the web UI") and for checking the portal's side.
func Client(t *testing.T) *client.Client {
	t.Helper()
	PreCheck(t)
	return NewClient(t, site.APIKey)
}

// NewClient returns an API client of the test site with another key.
func NewClient(t *testing.T, apiKey string) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: site.BaseURL, APIKey: apiKey, UserAgent: "terraform-provider-datagouv-acctest"})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	return c
}

// RandomName returns a name unique to this run, so that tests never depend on
// what a previous run or another person left on a shared portal.
func RandomName(prefix string) string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-tfacc-%s", prefix, hex.EncodeToString(b))
}

// CreateDataset creates a dataset outside Terraform with c (whose key
// becomes its owner's) and deletes it when the test ends: what a test
// imports, or names without managing it.
func CreateDataset(t *testing.T, c *client.Client, in *client.DatasetInput) *client.Dataset {
	t.Helper()
	ds, err := c.Datasets.Create(context.Background(), in)
	if err != nil {
		t.Fatalf("create dataset %q outside Terraform: %v", in.Title, err)
	}
	t.Cleanup(func() { _ = c.Datasets.Delete(context.Background(), ds.ID) })
	return ds
}
