package filehash

import (
	"crypto/sha1"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func sha1Hex(s string) string {
	h := sha1.Sum([]byte(s))
	return hex.EncodeToString(h[:])
}

// sum opens path and asks the cache for its sum.
func sum(t *testing.T, c *Cache, path string) Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := c.Sum(path, f, "")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// ageFile sets the file's modification time in the past; its change time
// moves to now (the kernel's rule), so the test clock must run later.
func writeAged(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

// later is a clock past the racy window of anything written now.
func later() time.Time { return time.Now().Add(2 * racyWindow) }

func TestSum_unchangedFileIsNotReadAgain(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no inode or change time: nothing is remembered on this system")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "data.csv")
	writeAged(t, file, "a,b\n1,2\n")
	c := New(filepath.Join(dir, "cache"))
	c.now = later

	first := sum(t, c, file)
	if first.Cached || first.SHA1 != sha1Hex("a,b\n1,2\n") || first.Size != 8 {
		t.Fatalf("first sum = %+v", first)
	}
	second := sum(t, c, file)
	if !second.Cached || second.SHA1 != first.SHA1 {
		t.Fatalf("second sum = %+v, want the remembered one", second)
	}
	// Another cache object on the same folder (another Terraform process,
	// another configuration naming the same file) uses it too.
	other := New(filepath.Join(dir, "cache"))
	if r := sum(t, other, file); !r.Cached {
		t.Errorf("a second process read the file again: %+v", r)
	}
}

func TestSum_changesAreSeen(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no inode or change time: nothing is remembered on this system")
	}
	tests := []struct {
		name   string
		change func(t *testing.T, file string)
		want   string
	}{
		{"content of another size", func(t *testing.T, f string) { writeAged(t, f, "a,b\n1,2\n3,4\n") }, "a,b\n1,2\n3,4\n"},
		{
			// Same size, and the modification time put back: only the
			// change time tells.
			"same size, modification time restored", func(t *testing.T, f string) {
				info, _ := os.Stat(f)
				if err := os.WriteFile(f, []byte("a,b\n9,9\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(f, info.ModTime(), info.ModTime()); err != nil {
					t.Fatal(err)
				}
			}, "a,b\n9,9\n",
		},
		{
			"replaced by another file (new inode)", func(t *testing.T, f string) {
				tmp := f + ".new"
				writeAged(t, tmp, "x,y\n5,6\n")
				if err := os.Rename(tmp, f); err != nil {
					t.Fatal(err)
				}
			}, "x,y\n5,6\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "data.csv")
			writeAged(t, file, "a,b\n1,2\n")
			c := New(filepath.Join(dir, "cache"))
			c.now = later
			sum(t, c, file)
			// The test clock says the hash came seconds after the write;
			// the real change must then fall in a later tick of the file
			// system's clock, as it would.
			time.Sleep(20 * time.Millisecond)
			tt.change(t, file)
			r := sum(t, c, file)
			if r.Cached || r.SHA1 != sha1Hex(tt.want) {
				t.Errorf("after the change: %+v, want a fresh sum %s", r, sha1Hex(tt.want))
			}
		})
	}
}

// A file modified within the clock granularity of its hash could change
// again without its times moving: its sum is not trusted until it is
// hashed again later.
func TestSum_racilyCleanIsHashedAgain(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "data.csv")
	if err := os.WriteFile(file, []byte("fresh"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := New(filepath.Join(dir, "cache"))
	c.now = time.Now // hashed in the same instant as the write
	sum(t, c, file)
	if r := sum(t, c, file); r.Cached {
		t.Fatalf("a file written just before its hash was trusted: %+v", r)
	}
	c.now = later // hashed again well after the write: trusted from then on
	sum(t, c, file)
	if r := sum(t, c, file); !r.Cached && runtime.GOOS != "windows" {
		t.Errorf("not remembered after a hash well after the write: %+v", r)
	}
}

func TestSum_disabledOrBrokenCacheStillHashes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "data.csv")
	writeAged(t, file, "content")
	for name, c := range map[string]*Cache{
		"disabled": New(""),
		"nil":      nil,
		// a file where the folder should be: nothing can be stored
		"unwritable": func() *Cache {
			p := filepath.Join(dir, "not-a-dir")
			_ = os.WriteFile(p, nil, 0o600)
			return New(p)
		}(),
	} {
		for i := 0; i < 2; i++ {
			if r := sum(t, c, file); r.Cached || r.SHA1 != sha1Hex("content") {
				t.Errorf("%s cache, sum %d = %+v", name, i, r)
			}
		}
	}
	// A corrupt entry is a miss.
	cdir := filepath.Join(dir, "cache")
	c := New(cdir)
	c.now = later
	sum(t, c, file)
	entries, _ := filepath.Glob(filepath.Join(cdir, "*.json"))
	if len(entries) != 1 {
		t.Fatalf("%d entries written, want 1", len(entries))
	}
	if err := os.WriteFile(entries[0], []byte(`{"path": "elsewhere", "sha1": "0000"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := sum(t, c, file); r.Cached || r.SHA1 != sha1Hex("content") {
		t.Errorf("a corrupt entry was used: %+v", r)
	}
}

// sumAgainst asks for the sum of path to compare it with prior.
func sumAgainst(t *testing.T, c *Cache, path, prior string) Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := c.Sum(path, f, prior)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A sum taken just after a write is distrusted to say "unchanged" (the
// file could have been written again in the same tick), but it may say
// "not prior's": the file changed since prior whatever it holds now. This
// spares apply's second plan of a file written just before `terraform
// apply` a read of the whole file.
func TestSum_racySumMaySayChangedNotUnchanged(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no inode or change time: nothing is remembered on this system")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "data.csv")
	if err := os.WriteFile(file, []byte("new content"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := New(filepath.Join(dir, "cache"))
	c.now = time.Now // hashed in the instant of the write: racy
	if r := sumAgainst(t, c, file, sha1Hex("old content")); r.Cached || r.SHA1 != sha1Hex("new content") {
		t.Fatalf("first sum = %+v", r)
	}
	if r := sumAgainst(t, c, file, sha1Hex("old content")); !r.Cached || r.SHA1 != sha1Hex("new content") {
		t.Errorf("a racy sum that differs from prior was not used: %+v", r)
	}
	if r := sumAgainst(t, c, file, sha1Hex("new content")); r.Cached {
		t.Errorf("a racy sum equal to prior was trusted to say unchanged: %+v", r)
	}
	if r := sumAgainst(t, c, file, ""); r.Cached {
		t.Errorf("a racy sum was trusted without a prior to differ from: %+v", r)
	}
}

// What an upload hashed while it sent the file is remembered, so that the
// next plan does not read the file again; an identity that moved since is
// a miss.
func TestRemember(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no inode or change time: nothing is remembered on this system")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "data.csv")
	writeAged(t, file, "sent")
	c := New(filepath.Join(dir, "cache"))
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	id, ok := IdentityOf(f)
	f.Close()
	if !ok {
		t.Fatal("no identity")
	}
	c.Remember(file, id, sha1Hex("sent"), later())
	if r := sum(t, c, file); !r.Cached || r.SHA1 != sha1Hex("sent") {
		t.Errorf("remembered upload sum not used: %+v", r)
	}
	writeAged(t, file, "edit")
	if r := sum(t, c, file); r.Cached || r.SHA1 != sha1Hex("edit") {
		t.Errorf("a file rewritten after the upload was not hashed: %+v", r)
	}
}

func TestSettledBefore(t *testing.T) {
	now := time.Now()
	old := now.Add(-time.Hour).UnixNano()
	for name, tt := range map[string]struct {
		id   Identity
		want bool
	}{
		"both old":          {Identity{MtimeNs: old, CtimeNs: old}, true},
		"modified just now": {Identity{MtimeNs: now.UnixNano(), CtimeNs: old}, false},
		"changed just now":  {Identity{MtimeNs: old, CtimeNs: now.Add(-time.Second).UnixNano()}, false},
	} {
		if got := tt.id.SettledBefore(now); got != tt.want {
			t.Errorf("%s: SettledBefore = %v, want %v", name, got, tt.want)
		}
	}
}

// TestSum_readsFromTheStartWhateverTheOffset: an upload reads the file, then
// asks for its sum again (a file written just before, not yet settled); the
// sum is the content's, not that of the nothing left after the offset (which
// read as "the file changed during the upload").
func TestSum_readsFromTheStartWhateverTheOffset(t *testing.T) {
	file := filepath.Join(t.TempDir(), "data.csv")
	if err := os.WriteFile(file, []byte("n,file\n3,x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*Cache{"disabled": New(""), "enabled": New(filepath.Join(t.TempDir(), "cache"))} {
		r, err := c.Sum(file, f, "")
		if err != nil || r.SHA1 != sha1Hex("n,file\n3,x\n") || r.Size != 11 {
			t.Errorf("%s cache: Sum of a file read to its end = %+v, %v; want the content's sha1 and 11 bytes", name, r, err)
		}
	}
}
