package emulator

import (
	"os"
	"path/filepath"
)

// The resources storage: where uploaded files are kept, at udata's paths,
// never one over another.

// storedFile is an upload written to a temporary file, or (parts set) the
// parts of a chunked upload, stored as they are (segmented_files.go).
type storedFile struct {
	tmp   string
	parts []string
	size  int64
	sha1  string
}

// storedExists tells whether a stored file (resources storage) has that
// path.
func (s *Server) storedExists(rel string) bool {
	_, err := os.Stat(filepath.Join(s.dataDir, "resources", filepath.FromSlash(rel)))
	return err == nil
}

// placeFile stores tmp at rel, {slug}/{YYYYMMDD-HHMMSS}/{filename} under the
// resources storage, never over an existing file (fs.ErrExist then), as
// flask-storage does: udata's paths change every second, and two uploads
// of one name into one dataset within a second collide.
func (s *Server) placeFile(rel string, file *storedFile) error {
	full := filepath.Join(s.dataDir, "resources", filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	if file.parts != nil {
		return placeSegments(full, file.parts)
	}
	return os.Link(file.tmp, full)
}
