package emulator

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// A hosted file that came in parts is kept as its parts: a folder at the
// file's stored path holding them, hard links named 0, 1, … in order, read
// back as one file. udata concatenates them into a new file at the final
// call; so the emulator would write every byte twice, and on a busy disk the
// second write, throttled by the kernel's writeback, made the emulator the
// slow side of the upload benchmarks. What the API answers (size, sha1,
// url) and what the url serves are the same bytes either way.

// segmentsOf describes the parts dir/0 … dir/parts-1 as a stored file.
func segmentsOf(dir string, parts int) (*storedFile, error) {
	out := &storedFile{parts: make([]string, parts)}
	for i := range parts {
		p := filepath.Join(dir, strconv.Itoa(i))
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		out.parts[i], out.size = p, out.size+info.Size()
	}
	return out, nil
}

// placeSegments stores the parts at full, a folder made for them: like a
// hard link, it fails with fs.ErrExist when something holds the path.
func placeSegments(full string, parts []string) error {
	if err := os.Mkdir(full, 0o755); err != nil {
		return err
	}
	for i, p := range parts {
		if err := os.Link(p, filepath.Join(full, strconv.Itoa(i))); err != nil {
			_ = os.RemoveAll(full)
			return err
		}
	}
	return nil
}

// segments reads the parts of a stored folder as one file.
type segments struct {
	files []*os.File
	*io.SectionReader
}

// openSegments opens the parts stored at dir, in order.
func openSegments(dir string) (*segments, error) {
	s := &segments{}
	var offsets []int64
	var size int64
	for i := 0; ; i++ {
		f, err := os.Open(filepath.Join(dir, strconv.Itoa(i)))
		if errors.Is(err, os.ErrNotExist) && i > 0 {
			break
		}
		if err != nil {
			s.Close()
			return nil, err
		}
		info, err := f.Stat()
		if err != nil {
			_ = f.Close()
			s.Close()
			return nil, err
		}
		s.files = append(s.files, f)
		offsets = append(offsets, size)
		size += info.Size()
	}
	s.SectionReader = io.NewSectionReader(segmentsAt{files: s.files, offsets: offsets}, 0, size)
	return s, nil
}

// Close closes the parts.
func (s *segments) Close() {
	for _, f := range s.files {
		_ = f.Close()
	}
}

// segmentsAt is the parts as one io.ReaderAt.
type segmentsAt struct {
	files   []*os.File
	offsets []int64 // where each part starts
}

func (s segmentsAt) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for i := len(s.offsets) - 1; i >= 0 && n < len(p); i-- {
		if off+int64(n) < s.offsets[i] {
			continue
		}
		// Part i holds the byte at off+n: read from it, then go on with
		// the next parts.
		for j := i; j < len(s.files) && n < len(p); j++ {
			m, err := s.files[j].ReadAt(p[n:], off+int64(n)-s.offsets[j])
			n += m
			if err != nil && !errors.Is(err, io.EOF) {
				return n, err
			}
		}
		break
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// StoredFiles lists the hosted files the emulator keeps (their paths under
// DataDir()/resources), a file kept as its parts counted once: for tests
// that check that nothing is left orphaned.
func (s *Server) StoredFiles() ([]string, error) {
	root := filepath.Join(s.dataDir, "resources")
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && isSegmented(p) {
			out = append(out, p)
			return filepath.SkipDir
		}
		if !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// isSegmented tells the folder of a file kept as its parts: entries 0 … n-1.
func isSegmented(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return false
	}
	for _, e := range entries {
		if i, err := strconv.Atoi(e.Name()); err != nil || i < 0 || i >= len(entries) || e.IsDir() {
			return false
		}
	}
	return true
}
