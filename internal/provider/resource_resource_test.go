package provider_test

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

const resAddr = "datagouv_resource.test"

func sha1Hex(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// ids records the dataset and resource ids of resAddr after a step, for
// out-of-band changes and checks in later steps.
type ids struct{ dataset, resource string }

func (i *ids) capture() resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[resAddr]
		if !ok {
			return fmt.Errorf("%s not in state", resAddr)
		}
		i.dataset, i.resource = rs.Primary.Attributes["dataset_id"], rs.Primary.ID
		return nil
	}
}

// onPortal checks the resource as data.gouv.fr has it.
func onPortal(t *testing.T, i *ids, check func(r *client.Resource) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		r, err := acctest.Client(t).Resources.Get(context.Background(), i.dataset, i.resource)
		if err != nil {
			return fmt.Errorf("reading resource on the portal: %w", err)
		}
		return check(r)
	}
}

// editOnPortal is a PreConfig that changes the resource on the portal as
// another tool would: a PUT of everything it has, with edit applied.
func editOnPortal(t *testing.T, i *ids, edit func(in *client.ResourceInput)) func() {
	return func() {
		c := acctest.Client(t)
		r, err := c.Resources.Get(context.Background(), i.dataset, i.resource)
		if err != nil {
			t.Fatal(err)
		}
		in := &client.ResourceInput{Title: r.Title, Description: r.Description, Type: r.Type, URL: r.URL,
			Format: r.Format, Mime: r.Mime, Filesize: r.Filesize, Checksum: r.Checksum, Schema: r.Schema, Extras: r.Extras}
		edit(in)
		if _, err := c.Resources.Update(context.Background(), i.dataset, i.resource, in); err != nil {
			t.Fatal(err)
		}
	}
}

func portalTitle(want string) func(*client.Resource) error {
	return func(r *client.Resource) error {
		if r.Title != want {
			return fmt.Errorf("title on the portal = %q, want %q", r.Title, want)
		}
		return nil
	}
}

func portalChecksum(want string) func(*client.Resource) error {
	return func(r *client.Resource) error {
		if r.Checksum == nil || r.Checksum.Type != "sha1" || r.Checksum.Value != want {
			return fmt.Errorf("checksum on the portal = %+v, want sha1 %s", r.Checksum, want)
		}
		return nil
	}
}

// checkResourcesDestroyed asks the portal that every datagouv_resource of
// the state is gone.
func checkResourcesDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := acctest.Client(t)
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "datagouv_resource" {
				continue
			}
			_, err := c.Resources.Get(context.Background(), rs.Primary.Attributes["dataset_id"], rs.Primary.ID)
			switch {
			case err == nil:
				return fmt.Errorf("resource %s still exists on the portal", rs.Primary.ID)
			case errors.Is(err, client.ErrNotFound), errors.Is(err, client.ErrGone):
			default:
				return err
			}
		}
		return nil
	}
}

// uploads counts the upload requests of log so far.
func uploads(log *acctest.Log) int {
	n := 0
	for _, r := range log.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/upload/") {
			n++
		}
	}
	return n
}

// checkUploads checks that log holds want more upload requests than
// *before.
func checkUploads(log *acctest.Log, before *int, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := uploads(log) - *before; got != want {
			return fmt.Errorf("%d upload requests, want %d", got, want)
		}
		return nil
	}
}

// A remote link: created with every argument, updated in place, untouched by
// keys the portal adds to extras, imported both ways.
func TestAccResource_remote(t *testing.T) {
	acctest.PreCheck(t)
	dsTitle := acctest.RandomName("resource-remote")
	url1 := "https://example.org/" + acctest.RandomName("data") + ".csv"
	url2 := "https://example.org/" + acctest.RandomName("data") + "-v2.csv"
	version2 := resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title    = "Remote data, version 2"
  url      = %q
  filesize = 4321
  checksum = { type = "sha1", value = %q }
  extras   = { source = "terraform", version = "2" }
`, url2, sha1Hex("v2")))
	var got ids
	sameID := statecheck.CompareValue(compare.ValuesSame())

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title       = "Remote data"
  description = "A file hosted elsewhere."
  type        = "documentation"
  url         = %q
  format      = "CSV"
  mime        = "text/csv"
  filesize    = 1234
  checksum    = { type = "sha256", value = %q }
  schema      = { name = "etalab/schema-irve-statique", version = "2.3.1" }
  extras      = { source = "terraform" }
`, url1, strings.Repeat("ab", 32))),
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("filetype"), knownvalue.StringExact("remote")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("format"), knownvalue.StringExact("CSV")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("latest"), knownvalue.StringRegexp(regexp.MustCompile(`/datasets/r/`))),
				},
				Check: resource.ComposeTestCheckFunc(
					got.capture(),
					onPortal(t, &got, func(r *client.Resource) error {
						if r.Filetype != "remote" || r.URL != url1 || r.Type != "documentation" {
							return fmt.Errorf("portal has filetype %q url %q type %q", r.Filetype, r.URL, r.Type)
						}
						if r.Format == nil || *r.Format != "csv" {
							return fmt.Errorf("portal format = %v, want csv (lower-cased)", r.Format)
						}
						if r.Extras["source"] != "terraform" {
							return fmt.Errorf("portal extras = %v", r.Extras)
						}
						return nil
					}),
				),
			},
			{
				// A key added by the portal's checker is not drift...
				PreConfig: editOnPortal(t, &got, func(in *client.ResourceInput) { in.Extras["check:status"] = float64(200) }),
				// ...and survives an update of the link, which happens in place.
				Config:           version2,
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("format"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("type"), knownvalue.StringExact("main")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("schema"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("extras"), knownvalue.MapExact(map[string]knownvalue.Check{
						"source": knownvalue.StringExact("terraform"), "version": knownvalue.StringExact("2"),
					})),
				},
				Check: onPortal(t, &got, func(r *client.Resource) error {
					if r.URL != url2 || r.Filesize == nil || *r.Filesize != 4321 || r.Checksum == nil || r.Checksum.Value != sha1Hex("v2") {
						return fmt.Errorf("portal has url %q filesize %v checksum %+v", r.URL, r.Filesize, r.Checksum)
					}
					if r.Format != nil || r.Description != nil || r.Schema != nil && r.Schema.Name != nil {
						return fmt.Errorf("format %v, description %v and schema %+v should be cleared", r.Format, r.Description, r.Schema)
					}
					if fmt.Sprint(r.Extras["check:status"]) != "200" || r.Extras["version"] != "2" {
						return fmt.Errorf("portal extras = %v, want the checker's key kept and version=2", r.Extras)
					}
					return nil
				}),
			},
			{
				// A title edited in the web interface shows on refresh (a
				// Read that finds a change writes the state: the planned
				// update exists only then) and the apply puts it back.
				PreConfig:        editOnPortal(t, &got, func(in *client.ResourceInput) { in.Title = "Edited in the web interface" }),
				Config:           version2,
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate),
				Check:            onPortal(t, &got, portalTitle("Remote data, version 2")),
			},
			{
				ResourceName:      resAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:      resAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return got.dataset + "/" + got.resource, nil },
			},
			{
				// Deleted on the portal: it leaves the state (with a warning)
				// and the plan creates it again.
				PreConfig: func() {
					if err := acctest.Client(t).Resources.Delete(context.Background(), got.dataset, got.resource); err != nil {
						t.Fatalf("out-of-band delete: %v", err)
					}
				},
				Config:           version2,
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValue(compare.ValuesDiffer()).AddStateValue(resAddr, tfjsonpath.New("id")),
				},
			},
		},
	})
}

// A local file: uploaded, uploaded again in place only when its content
// differs from the portal's (whichever side changed), with its title kept.
func TestAccResource_local(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	dsTitle := acctest.RandomName("resource-local")
	dir := t.TempDir()
	file := filepath.Join(dir, "My Data 2024.csv")
	const contentA = "year,amount\n2024,12\n"
	const contentB = "year,amount\n2024,12\n2025,15\n"
	writeFile(t, file, contentA)

	cfg := func(description string) string {
		return resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title       = "Amounts by year"
  description = %q
  file_path   = %q
  extras      = { pipeline = "nightly" }
`, description, file))
	}
	var got ids
	var before int
	sameID := statecheck.CompareValue(compare.ValuesSame())
	checksumIs := func(sum string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("checksum"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"type": knownvalue.StringExact("sha1"), "value": knownvalue.StringExact(sum),
		}))
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: cfg("First version."),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resAddr, plancheck.ResourceActionCreate),
						// Read when apply uploads it.
						plancheck.ExpectUnknownValue(resAddr, tfjsonpath.New("file_hash")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("filetype"), knownvalue.StringExact("file")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("title"), knownvalue.StringExact("Amounts by year")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(contentA))),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("filesize"), knownvalue.Int64Exact(int64(len(contentA)))),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("format"), knownvalue.StringExact("csv")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("url"), knownvalue.NotNull()),
					checksumIs(sha1Hex(contentA)),
				},
				Check: resource.ComposeTestCheckFunc(
					got.capture(),
					// udata sets the title to the file name; ours was put back.
					onPortal(t, &got, portalTitle("Amounts by year")),
					onPortal(t, &got, portalChecksum(sha1Hex(contentA))),
				),
			},
			{
				// Metadata only: updated in place without an upload.
				PreConfig:         func() { before = uploads(log) },
				Config:            cfg("Second description."),
				ConfigPlanChecks:  acctest.Plans(resAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resAddr, tfjsonpath.New("id")), checksumIs(sha1Hex(contentA))},
				Check:             checkUploads(log, &before, 0),
			},
			{
				// The local file changed: an in-place update that uploads it,
				// showing the sha1 it read (apply publishes those bytes).
				PreConfig: func() { writeFile(t, file, contentB); before = uploads(log) },
				Config:    cfg("Second description."),
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(contentB))),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resAddr, tfjsonpath.New("id")),
					checksumIs(sha1Hex(contentB)),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("filesize"), knownvalue.Int64Exact(int64(len(contentB)))),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("title"), knownvalue.StringExact("Amounts by year")),
				},
				Check: resource.ComposeTestCheckFunc(
					checkUploads(log, &before, 1),
					onPortal(t, &got, portalTitle("Amounts by year")),
					onPortal(t, &got, portalChecksum(sha1Hex(contentB))),
					onPortal(t, &got, func(r *client.Resource) error {
						if r.Description == nil || *r.Description != "Second description." || r.Extras["pipeline"] != "nightly" {
							return fmt.Errorf("portal description %v extras %v", r.Description, r.Extras)
						}
						return nil
					}),
				),
			},
			{
				// Same content written again (new modification time): nothing to do.
				PreConfig: func() {
					writeFile(t, file, contentB)
					later := time.Now().Add(time.Hour)
					if err := os.Chtimes(file, later, later); err != nil {
						t.Fatal(err)
					}
				},
				Config:   cfg("Second description."),
				PlanOnly: true,
			},
			{
				// Someone replaced the file on the portal: the plan shows it and
				// the apply puts ours back.
				PreConfig: func() {
					const theirs = "year,amount\n1999,1\n"
					_, err := acctest.Client(t).Resources.Replace(context.Background(), got.dataset, got.resource,
						client.UploadFile{Name: "theirs.csv", Content: strings.NewReader(theirs), Size: int64(len(theirs))})
					if err != nil {
						t.Fatalf("out-of-band replace: %v", err)
					}
				},
				Config: cfg("Second description."),
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(contentB))),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resAddr, tfjsonpath.New("id")), checksumIs(sha1Hex(contentB)),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(contentB))),
				},
				Check: resource.ComposeTestCheckFunc(
					onPortal(t, &got, portalTitle("Amounts by year")),
					onPortal(t, &got, portalChecksum(sha1Hex(contentB))),
				),
			},
			{
				// file_path cannot be known from the portal.
				ResourceName:            resAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"file_path"},
			},
			{
				ResourceName:            resAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"file_path"},
				ImportStateIdFunc:       func(*terraform.State) (string, error) { return got.dataset + "/" + got.resource, nil },
			},
			{
				// The dataset deleted on the portal (soft delete): the resource
				// stays in the state, untouched, while the dataset is restored.
				PreConfig: func() {
					if err := acctest.Client(t).Datasets.Delete(context.Background(), got.dataset); err != nil {
						t.Fatalf("out-of-band dataset delete: %v", err)
					}
				},
				Config:            cfg("Second description."),
				ConfigPlanChecks:  acctest.Plans(resAddr, plancheck.ResourceActionNoop),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resAddr, tfjsonpath.New("id"))},
				Check:             onPortal(t, &got, portalChecksum(sha1Hex(contentB))),
			},
		},
	})
}

// Switching between a remote link and a local file makes a new resource
// (udata refuses to change a resource's filetype).
func TestAccResource_switchRemoteLocal(t *testing.T) {
	acctest.PreCheck(t)
	dsTitle := acctest.RandomName("resource-switch")
	file := filepath.Join(t.TempDir(), "switch.json")
	writeFile(t, file, `{"switched": true}`)
	remote := resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title = "Switching"
  url   = %q
`, "https://example.org/"+acctest.RandomName("switch")+".json"))
	local := resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title     = "Switching"
  file_path = %q
`, file))
	differentID := statecheck.CompareValue(compare.ValuesDiffer())

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:            remote,
				ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(resAddr, tfjsonpath.New("id"))},
			},
			{
				Config:           local,
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					differentID.AddStateValue(resAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("filetype"), knownvalue.StringExact("file")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("title"), knownvalue.StringExact("Switching")),
				},
			},
			{
				Config:           remote,
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					differentID.AddStateValue(resAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("filetype"), knownvalue.StringExact("remote")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.Null()),
				},
			},
		},
	})
}

// A file above upload_chunk_threshold goes through udata's chunked upload,
// on creation and on re-upload.
func TestAccResource_chunkedUpload(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	dsTitle := acctest.RandomName("resource-chunked")
	file := filepath.Join(t.TempDir(), "big.csv")
	// 9 MiB above a 1 MiB threshold: the threshold caps the parts, so that
	// there are several.
	line := "2024-01-01,75056,Paris,1234.5\n"
	big := strings.Repeat(line, (9<<20)/len(line)+1)
	writeFile(t, file, big)
	cfgWith := func(settings string) string {
		return resourceTestConfig(dsTitle, `
provider "datagouv" {
  upload_chunk_threshold = 1048576
`+settings+`}
`, fmt.Sprintf(`
  title     = "Big file"
  file_path = %q
`, file))
	}
	cfg := cfgWith("")
	var got ids
	var before int
	chunks := func(wantAtLeast int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if before < 0 {
				return nil
			}
			if n := uploads(log) - before; n < wantAtLeast {
				return fmt.Errorf("%d upload requests, want at least %d (parts and the final assembly)", n, wantAtLeast)
			}
			return nil
		}
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:      cfgWith("  upload_concurrency = 17\n"),
				PlanOnly:    true,
				ExpectError: errorPattern("upload_concurrency", "must be between 1 and 16"),
			},
			{
				PreConfig: func() { before = uploads(log) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(big))),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("filesize"), knownvalue.Int64Exact(int64(len(big)))),
				},
				Check: resource.ComposeTestCheckFunc(got.capture(), chunks(3),
					onPortal(t, &got, portalChecksum(sha1Hex(big))), onPortal(t, &got, portalTitle("Big file"))),
			},
			{
				// Parts one after the other: the same file on the portal.
				PreConfig:        func() { big += line; writeFile(t, file, big); before = uploads(log) },
				Config:           cfgWith("  upload_concurrency = 1\n"),
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate),
				Check: resource.ComposeTestCheckFunc(chunks(3),
					onPortal(t, &got, func(r *client.Resource) error { return portalChecksum(sha1Hex(big))(r) }),
					onPortal(t, &got, portalTitle("Big file"))),
			},
		},
	})
}

// A file_hash declared in the configuration that is not the file's: apply
// refuses before the portal can serve anything, so that content that was not
// planned is never published (on creation as on re-upload); the fixed
// configuration then goes through. A small file is refused before its one
// request is sent; a file in parts is refused once its parts are stored and
// before they are assembled into a file (the sha1 is taken while they are
// read), so the dataset gets no resource and a re-uploaded one keeps its file.
func TestAccResource_fileHashMismatch(t *testing.T) {
	t.Parallel() // each case is a ParallelTest of its own
	for _, tt := range []struct {
		name    string
		content string
	}{
		{"one request", "a,b\n1,2\n"},
		{"in parts", strings.Repeat("a,b\n", 750_000)}, // 3,000,000 bytes: 2 parts
	} {
		t.Run(tt.name, func(t *testing.T) { testFileHashMismatch(t, tt.content) })
	}
}

func testFileHashMismatch(t *testing.T, content string) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	dsTitle := acctest.RandomName("resource-mismatch")
	file := filepath.Join(t.TempDir(), "data.csv")
	writeFile(t, file, content)
	// In parts of 2,000,000 bytes (the defaults would send 3,000,000 in one).
	inParts := len(content) > 2_000_000
	providerBlock := ""
	if inParts {
		providerBlock = "provider \"datagouv\" {\n  upload_part_size = 2000000\n}\n"
	}
	cfg := func(hash string) string {
		return resourceTestConfig(dsTitle, providerBlock, fmt.Sprintf(`
  title     = "Mismatch"
  file_path = %q
  file_hash = %q
`, file, hash))
	}
	var before int
	var got ids
	noUpload := func() {
		if n := uploads(log) - before; n != 0 && !inParts {
			t.Errorf("%d upload requests reached the portal, want none", n)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { before = uploads(log) },
				Config:      cfg(sha1Hex("something else")),
				ExpectError: errorPattern("Local file does not match file_hash", sha1Hex(content), "Nothing was published"),
			},
			{
				// Nothing was published; the right hash creates the one resource.
				PreConfig:        noUpload,
				Config:           cfg(sha1Hex(content)),
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionCreate),
				Check: resource.ComposeTestCheckFunc(got.capture(), onPortal(t, &got, portalChecksum(sha1Hex(content))),
					datasetResourceCount(t, &got, 1)),
			},
			{
				// A wrong hash for a re-upload: refused, the portal keeps its file.
				PreConfig:   func() { before = uploads(log) },
				Config:      cfg(sha1Hex("another file")),
				ExpectError: errorPattern("Local file does not match file_hash", "Nothing was published"),
			},
			{
				PreConfig: func() {
					noUpload()
					if err := onPortal(t, &got, portalChecksum(sha1Hex(content)))(nil); err != nil {
						t.Error(err)
					}
				},
				Config:   cfg(sha1Hex(content)),
				PlanOnly: true,
			},
		},
	})
}

// datasetResourceCount checks how many resources the captured dataset holds
// on the portal.
func datasetResourceCount(t *testing.T, i *ids, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ds, err := acctest.Client(t).Datasets.Get(context.Background(), i.dataset)
		if err != nil {
			return err
		}
		if len(ds.Resources) != want {
			return fmt.Errorf("the dataset holds %d resources on the portal, want %d", len(ds.Resources), want)
		}
		return nil
	}
}

// Bad input: one clear diagnostic each, and nothing written on the portal.
func TestAccResource_badInput(t *testing.T) {
	acctest.PreCheck(t)
	dsTitle := acctest.RandomName("resource-bad")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	writeFile(t, good, "a\n1\n")
	parquet := filepath.Join(dir, "data.parquet")
	writeFile(t, parquet, "PAR1")
	subdir := filepath.Join(dir, "folder.csv")
	if err := os.Mkdir(subdir, 0o700); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "later.csv")
	url := "https://example.org/" + acctest.RandomName("bad") + ".csv"

	bad := func(body, pattern string) resource.TestStep {
		return resource.TestStep{Config: resourceTestConfig(dsTitle, "", body), ExpectError: regexp.MustCompile(pattern)}
	}
	steps := []resource.TestStep{
		{Config: resourceTestConfig(dsTitle, "", "")},
		bad(fmt.Sprintf("title = \"x\"\nurl = %q\nfile_path = %q", url, good), `Exactly one of these attributes must be configured: \[url,file_path\]`),
		bad(`title = "x"`, `Exactly one of these attributes must be configured: \[url,file_path\]`),
		bad(fmt.Sprintf("title = \"x\"\nfile_path = %q", subdir), `(?s)Cannot read the local file.*folder\.csv\s+is\s+a\s+directory`),
		bad(fmt.Sprintf("title = \"x\"\nfile_path = %q", parquet), `(?s)File type not accepted.*"parquet".*Allowed\s+extensions:.*csv`),
		bad(`title = "x"
url = "http://localhost:8080/data.csv"`, `(?s)Invalid resource URL.*local\s+URL`),
		bad(`title = "x"
url = "example.org/data.csv"`, `(?s)Invalid resource URL.*not\s+an\s+absolute\s+URL`),
		bad(fmt.Sprintf("title = \"x\"\nfile_path = %q\nformat = \"csv\"", good), `(?s)Attribute not settable for an uploaded file.*format`),
		// A file missing at plan is not an error then (it may be produced
		// during the apply); still missing at apply, it is.
		bad(fmt.Sprintf("title = \"x\"\nfile_path = %q", missing), `(?s)Cannot read the local file.*later\.csv\s+does\s+not\s+exist`),
		{
			Config: resourceTestConfig(dsTitle, "", "") + fmt.Sprintf(`
resource "datagouv_resource" "unknown_dataset" {
  dataset_id = "000000000000000000000000"
  title      = "x"
  url        = %q
}
`, url),
			ExpectError: regexp.MustCompile(`(?s)Could not create resource.*no\s+dataset\s+"000000000000000000000000"`),
		},
		{
			// Not an id: refused at plan, on dataset_id.
			Config: resourceTestConfig(dsTitle, "", "") + fmt.Sprintf(`
resource "datagouv_resource" "not_an_id" {
  dataset_id = "not-an-id"
  title      = "x"
  url        = %q
}
`, url),
			PlanOnly:    true,
			ExpectError: errorPattern("Invalid dataset id", `dataset_id = "not-an-id"`, "24 hexadecimal characters"),
		},
		bad(fmt.Sprintf("title = \"x\"\nurl = %q\nextras = { \"$ref\" = \"x\" }", url), `(?s)Extras key starting with "\$".*extras = `),
	}
	if os.Geteuid() != 0 {
		unreadable := filepath.Join(dir, "secret.csv")
		writeFile(t, unreadable, "a\n")
		if err := os.Chmod(unreadable, 0); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, bad(fmt.Sprintf("title = \"x\"\nfile_path = %q", unreadable), `(?s)Cannot read the local file.*permission\s+denied`))
	}
	// Nothing was written: the dataset still has no resource.
	steps = append(steps, resource.TestStep{
		Config: resourceTestConfig(dsTitle, "", ""),
		Check:  checkNoResources(t),
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps:                    steps,
	})
}

// A file uploaded outside Terraform, imported (Terraform 1.5 import block)
// with a configuration that names the same file: only the state learns the
// path (Terraform shows that as an update) and nothing is uploaded.
func TestAccResource_importLocalThenWritePath(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	c := acctest.Client(t)
	ctx := context.Background()
	ds, err := c.Datasets.Create(ctx, &client.DatasetInput{Title: acctest.RandomName("resource-import"), Description: "Imported resource test."})
	if err != nil {
		t.Fatalf("create dataset: %v", err)
	}
	t.Cleanup(func() { _ = c.Datasets.Delete(context.Background(), ds.ID) })
	const content = "id,name\n1,one\n"
	file := filepath.Join(t.TempDir(), "export.csv")
	writeFile(t, file, content)
	up, err := c.Resources.Upload(ctx, ds.ID, client.UploadFile{Name: "export.csv", Content: strings.NewReader(content), Size: int64(len(content))})
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	if _, err := c.Resources.Update(ctx, ds.ID, up.Resource.ID, &client.ResourceInput{Title: "Export", Type: "main"}); err != nil {
		t.Fatalf("set title: %v", err)
	}
	before := 0
	cfg := fmt.Sprintf(`
import {
  to = datagouv_resource.test
  id = %q
}

resource "datagouv_resource" "test" {
  dataset_id = %q
  title      = "Export"
  file_path  = %q
}
`, up.Resource.ID, ds.ID, file)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{{
			PreConfig: func() { before = uploads(log) },
			Config:    cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(content))),
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("url"), knownvalue.StringExact(up.Resource.URL)),
					// Nothing is written: the portal's modification date stays.
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("last_modified"), knownvalue.NotNull()),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("id"), knownvalue.StringExact(up.Resource.ID)),
				statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_path"), knownvalue.StringExact(file)),
			},
			Check: checkUploads(log, &before, 0),
		}},
	})
}
