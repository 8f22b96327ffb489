package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// memPrivate is a private state in memory.
type memPrivate map[string][]byte

func (m memPrivate) GetKey(_ context.Context, k string) ([]byte, diag.Diagnostics) { return m[k], nil }
func (m memPrivate) SetKey(_ context.Context, k string, v []byte) diag.Diagnostics {
	if len(v) == 0 {
		delete(m, k)
	} else {
		m[k] = v
	}
	return nil
}

// Only a plan right after a Read of this process leaves a record: a plan
// without a refresh (-refresh=false) reuses the id of the state, which a
// later plan without a refresh would take for the apply of this one.
func TestPlanRecordsOnlyAfterARead(t *testing.T) {
	t.Setenv(EnvFileHashCache, t.TempDir())
	ctx := context.Background()

	persisted := memPrivate{privateRefresh: []byte(`"0123456789abcdef0123456789abcdef"`)}
	stale := refreshID(ctx, persisted)
	if stale == "" {
		t.Fatal("refresh id not read back")
	}
	recordPlannedFile(stale, "/data/a.csv", "aaaa")
	if _, ok := plannedFile(stale); ok {
		t.Error("a plan without a Read of this process left a record")
	}

	read := memPrivate{}
	if d := markRefreshed(ctx, read); d.HasError() {
		t.Fatal(d)
	}
	fresh := refreshID(ctx, read)
	if fresh == "" || fresh == stale {
		t.Fatalf("Read made refresh id %q", fresh)
	}
	recordPlannedFile(fresh, "/data/a.csv", "aaaa")
	rec, ok := plannedFile(fresh)
	if !ok || rec.Path != "/data/a.csv" || rec.SHA1 != "aaaa" {
		t.Fatalf("record = %+v, %v", rec, ok)
	}
	dropPlannedFile(fresh)
	if _, ok := plannedFile(fresh); ok {
		t.Error("record still there once dropped")
	}
}

// An id that is not one the provider makes never names a file.
func TestPlanRecordFileRefusesForeignIDs(t *testing.T) {
	t.Setenv(EnvFileHashCache, t.TempDir())
	for _, id := range []string{"", "../../etc/passwd", "0123456789ABCDEF0123456789ABCDEF", "abc"} {
		if f := planRecordFile(id); f != "" {
			t.Errorf("id %q names %s", id, f)
		}
	}
	t.Setenv(EnvFileHashCache, "off")
	if f := planRecordFile("0123456789abcdef0123456789abcdef"); f != "" {
		t.Errorf("cache off, record in %s", f)
	}
}
