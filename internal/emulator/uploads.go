package emulator

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
)

// Uploads: udata's UploadNewDatasetResource and UploadDatasetResource with
// the storage API's plain and chunked protocols: the form (upload_form.go),
// the parts of a chunked upload (upload_chunks.go), the storage
// (upload_storage.go). The answer carries the sha1 and size of what was
// actually stored.

func (c *call) uploadNewResource()   { c.upload("") }
func (c *call) replaceResourceFile() { c.upload(c.rid) }

// upload handles both endpoints; rid is "" for a new resource.
func (c *call) upload(rid string) {
	prefix, ok := c.uploadPrefix(rid)
	if !ok {
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
	if args.totalParts > 1 && args.file != nil {
		c.saveChunk(args)
		return
	}
	in, ok := c.uploadInput(args)
	if !ok {
		return
	}
	rel := prefix + "/" + in.filename
	if !c.storable(in.filename, rel) {
		return
	}
	if in.chunkID != "" {
		if in.file, ok = c.assembleChunks(in.chunkID, args.totalParts, rel); !ok {
			return
		}
		if in.file.tmp != "" {
			defer func() { _ = os.Remove(in.file.tmp) }()
		}
	}
	c.publishUpload(rid, rel, in)
}

// uploadPrefix is the storage prefix of the dataset's files,
// {slug}/{YYYYMMDD-HHMMSS}, or ok false once the refusal is answered (no
// dataset to edit, no such resource). udata's UploadMixin takes the
// prefix's time before it even parses the form: two uploads of one name
// into one dataset whose handlers start within the same second aim at the
// same path.
func (c *call) uploadPrefix(rid string) (prefix string, ok bool) {
	started := c.s.Now()
	c.s.mu.RLock()
	d := c.editableDataset()
	missing := false
	if d != nil {
		prefix = linkID(d) + "/" + started.UTC().Format("20060102-150405")
		if rid != "" {
			_, r := d.resource(rid)
			missing = r == nil
		}
	}
	c.s.mu.RUnlock()
	if d == nil {
		return "", false
	}
	if missing {
		writeMessage(c.w, http.StatusNotFound, msgNoResource)
		return "", false
	}
	return prefix, true
}

// uploadInput is the file a plain upload or a chunked upload's final call
// stores.
type uploadInput struct {
	file     *storedFile // nil until a chunked upload's parts are assembled
	filename string      // normalized
	chunkID  string      // the chunked upload's uuid, "" for a plain upload
}

// uploadInput reads what the form stores, or answers its refusal.
func (c *call) uploadInput(args *uploadArgs) (uploadInput, bool) {
	switch {
	case args.totalParts > 1:
		id := args.form["uuid"]
		if !reChunkUUID.MatchString(id) {
			writeUploadError(c.w, "Invalid upload uuid")
			return uploadInput{}, false
		}
		if args.form["filename"] == "" {
			writeUploadError(c.w, "Missing filename parameter")
			return uploadInput{}, false
		}
		return uploadInput{filename: normalizeFilename(args.form["filename"]), chunkID: id}, true
	case args.file == nil:
		writeUploadError(c.w, "Missing file parameter")
		return uploadInput{}, false
	default:
		return uploadInput{file: args.file, filename: normalizeFilename(args.filename)}, true
	}
}

// storable is flask-storage's Storage.save before it writes: the allow-list
// first, then the refusal to overwrite (FileExists, which no handler
// catches: a bare 500), both before a byte of the upload is read. So a
// refused call created nothing, and a refused final call leaves its parts
// for another try.
func (c *call) storable(filename, rel string) bool {
	if !allowedExtensions[storageExtension(filename)] {
		writeMessage(c.w, http.StatusBadRequest, "This file type is not allowed.The allowed file type list is available at "+c.base+"/api/1/datasets/extensions/")
		return false
	}
	if c.s.storedExists(rel) {
		writeServerError(c.w)
		return false
	}
	return true
}

// publishUpload stores the file at rel and makes it a new resource of the
// dataset or the file of resource rid, then answers the resource. The
// replaced file, and a chunked upload's parts, are dropped only once the
// new file is in place.
func (c *call) publishUpload(rid, rel string, in uploadInput) {
	s := c.s
	s.mu.Lock()
	d := c.editableDataset()
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
	if err := s.placeFile(rel, in.file); err != nil {
		s.mu.Unlock()
		if errors.Is(err, fs.ErrExist) { // taken meanwhile by a concurrent upload
			writeServerError(c.w)
			return
		}
		writeMessage(c.w, http.StatusInternalServerError, "The server encountered an internal error: "+err.Error())
		return
	}
	r, oldFile, status := c.uploadedResource(d, target, rel, in.file)
	body := c.renderResource(r)
	s.mu.Unlock()

	if oldFile != "" {
		removeStoredFiles(s.dataDir, []string{oldFile})
	}
	if in.chunkID != "" {
		s.mu.Lock()
		delete(s.st.chunks, in.chunkID)
		s.mu.Unlock()
		s.dropChunkSum(in.chunkID)
		_ = os.RemoveAll(filepath.Join(s.dataDir, "chunks", in.chunkID))
	}
	success := true
	body.Success = &success
	writeJSON(c.w, status, body)
}

// uploadedResource points a new resource of d (target nil) or target at
// the file stored at stored, and tells the file it replaced and the status
// to answer. The caller holds the write lock.
func (c *call) uploadedResource(d *dataset, target *resource, stored string, file *storedFile) (r *resource, oldFile string, status int) {
	t := d.touch(c.s.Now())
	if target == nil {
		r = &resource{ID: newUUID(), Filetype: "file", Type: "main", Extras: map[string]any{}, CreatedAt: t}
		d.Resources = append([]*resource{r}, d.Resources...)
		status = http.StatusCreated
	} else {
		// Re-upload in place: same resource; its file fields and title are
		// replaced, everything else is kept (filetype included, as udata does).
		cp := *target
		r = &cp
		i, _ := d.resource(target.ID)
		d.Resources[i] = r
		oldFile, status = r.StoredPath, http.StatusOK
	}
	mimeT := mimeType(stored)
	format := fileExtension(stored)
	size := file.size
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
	return r, oldFile, status
}
