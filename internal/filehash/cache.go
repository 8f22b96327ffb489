// Package filehash remembers the sha1 of local files between Terraform runs,
// so that a plan does not read again, byte by byte, the gigabytes of files
// that did not change since they were last hashed.
//
// A remembered sum is used only when the file's identity is exactly the one
// it had when it was hashed (device, inode, size, modification and change
// times to the nanosecond) and the file was not modified within the clock
// granularity of that moment: git's "racily clean" rule, since a write in
// the same tick as the hash would leave the times unchanged. The change
// time (ctime) catches an edit whose size and modification time were put
// back (touch -d): the kernel sets it on every change and it cannot be set
// by hand. Any doubt means hashing the file.
//
// Entries live in one small file per path under the cache folder, written
// atomically, so that several Terraform processes (two configurations
// sharing a file) can use the same folder. Nothing in the cache is needed
// for correctness: a missing, corrupt or foreign entry is a miss.
package filehash

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"
)

// racyWindow is how close to the moment of hashing a modification or change
// time may be before the remembered sum is distrusted. File systems stamp
// times from a coarse clock (a few milliseconds on Linux, 2 s on FAT); two
// seconds covers them all.
const racyWindow = 2 * time.Second

// bufferSize is the read size when hashing: large enough that system call
// overhead vanishes next to sha1's cost, small next to the provider's memory.
const bufferSize = 256 << 10

// Cache remembers sums in a folder. The zero value, and a Cache whose folder
// is "", remember nothing: every Sum hashes.
type Cache struct {
	dir string
	// now is the clock, replaced in tests.
	now func() time.Time
}

// New returns a cache kept in dir ("" disables it). The folder is created
// on first write.
func New(dir string) *Cache { return &Cache{dir: dir, now: time.Now} }

// Identity is what must not have changed for a remembered sum to hold.
type Identity struct {
	Dev, Ino         uint64
	Size             int64
	MtimeNs, CtimeNs int64
}

type entry struct {
	Path     string   `json:"path"`
	Identity Identity `json:"identity"`
	SHA1     string   `json:"sha1"`
	// HashedAtNs is when the hash started, in Unix nanoseconds.
	HashedAtNs int64 `json:"hashed_at_ns"`
}

// Result is a file's sum and what it cost.
type Result struct {
	SHA1 string
	Size int64
	// Cached is true when the sum came from the cache, without reading the
	// file.
	Cached bool
}

// Sum returns the sha1 of the regular file f (opened by the caller, which
// checked what it is) at path, from the cache when the file is unchanged
// since it was hashed, else by reading it, remembering the new sum.
//
// prior is the sum the caller compares the result with ("" for none). A
// remembered sum that the racily-clean rule distrusts is still used when it
// differs from prior: the caller then only concludes that the file is not
// prior's any more, which holds whichever bytes the file holds now (it
// changed since prior was taken), and an upload reads the file anyway. Only
// a verdict of "unchanged" needs a trusted sum.
func (c *Cache) Sum(path string, f *os.File, prior string) (Result, error) {
	info, err := f.Stat()
	if err != nil {
		return Result{}, err
	}
	id, ok := identityOf(info)
	abs, absErr := filepath.Abs(path)
	if c != nil && c.dir != "" && ok && absErr == nil {
		if e, found := c.load(abs); found && e.Identity == id && (e.trusted() || (prior != "" && e.SHA1 != prior)) {
			return Result{SHA1: e.SHA1, Size: id.Size, Cached: true}, nil
		}
	}
	start := c.clock()
	// From the first byte whatever f's offset: an upload that read f
	// before asking (uploadRead.check) left it at the end, and a sum of
	// nothing would look like a file emptied during the upload.
	sum, n, err := SumReader(path, io.NewSectionReader(f, 0, math.MaxInt64))
	if err != nil {
		return Result{}, err
	}
	if n == id.Size {
		// Remember only what the file was while it was read: a file that
		// changed during the hash is hashed again next time.
		if after, err := f.Stat(); err == nil {
			if id2, ok2 := identityOf(after); ok && ok2 && id2 == id {
				c.Remember(path, id, sum, start)
			}
		}
	}
	return Result{SHA1: sum, Size: n}, nil
}

// Remember records that the file at path had the sum when it was read from
// start on with the identity id (from IdentityOf before the read, checked
// unchanged after it): an upload that hashed what it sent spares the next
// plan a read.
func (c *Cache) Remember(path string, id Identity, sum string, start time.Time) {
	if c == nil || c.dir == "" || id == (Identity{}) {
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		c.store(entry{Path: abs, Identity: id, SHA1: sum, HashedAtNs: start.UnixNano()})
	}
}

// SetClock replaces the cache's clock; nil puts the real one back. Tests
// make time pass with it instead of sleeping; it must not be called while
// the cache is in use.
func (c *Cache) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	c.now = now
}

// clock is the cache's time (replaced in tests).
func (c *Cache) clock() time.Time {
	if c != nil && c.now != nil {
		return c.now()
	}
	return time.Now()
}

// IdentityOf is the identity of the open file f; ok is false where the
// system does not give one (then nothing can be remembered or compared).
func IdentityOf(f *os.File) (Identity, bool) {
	info, err := f.Stat()
	if err != nil {
		return Identity{}, false
	}
	return identityOf(info)
}

// SettledBefore applies the racily-clean rule: the file's last modification
// and change happened well before t (by more than any file system's clock
// granularity), so that a write from t on moves its times.
func (id Identity) SettledBefore(t time.Time) bool {
	limit := t.UnixNano() - int64(racyWindow)
	return id.MtimeNs < limit && id.CtimeNs < limit
}

// trusted tells a sum taken when the file had settled.
func (e entry) trusted() bool {
	return e.Identity.SettledBefore(time.Unix(0, e.HashedAtNs))
}

// SumReader streams r through sha1 and returns the hex sum and the number
// of bytes read. name only labels errors.
func SumReader(name string, r io.Reader) (string, int64, error) {
	h := sha1.New()
	n, err := io.CopyBuffer(h, r, make([]byte, bufferSize))
	if err != nil {
		return "", n, fmt.Errorf("reading %s: %w", name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// entryFile is where the entry of an absolute path lives.
func (c *Cache) entryFile(abs string) string {
	k := sha256.Sum256([]byte(abs))
	return filepath.Join(c.dir, hex.EncodeToString(k[:])+".json")
}

func (c *Cache) load(abs string) (entry, bool) {
	b, err := os.ReadFile(c.entryFile(abs))
	if err != nil {
		return entry{}, false
	}
	var e entry
	if json.Unmarshal(b, &e) != nil || e.Path != abs || len(e.SHA1) != 40 {
		return entry{}, false
	}
	return e, true
}

// store writes the entry atomically; a failure only costs a hash next time.
func (c *Cache) store(e entry) {
	if b, err := json.Marshal(e); err == nil {
		_ = WriteAtomic(c.entryFile(e.Path), b)
	}
}

// WriteAtomic writes b to file through a temporary file of its folder
// (made if needed) renamed over it, so that a concurrent reader sees the
// old content or the new, never a part.
func WriteAtomic(file string, b []byte) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".write-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
