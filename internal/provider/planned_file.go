package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/filehash"
)

// A local file edited between a plan and its apply.
//
// A plan that hashed an existing resource's file plans file_hash as that
// sha1: the state's when the file is kept (a title changed), the new one
// when it is uploaded. The plan is a promise: apply publishes those bytes
// or nothing. If the file is edited before the plan is applied, apply's own
// plan of the resource (Terraform plans each resource again before applying
// it, a saved plan too) hashes another sha1, and Terraform stops with
// "Provider produced inconsistent final plan", calling the provider buggy.
// That second plan is given nothing of the first: the same configuration,
// the same prior state (the refreshed one), the same private data. What
// differs is that the plan of a `terraform plan` or of an interactive apply
// comes right after the provider read the resource (ReadResource, the
// refresh), and apply's second plan does not.
//
// So each Read of a local file puts a new random refresh id in the private
// state, and this process remembers the ids it made. A plan that changes
// the resource with a known file_hash, right after such a Read, leaves a
// record on disk (next to the file hash cache): refresh id → file and sha1.
// A plan that finds a record for its prior state's refresh id, with the
// file's sha1 now another (or the file gone), is the second plan of an
// apply whose file was edited: it stops with its own error on file_path,
// before anything is written, and drops the record so that the next plan
// plans the file as it is. The apply that goes through drops its record and
// the id.
//
// Where it cannot tell (the plan was made on another machine, or without a
// refresh: -refresh=false), Terraform's own error remains; nothing is
// uploaded either way. And a file edited after apply's second plan is
// caught by the upload, which publishes nothing whose sha1 is not the
// planned one (local_file_upload.go).

// privateRefresh is the private-state key of the refresh id.
const privateRefresh = "refresh"

var (
	refreshIDForm = regexp.MustCompile(`^[0-9a-f]{32}$`)
	// freshRefreshes are the refresh ids that Reads of this process made.
	freshRefreshes sync.Map
	// staleRecordsSwept: once per process is enough.
	staleRecordsSwept sync.Once
)

// planRecordLifetime bounds how long a saved plan is watched for.
const planRecordLifetime = 30 * 24 * time.Hour

type privateData interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// markRefreshed gives the private state of a resource just read a new
// refresh id.
func markRefreshed(ctx context.Context, private privateData) diag.Diagnostics {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil // nothing watched: Terraform's error remains
	}
	id := hex.EncodeToString(b[:])
	freshRefreshes.Store(id, true)
	v, _ := json.Marshal(id)
	return private.SetKey(ctx, privateRefresh, v)
}

// refreshID reads the refresh id of a private state ("" for none).
func refreshID(ctx context.Context, private privateData) string {
	if private == nil {
		return ""
	}
	b, d := private.GetKey(ctx, privateRefresh)
	var id string
	if d.HasError() || len(b) == 0 || json.Unmarshal(b, &id) != nil || !refreshIDForm.MatchString(id) {
		return ""
	}
	return id
}

// planRecord is what a plan saw of a file it does not upload.
type planRecord struct {
	Path string    `json:"path"`
	SHA1 string    `json:"sha1"`
	At   time.Time `json:"at"`
}

func planRecordFile(id string) string {
	dir := providerCacheDir()
	if dir == "" || !refreshIDForm.MatchString(id) {
		return ""
	}
	return filepath.Join(dir, "plans", id+".json")
}

// recordPlannedFile remembers that the plan made right after the Read that
// made refresh id keeps the file at path as sha1.
func recordPlannedFile(id, path, sha1 string) {
	if _, fresh := freshRefreshes.Load(id); !fresh {
		return // no Read just before: not a plan that an apply repeats
	}
	file := planRecordFile(id)
	if file == "" {
		return
	}
	b, err := json.Marshal(planRecord{Path: path, SHA1: sha1, At: time.Now()})
	if err != nil {
		return
	}
	staleRecordsSwept.Do(func() { dropStalePlanRecords(filepath.Dir(file)) })
	_ = filehash.WriteAtomic(file, b) // a failure leaves Terraform's own error
}

// plannedFile returns the record of refresh id, if any.
func plannedFile(id string) (planRecord, bool) {
	file := planRecordFile(id)
	if file == "" {
		return planRecord{}, false
	}
	b, err := os.ReadFile(file)
	var rec planRecord
	if err != nil || json.Unmarshal(b, &rec) != nil || time.Since(rec.At) > planRecordLifetime {
		return planRecord{}, false
	}
	return rec, true
}

func dropPlannedFile(id string) {
	if file := planRecordFile(id); file != "" {
		os.Remove(file)
	}
}

// dropStalePlanRecords removes the records of plans never applied.
func dropStalePlanRecords(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > planRecordLifetime {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// fileChangedSincePlan reports, on file_path, a file whose sha1 (now,
// unknown when the file is missing) is not the one the plan being applied
// was made for, and drops that plan's record.
func fileChangedSincePlan(id string, rec planRecord, now types.String, diags *diag.Diagnostics) {
	dropPlannedFile(id)
	reportChangedSincePlan(rec.Path, rec.SHA1, now.ValueString(), "\n\n(If this is a new plan rather than the apply of an "+
		"earlier one, e.g. a plan with -refresh=false after an apply that failed, run it again: this is not reported twice.)", diags)
}

// reportChangedSincePlan is the error of a file that is not the one the
// plan being applied was made for: planned is the sha1 the plan read, now
// the file's sha1 at apply ("" when it is missing), note added to the
// detail. Nothing was written.
func reportChangedSincePlan(file, planned, now, note string, diags *diag.Diagnostics) {
	what := "has sha1 " + now + " now"
	if now == "" {
		what = "cannot be read now"
	}
	diags.AddAttributeError(path.Root("file_path"), "Local file changed since plan",
		fmt.Sprintf("%s changed after the plan being applied was made: it had sha1 %s then, and %s. The plan was made for "+
			"the file as it was, and applying it would publish bytes nobody planned: nothing was written for this "+
			"resource, nothing was published. Run terraform plan (or apply) again: it plans the file as it is now.%s",
			file, planned, what, note))
}
