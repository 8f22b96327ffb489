package provider_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// On the emulator these tests run against emulators of their own, with an
// API key made for the test, so that finding the key anywhere means it
// leaked.

// secretEmulator starts an emulator whose main user's key is a fresh,
// distinctive one, behind handler(emu) (nil: the emulator itself).
func secretEmulator(t *testing.T, wrap func(*emulator.Server) http.Handler) (*emulator.Server, *httptest.Server, string) {
	t.Helper()
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	key := "udata_tfacc_secret_" + hex.EncodeToString(b)
	emu, err := emulator.New(emulator.Config{APIKey: key, DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = emu
	if wrap != nil {
		h = wrap(emu)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); emu.Close() })
	return emu, srv, key
}

// noSecretInPlan fails when the key is anywhere in the JSON plan, which
// holds every value the CLI's plan output prints (and more).
type noSecretInPlan struct{ key string }

func (c noSecretInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	b, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	if len(b) < 100 {
		resp.Error = fmt.Errorf("the plan is suspiciously empty: %s", b)
		return
	}
	if strings.Contains(string(b), c.key) {
		resp.Error = fmt.Errorf("the API key appears in the plan")
	}
}

func noSecretInState(key string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		b, err := json.Marshal(s)
		if err != nil {
			return err
		}
		if !strings.Contains(string(b), "datagouv_resource") {
			return fmt.Errorf("the state has no datagouv_resource: the check would prove nothing")
		}
		if strings.Contains(string(b), key) {
			return fmt.Errorf("the API key appears in the state")
		}
		return nil
	}
}

// TestAccSecurity_keyNeverInLogsStateOrPlan runs a create, update and
// destroy cycle (a dataset, a link and an uploaded file, the file changed
// and uploaded again) with TF_LOG=TRACE, and asserts that the API key is in
// none of: the trace log of the CLI and of the provider (TF_ACC_LOG_PATH,
// where terraform-plugin-testing sends both), the plans (JSON, before and
// after each apply), the state.
func TestAccSecurity_keyNeverInLogsStateOrPlan(t *testing.T) {
	acctest.PreCheck(t)
	// On the emulator, a key made for the test (so that finding it means
	// it leaked); on another portal, the site's own key.
	key := acctest.Site().APIKey
	if acctest.Site().Emulated() {
		var srv *httptest.Server
		_, srv, key = secretEmulator(t, nil)
		t.Setenv(acctest.EnvBaseURL, srv.URL)
		t.Setenv(acctest.EnvAPIKey, key)
	}
	logFile := filepath.Join(t.TempDir(), "terraform-trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)

	dir := t.TempDir()
	file := filepath.Join(dir, "data.csv")
	writeFile(t, file, "a,b\n1,2\n")
	name := acctest.RandomName("secret")
	cfg := func(title string) string {
		return fmt.Sprintf(`
resource "datagouv_dataset" "d" {
  title       = %[1]q
  description = "Security test."
}

resource "datagouv_resource" "link" {
  dataset_id = datagouv_dataset.d.id
  title      = "Link %[1]s"
  url        = "https://example.org/%[2]s.csv"
}

resource "datagouv_resource" "file" {
  dataset_id = datagouv_dataset.d.id
  title      = "File %[1]s"
  file_path  = %[3]q
}
`, title, name, file)
	}
	planChecks := resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{noSecretInPlan{key}},
		PostApplyPostRefresh: []plancheck.PlanCheck{noSecretInPlan{key}, plancheck.ExpectEmptyPlan()},
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(name), ConfigPlanChecks: planChecks, Check: noSecretInState(key)},
			{
				PreConfig:        func() { writeFile(t, file, "a,b\n3,4\n") },
				Config:           cfg(name + "-updated"),
				ConfigPlanChecks: planChecks,
				Check:            noSecretInState(key),
			},
		},
	})

	log, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	// The log must hold the provider's own request logs, headers included,
	// or finding no key would prove nothing.
	for _, want := range []string{"datagouv API request", "X-Api-Key", "REDACTED", "/upload/", "DELETE"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("the trace log (%d bytes) lacks %q: provider logs were not captured", len(log), want)
		}
	}
	if i := strings.Index(string(log), key); i >= 0 {
		t.Errorf("the API key appears in the trace log: …%s…", string(log[max(0, i-200):i]))
	}
}

// TestAccSecurity_redirectToAnotherHostDropsKey: the portal redirects a read
// to another host (port); that host must never receive X-API-KEY, while the
// portal itself does.
func TestAccSecurity_redirectToAnotherHostDropsKey(t *testing.T) {
	// Two local servers of its own, whatever the site: no portal redirects
	// to another host on purpose.
	acctest.PreCheck(t)
	var (
		mu                sync.Mutex
		otherHits         int
		keysOnOther       []string
		portalSawKey      bool
		datasetPathPrefix = "/api/1/datasets/"
	)
	var portalKey string
	other := httptest.NewServer(nil)
	t.Cleanup(other.Close)
	emu, portal, key := secretEmulator(t, func(emu *emulator.Server) http.Handler {
		other.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			otherHits++
			if k := r.Header.Get("X-API-KEY"); k != "" {
				keysOnOther = append(keysOnOther, k)
			}
			mu.Unlock()
			emu.ServeHTTP(w, r)
		})
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-API-KEY") == portalKey && portalKey != "" {
				mu.Lock()
				portalSawKey = true
				mu.Unlock()
			}
			if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, datasetPathPrefix) && len(r.URL.Path) > len(datasetPathPrefix)+10 {
				http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
				return
			}
			emu.ServeHTTP(w, r)
		})
	})
	portalKey = key
	_ = emu

	c, err := client.New(client.Config{BaseURL: portal.URL, APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := c.Datasets.Create(context.Background(), &client.DatasetInput{Title: acctest.RandomName("redirect"), Description: "Redirect test."})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(acctest.EnvBaseURL, portal.URL)
	t.Setenv(acctest.EnvAPIKey, key)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("data \"datagouv_dataset\" \"d\" {\n  id = %q\n}\n", ds.ID),
			Check:  resource.TestCheckResourceAttr("data.datagouv_dataset.d", "title", ds.Title),
		}},
	})
	mu.Lock()
	defer mu.Unlock()
	if otherHits == 0 {
		t.Fatal("the redirect was not followed: the test proves nothing")
	}
	if !portalSawKey {
		t.Error("the portal never received the key: the test proves nothing")
	}
	if len(keysOnOther) > 0 {
		t.Errorf("the other host received X-API-KEY %d times", len(keysOnOther))
	}
}

// TestAccSecurity_filePathNotRegularFile: a file_path naming (through a
// symbolic link with an accepted extension) a device or a directory is
// refused with an error that says what it is; nothing is read from the
// device (/dev/zero never ends: reading it would hang the test) and nothing
// is written on the portal.
func TestAccSecurity_filePathNotRegularFile(t *testing.T) {
	acctest.PreCheck(t)
	dir := t.TempDir()
	sub := filepath.Join(dir, "folder")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	linkToDir := filepath.Join(dir, "folder.csv")
	linkToDevice := filepath.Join(dir, "zero.csv")
	for link, target := range map[string]string{linkToDir: sub, linkToDevice: "/dev/zero"} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	dsTitle := acctest.RandomName("security-paths")
	step := func(p, what string) resource.TestStep {
		return resource.TestStep{
			Config: resourceTestConfig(dsTitle, "", fmt.Sprintf("  title = \"x\"\n  file_path = %q\n", p)),
			ExpectError: regexp.MustCompile(`(?s)Cannot read the local file.*` + regexp.QuoteMeta(filepath.Base(p)) +
				`\s+is\s+` + strings.ReplaceAll(regexp.QuoteMeta(what), " ", `\s+`)),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{Config: resourceTestConfig(dsTitle, "", "")},
			step(linkToDir, "a directory"),
			step(linkToDevice, "a device"),
			{
				Config: resourceTestConfig(dsTitle, "", ""),
				Check:  checkNoResources(t),
			},
		},
	})
}
