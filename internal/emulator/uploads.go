package emulator

import (
	"bufio"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Uploads: udata's UploadNewDatasetResource and UploadDatasetResource with
// the storage API's plain and chunked protocols. Bytes are streamed to disk
// (never held whole in memory) and hashed on the way, so the answer carries
// the sha1 and size of what was actually stored.

const maxFormField = 64 << 10

// maxURLEncodedForm bounds a urlencoded body (werkzeug's max_form_memory_size
// is 500 kB): only the chunked protocol's final call, a few short fields,
// comes that way.
const maxURLEncodedForm = 500 << 10

// storedFile is an upload written to a temporary file, or (parts set) the
// parts of a chunked upload, stored as they are (segmented_files.go).
type storedFile struct {
	tmp   string
	parts []string
	size  int64
	sha1  string
}

// uploadArgs is udata's upload_parser.
type uploadArgs struct {
	file       *storedFile
	filename   string // of the file part
	form       map[string]string
	totalParts int
}

var reChunkUUID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

func (c *call) uploadNewResource()   { c.upload("") }
func (c *call) replaceResourceFile() { c.upload(c.rid) }

// upload handles both endpoints; rid is "" for a new resource.
func (c *call) upload(rid string) {
	// udata's UploadMixin takes the storage prefix's time before it even
	// parses the form: two uploads of one name into one dataset whose
	// handlers start within the same second aim at the same path.
	started := c.s.Now()
	s := c.s
	s.mu.RLock()
	d := c.editableDataset()
	missing := false
	prefix := ""
	if d != nil {
		prefix = linkID(d) + "/" + started.UTC().Format("20060102-150405")
		if rid != "" {
			_, r := d.resource(rid)
			missing = r == nil
		}
	}
	s.mu.RUnlock()
	if d == nil {
		return
	}
	if missing {
		writeMessage(c.w, http.StatusNotFound, msgNoResource)
		return
	}

	args, ok := c.readUpload()
	if !ok {
		return
	}
	defer func() {
		if args.file != nil {
			_ = os.Remove(args.file.tmp) // stored copies are hard links
		}
	}()

	var file *storedFile
	var filename, chunkID string
	switch {
	case args.totalParts > 1 && args.file != nil:
		c.saveChunk(args)
		return
	case args.totalParts > 1:
		chunkID = args.form["uuid"]
		if !reChunkUUID.MatchString(chunkID) {
			writeUploadError(c.w, "Invalid upload uuid")
			return
		}
		if args.form["filename"] == "" {
			writeUploadError(c.w, "Missing filename parameter")
			return
		}
		filename = normalizeFilename(args.form["filename"])
	case args.file == nil:
		writeUploadError(c.w, "Missing file parameter")
		return
	default:
		file, filename = args.file, normalizeFilename(args.filename)
	}

	// flask-storage's Storage.save: the allow-list first, then the refusal
	// to overwrite (FileExists, which no handler catches: a bare 500), both
	// before a byte of the upload is read. So a refused call created
	// nothing, and a refused final call leaves its parts for another try.
	if !allowedExtensions[storageExtension(filename)] {
		writeMessage(c.w, http.StatusBadRequest, "This file type is not allowed.The allowed file type list is available at "+c.base+"/api/1/datasets/extensions/")
		return
	}
	rel := prefix + "/" + filename
	if c.s.storedExists(rel) {
		writeServerError(c.w)
		return
	}
	if chunkID != "" {
		if file, ok = c.assembleChunks(chunkID, args.totalParts, rel); !ok {
			return
		}
		if file.tmp != "" {
			defer func() { _ = os.Remove(file.tmp) }()
		}
	}

	s.mu.Lock()
	d = c.editableDataset()
	if d == nil {
		s.mu.Unlock()
		return
	}
	var target *resource
	if rid != "" {
		if _, target = d.resource(rid); target == nil {
			s.mu.Unlock()
			writeMessage(c.w, http.StatusNotFound, msgNoResource)
			return
		}
	}
	if err := c.s.placeFile(rel, file); err != nil {
		s.mu.Unlock()
		if errors.Is(err, fs.ErrExist) { // taken meanwhile by a concurrent upload
			writeServerError(c.w)
			return
		}
		writeMessage(c.w, http.StatusInternalServerError, "The server encountered an internal error: "+err.Error())
		return
	}
	stored := rel
	t := d.touch(c.s.Now())
	mimeT := mimeType(stored)
	format := fileExtension(stored)
	size := file.size
	var oldFile string
	r := target
	status := http.StatusOK
	if r == nil {
		r = &resource{ID: newUUID(), Filetype: "file", Type: "main", Extras: map[string]any{}, CreatedAt: t}
		d.Resources = append([]*resource{r}, d.Resources...)
		status = http.StatusCreated
	} else {
		// Re-upload in place: same resource; its file fields and title are
		// replaced, everything else is kept (filetype included, as udata does).
		cp := *r
		r = &cp
		i, _ := d.resource(rid)
		d.Resources[i] = r
		oldFile = r.StoredPath
	}
	r.Title = path.Base(stored)
	r.URL = ""
	r.StoredPath = stored
	r.Mime = &mimeT
	r.Format = nil
	if format != "" {
		r.Format = &format
	}
	r.Filesize = &size
	r.Checksum = &checksum{Type: "sha1", Value: file.sha1}
	r.LastModified = t
	body := c.renderResource(r)
	s.mu.Unlock()

	if oldFile != "" {
		removeStoredFiles(s.dataDir, []string{oldFile})
	}
	if chunkID != "" { // parts are dropped only once the file is in place
		s.mu.Lock()
		delete(s.st.chunks, chunkID)
		s.mu.Unlock()
		s.dropChunkSum(chunkID)
		_ = os.RemoveAll(filepath.Join(s.dataDir, "chunks", chunkID))
	}
	success := true
	body.Success = &success
	writeJSON(c.w, status, body)
}

// readUpload reads the form as werkzeug's request.form and request.files
// do: a multipart body is streamed (the "file" part goes to a temporary
// file, hashed on the way, the other fields are kept); a urlencoded body
// has fields only (udata accepts the chunked protocol's final call that
// way); any other body has neither.
func (c *call) readUpload() (*uploadArgs, bool) {
	args := &uploadArgs{form: map[string]string{}}
	mt, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	switch {
	case err == nil && mt == "multipart/form-data" && params["boundary"] != "":
		err = c.readParts(multipart.NewReader(c.r.Body, params["boundary"]), args)
	case err == nil && mt == "application/x-www-form-urlencoded":
		err = readURLEncoded(c.r.Body, args.form)
	default:
		err = nil
	}
	if err != nil {
		if args.file != nil {
			_ = os.Remove(args.file.tmp)
			args.file = nil
		}
		if errors.Is(err, errBodyTooLarge) {
			c.w.Header().Set("Connection", "close")
			writeProxyError(c.w, http.StatusRequestEntityTooLarge)
		} else {
			writeMessage(c.w, http.StatusBadRequest, msgBadRequest)
		}
		return nil, false
	}
	for _, name := range []string{"partindex", "partbyteoffset", "totalparts", "chunksize"} {
		v, present := args.form[name]
		if !present || v == "" {
			continue
		}
		if _, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err != nil {
			if args.file != nil {
				_ = os.Remove(args.file.tmp)
			}
			writeArgError(c.w, name, "invalid literal for int() with base 10: "+pyRepr(v))
			return nil, false
		}
	}
	args.totalParts = formInt(args.form, "totalparts", 0)
	return args, true
}

// readURLEncoded keeps the first value of each field, like readParts.
func readURLEncoded(body io.Reader, form map[string]string) error {
	raw, err := io.ReadAll(io.LimitReader(body, maxURLEncodedForm+1))
	if err != nil {
		return err
	}
	if len(raw) > maxURLEncodedForm {
		return errors.New("urlencoded form too large")
	}
	vals, err := url.ParseQuery(string(raw))
	if err != nil {
		return err
	}
	for k, v := range vals {
		form[k] = v[0]
	}
	return nil
}

func formInt(form map[string]string, name string, def int) int {
	if n, err := strconv.Atoi(strings.TrimSpace(form[name])); err == nil {
		return n
	}
	return def
}

func (c *call) readParts(mr *multipart.Reader, args *uploadArgs) error {
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		_, dp, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		name := part.FormName()
		filename, isFile := dp["filename"]
		switch {
		case name == "file" && isFile && filename != "" && args.file == nil:
			// werkzeug keeps the file name as sent (directories included).
			// A part of a chunked upload (its fields come first) is not
			// hashed: only the assembled file's sum is answered.
			f, err := c.s.streamToTemp(part, formInt(args.form, "totalparts", 1) <= 1)
			if err != nil {
				return err
			}
			args.file, args.filename = f, filename
		case isFile:
			if _, err := io.Copy(io.Discard, part); err != nil {
				return err
			}
		default:
			v, err := io.ReadAll(io.LimitReader(part, maxFormField+1))
			if err != nil {
				return err
			}
			if len(v) > maxFormField {
				return fmt.Errorf("form field %q too large", name)
			}
			if _, seen := args.form[name]; !seen {
				args.form[name] = string(v)
			}
		}
		_ = part.Close()
	}
}

// streamToTemp copies r to a new temporary file, hashing it on the way
// when hash is set.
func (s *Server) streamToTemp(r io.Reader, hash bool) (*storedFile, error) {
	f, err := os.CreateTemp(filepath.Join(s.dataDir, "tmp"), "upload-*")
	if err != nil {
		return nil, err
	}
	// Whole-megabyte writes: a multipart reader hands out a few KiB at a
	// time, and the kernel zeroes the rest of each new page-cache folio on
	// every write smaller than it (ext4 with large folios), which cost the
	// emulator more CPU than the hashing (issue 12's upload benchmark).
	// (The file is hidden behind a plain io.Writer: bufio hands a reader
	// straight to a file's ReadFrom, unbuffered.)
	bw := bufio.NewWriterSize(struct{ io.Writer }{f}, 1<<20)
	var w io.Writer = bw
	h := sha1.New()
	if hash {
		w = io.MultiWriter(bw, h)
	}
	n, err := io.Copy(w, r)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return nil, err
	}
	out := &storedFile{tmp: f.Name(), size: n}
	if hash {
		out.sha1 = hex.EncodeToString(h.Sum(nil))
	}
	return out, nil
}

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
