package provider

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

func TestHashLocalFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "data.csv")
	content := strings.Repeat("a,b,c\n1,2,3\n", 100000) // larger than one read buffer
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	want := sha1.Sum([]byte(content))
	sum, size, err := hashLocalFile(file, "")
	if err != nil {
		t.Fatal(err)
	}
	if sum != hex.EncodeToString(want[:]) || size != int64(len(content)) {
		t.Fatalf("got %s (%d bytes), want %x (%d bytes)", sum, size, want, len(content))
	}

	empty := filepath.Join(dir, "empty.csv")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if sum, _, err := hashLocalFile(empty, ""); err != nil || sum != "da39a3ee5e6b4b0d3255bfef95601890afd80709" {
		t.Fatalf("empty file: %s, %v", sum, err)
	}

	// A symbolic link to a file is followed.
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	if got, _, err := hashLocalFile(link, ""); err != nil || got != sum {
		t.Fatalf("link to file: %s, %v", got, err)
	}
}

func TestOpenLocalFileRefusals(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub.d")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	linkToDir := filepath.Join(dir, "linkdir.csv")
	if err := os.Symlink(sub, linkToDir); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.csv")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		path     string
		want     string
		notExist bool
	}{
		{sub, "is a directory", false},
		{linkToDir, "is a directory", false},
		{fifo, "is a named pipe", false},
		{"/dev/null", "is a device", false},
		{filepath.Join(dir, "missing.csv"), "does not exist", true},
		{dangling, "does not exist", true},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			f, _, err := openLocalFile(c.path)
			if err == nil {
				f.Close()
				t.Fatal("want an error")
			}
			if !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q should name %s and say %q", err, c.path, c.want)
			}
			if errors.Is(err, fs.ErrNotExist) != c.notExist {
				t.Fatalf("errors.Is(err, fs.ErrNotExist) = %v, want %v", !c.notExist, c.notExist)
			}
		})
	}

	if os.Geteuid() != 0 && runtime.GOOS != "windows" {
		unreadable := filepath.Join(dir, "secret.csv")
		if err := os.WriteFile(unreadable, []byte("x"), 0o000); err != nil {
			t.Fatal(err)
		}
		if _, _, err := hashLocalFile(unreadable, ""); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Fatalf("unreadable file: %v", err)
		}
	}
}

// The benchmarks compare the provider's streaming hash with reading the
// whole file first: same speed, constant memory. Run with
// go test ./internal/provider -run '^$' -bench Hash -benchmem
const benchFileSize = 256 << 20

func benchFile(b *testing.B) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), "bench.csv")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	chunk := []byte(strings.Repeat("2024-01-01,75056,Paris,1234.5\n", 1<<15))
	for written := 0; written < benchFileSize; written += len(chunk) {
		if _, err := f.Write(chunk); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return p
}

func BenchmarkHashStreaming(b *testing.B) {
	p := benchFile(b)
	info, _ := os.Stat(p)
	b.SetBytes(info.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := hashLocalFile(p, ""); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHashReadWholeFile(b *testing.B) {
	p := benchFile(b)
	info, _ := os.Stat(p)
	b.SetBytes(info.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		content, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		_ = sha1.Sum(content)
	}
}
