package emulator

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// The storage API's chunked protocol: each part stored as it comes, the
// parts assembled by the final call (uploads.go), dropped once the file is
// stored.

var reChunkUUID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

// saveChunk stores one part of a chunked upload and answers its status.
func (c *call) saveChunk(args *uploadArgs) {
	chunkSize, err := strconv.ParseInt(strings.TrimSpace(args.form["chunksize"]), 10, 64)
	if err != nil || chunkSize != args.file.size {
		writeUploadError(c.w, "Chunk size mismatch")
		return
	}
	id := args.form["uuid"]
	if !reChunkUUID.MatchString(id) {
		writeUploadError(c.w, "Invalid upload uuid")
		return
	}
	index := formInt(args.form, "partindex", -1)
	if index < 0 || index >= args.totalParts {
		writeUploadError(c.w, "Invalid part index")
		return
	}
	dir := filepath.Join(c.s.dataDir, "chunks", id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		writeMessage(c.w, http.StatusInternalServerError, err.Error())
		return
	}
	// The chunks storage refuses to overwrite a part too (FileExists, a
	// 500): a part sent again after its answer was lost is refused, and the
	// first copy stays. A hard link stores it atomically, or not at all.
	if err := os.Link(args.file.tmp, filepath.Join(dir, strconv.Itoa(index))); err != nil {
		if errors.Is(err, fs.ErrExist) {
			writeServerError(c.w)
			return
		}
		writeMessage(c.w, http.StatusInternalServerError, err.Error())
		return
	}
	c.s.mu.Lock()
	c.s.st.chunks[id] = &chunkUpload{Filename: args.form["filename"], TotalParts: args.totalParts, LastChunk: c.s.Now()}
	c.s.mu.Unlock()
	go c.s.chunkSum(id).advance(dir) // hashed while the next parts come (chunk_sums.go)
	writeJSON(c.w, http.StatusOK, map[string]any{"success": true, "error": nil})
}

// assembleChunks concatenates the parts in order into a temporary file.
// udata reads them while writing the target (rel): a missing part fails
// that read half way, with what was read left at the target path, and the
// call answers a bare 500. The parts stay either way: udata discards them
// only once the whole file is stored. The file is stored as its parts,
// never copied (segmented_files.go); its sha1 was taken as the parts came
// (chunk_sums.go).
func (c *call) assembleChunks(id string, total int, rel string) (*storedFile, bool) {
	dir := filepath.Join(c.s.dataDir, "chunks", id)
	have := 0
	for have < total {
		if _, err := os.Stat(filepath.Join(dir, strconv.Itoa(have))); err != nil {
			break
		}
		have++
	}
	if have < total {
		if partial, err := c.s.concatParts(dir, have); err == nil {
			_ = c.s.placeFile(rel, partial)
			_ = os.Remove(partial.tmp)
		}
		writeServerError(c.w)
		return nil, false
	}
	file, err := segmentsOf(dir, total)
	if err == nil {
		file.sha1, err = c.s.chunkSum(id).finish(dir, total)
	}
	if err != nil {
		writeMessage(c.w, http.StatusInternalServerError, "The server encountered an internal error: "+err.Error())
		return nil, false
	}
	return file, true
}

// concatParts writes the files dir/0 … dir/parts-1, in order, to a new
// temporary file: what a final call with a part missing leaves.
func (s *Server) concatParts(dir string, parts int) (*storedFile, error) {
	f, err := os.CreateTemp(filepath.Join(s.dataDir, "tmp"), "upload-*")
	if err != nil {
		return nil, err
	}
	var size int64
	for i := 0; i < parts && err == nil; i++ {
		var part *os.File
		if part, err = os.Open(filepath.Join(dir, strconv.Itoa(i))); err == nil {
			var n int64
			n, err = io.Copy(f, part)
			size += n
			_ = part.Close()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return nil, err
	}
	return &storedFile{tmp: f.Name(), size: size}, nil
}
