package emulator

import (
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// serveStatic serves hosted files back at their url (the static files host
// of data.gouv.fr). No faults, no latency here.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	rel, ok := strings.CutPrefix(r.URL.Path, "/s/resources/")
	clean := path.Clean("/" + rel)
	if !ok || rel == "" || clean == "/" {
		http.Error(w, "404 Not Found", http.StatusNotFound)
		return
	}
	full := filepath.Join(s.dataDir, "resources", filepath.FromSlash(clean))
	f, err := os.Open(full)
	if err != nil {
		http.Error(w, "404 Not Found", http.StatusNotFound)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		http.Error(w, "404 Not Found", http.StatusNotFound)
		return
	}
	var content io.ReadSeeker = f
	if info.IsDir() {
		seg, err := openSegments(full)
		if err != nil {
			http.Error(w, "404 Not Found", http.StatusNotFound)
			return
		}
		defer seg.Close()
		content = seg
	}
	w.Header().Set("Content-Type", mimeType(info.Name()))
	http.ServeContent(w, r, info.Name(), info.ModTime(), content)
}
