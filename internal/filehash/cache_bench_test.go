package filehash

import (
	"os"
	"path/filepath"
	"testing"
)

// What a remembered sum saves: the cost of Sum on a 64 MiB file that is
// hashed (no cache) against one whose sum is remembered (a stat, one small
// file read). `make bench` prints both (scripts/bench.sh).

const benchSize = 64 << 20

// benchFile writes a benchSize file, aged past the racy window.
func benchFile(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	p := filepath.Join(dir, "big.bin")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	block := make([]byte, 1<<20)
	for i := range block {
		block[i] = byte(i)
	}
	for range benchSize / len(block) {
		if _, err := f.Write(block); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return p
}

func benchSum(b *testing.B, c *Cache, p string, wantCached bool) {
	b.Helper()
	b.SetBytes(benchSize)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		r, err := c.Sum(p, f, "")
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		if r.Cached != wantCached {
			b.Fatalf("Cached = %v, want %v", r.Cached, wantCached)
		}
	}
}

func BenchmarkSumHashed(b *testing.B) {
	benchSum(b, New(""), benchFile(b), false)
}

func BenchmarkSumRemembered(b *testing.B) {
	p := benchFile(b)
	c := New(filepath.Join(b.TempDir(), "cache"))
	c.now = later // the file was just written: trust it as if hashed later
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.Sum(p, f, ""); err != nil {
		b.Fatal(err)
	}
	f.Close()
	benchSum(b, c, p, true)
}
