package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

// A plan that hashed a local file is a promise: it shows that sha1 as the
// planned file_hash, and apply publishes exactly those bytes or nothing.
//
// plugin-testing applies each step as a saved plan (`plan -out`, then
// `apply` of that file), and runs the pre-apply plan checks in between:
// editFile there is a user editing the file between `plan -out` and `apply`.

// publishedAs is a PreConfig checking that the portal still serves the file
// with sha1 want, as it did when last was captured (same last_modified: no
// new version), and, unless before is nil, that no upload reached it since
// *before.
func publishedAs(t *testing.T, log *acctest.Log, got *ids, want string, last *string, before *int) func() {
	return func() {
		err := onPortal(t, got, func(r *client.Resource) error {
			if err := portalChecksum(want)(r); err != nil {
				return err
			}
			if r.LastModified != *last {
				return fmt.Errorf("last_modified on the portal = %s, want %s (unchanged)", r.LastModified, *last)
			}
			return nil
		})(nil)
		if err != nil {
			t.Error(err)
		}
		if before == nil {
			return
		}
		if n := uploads(log) - *before; n != 0 {
			t.Errorf("%d upload requests since the plan, want none", n)
		}
	}
}

// lastModified captures the resource's last_modified on the portal.
func lastModified(t *testing.T, got *ids, into *string) resource.TestCheckFunc {
	return onPortal(t, got, func(r *client.Resource) error {
		*into = r.LastModified
		return nil
	})
}

// v1 applied; v2 written; plan -out shows file_hash = sha1(v2); v3 written;
// apply of the saved plan fails, the portal still serves v1 (no upload, no
// new version); a fresh plan and apply then publish v3, and the next plan
// is empty. The provider tells "Local file changed since plan" from the
// record its plan left after a refresh; a plan made where that record is
// not (another machine, the cache off) or without a refresh leaves
// Terraform's own error about the changed file_hash. Either way, nothing
// is published, and -refresh=false plans keep working.
func TestAccResource_savedPlanIsAPromise(t *testing.T) {
	terraformsError := errorPattern("Provider produced inconsistent final plan", "file_hash", sha1Hex(savedV2), sha1Hex(savedV3))
	for _, tt := range []savedPlanCase{
		{name: "plan recorded", applyErr: errorPattern("Local file changed since plan", sha1Hex(savedV2), sha1Hex(savedV3),
			"nothing was published", "Run terraform plan (or apply) again")},
		{name: "plan made elsewhere", noRecords: true, applyErr: terraformsError},
		{name: "plan without refresh", noRefresh: true, applyErr: terraformsError},
	} {
		t.Run(tt.name, func(t *testing.T) { testSavedPlanIsAPromise(t, tt) })
	}
}

const savedV1, savedV2, savedV3 = "v,1\n", "v,2\nplanned\n", "v,3\nnever planned\n"

type savedPlanCase struct {
	name                 string
	noRecords, noRefresh bool
	applyErr             *regexp.Regexp
}

func testSavedPlanIsAPromise(t *testing.T, tt savedPlanCase) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	dsTitle := acctest.RandomName("resource-promise")
	file := filepath.Join(t.TempDir(), "promise.csv")
	writeFile(t, file, savedV1)
	cfg := resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title     = "Saved plan"
  file_path = %q
`, file))
	var got ids
	var last string
	var before int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		AdditionalCLIOptions:     &resource.AdditionalCLIOptions{Plan: resource.PlanOptions{NoRefresh: tt.noRefresh}},
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check:  resource.ComposeTestCheckFunc(got.capture(), lastModified(t, &got, &last)),
			},
			{
				PreConfig: func() {
					writeFile(t, file, savedV2)
					before = uploads(log)
					if tt.noRecords {
						t.Setenv(provider.EnvFileHashCache, "off")
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(savedV2))),
						plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("checksum"), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("sha1"), "value": knownvalue.StringExact(sha1Hex(savedV2)),
						})),
						editFile{file, savedV3},
					},
				},
				ExpectError: tt.applyErr,
			},
			{
				PreConfig: publishedAs(t, log, &got, sha1Hex(savedV1), &last, &before),
				Config:    cfg,
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(savedV3))),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(savedV3))),
				},
				Check: onPortal(t, &got, portalChecksum(sha1Hex(savedV3))),
			},
		},
	})
}

// editBeforeApply wraps the provider server to run edit (once armed) when
// Terraform asks it to apply a datagouv_resource: after apply's own plan
// of the resource, before the upload reads the file.
type editBeforeApply struct {
	tfprotov6.ProviderServer
	edit func()
}

func (p editBeforeApply) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	if req.TypeName == "datagouv_resource" {
		p.edit()
	}
	return p.ProviderServer.ApplyResourceChange(ctx, req)
}

// A file edited after apply's own plan of the resource, when the upload
// reads it: the upload checks the sha1 of what it read against the planned
// file_hash before the portal can serve anything (before a small file's one
// request, before a large file's parts are assembled), and publishes
// nothing.
func TestAccResource_fileChangedBeforeUpload(t *testing.T) {
	t.Parallel() // each case is a ParallelTest of its own
	for _, tt := range []struct{ name, provider, v2, v3 string }{
		{"one request", "", "w,2\n", "w,3\nedited when apply reached it\n"},
		{"in parts", "provider \"datagouv\" {\n  upload_chunk_threshold = 1048576\n}\n",
			strings.Repeat("w,2\n", 1<<19), strings.Repeat("w,3\n", 1<<19)},
	} {
		t.Run(tt.name, func(t *testing.T) { testFileChangedBeforeUpload(t, tt.provider, tt.v2, tt.v3) })
	}
}

func testFileChangedBeforeUpload(t *testing.T, providerBlock, v2, v3 string) {
	acctest.PreCheck(t)
	dsTitle := acctest.RandomName("resource-before-upload")
	file := filepath.Join(t.TempDir(), "edited.csv")
	writeFile(t, file, savedV1)
	var mu sync.Mutex
	armed := false
	edit := func() {
		mu.Lock()
		defer mu.Unlock()
		if armed {
			armed = false
			if err := os.WriteFile(file, []byte(v3), 0o600); err != nil {
				t.Error(err)
			}
		}
	}
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"datagouv": func() (tfprotov6.ProviderServer, error) {
			s, err := acctest.ProtoV6ProviderFactories["datagouv"]()
			return editBeforeApply{ProviderServer: s, edit: edit}, err
		},
	}
	cfg := resourceTestConfig(dsTitle, providerBlock, fmt.Sprintf(`
  title     = "Edited before upload"
  file_path = %q
`, file))
	var got ids
	var last string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check:  resource.ComposeTestCheckFunc(got.capture(), lastModified(t, &got, &last)),
			},
			{
				PreConfig: func() {
					writeFile(t, file, v2)
					mu.Lock()
					armed = true
					mu.Unlock()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(v2))),
					},
				},
				ExpectError: errorPattern("Local file changed since plan", sha1Hex(v2), sha1Hex(v3), "nothing was published"),
			},
			{
				// Parts may have been sent, never assembled: no new file.
				PreConfig: publishedAs(t, nil, &got, sha1Hex(savedV1), &last, nil),
				Config:    cfg,
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(v3))),
				),
				Check: onPortal(t, &got, portalChecksum(sha1Hex(v3))),
			},
		},
	})
}
