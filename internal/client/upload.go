package client

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// UploadFile is a local file to upload. Content is streamed from offset 0
// to Size, never held in memory; Name is the file name given to the server
// (any directory part is dropped).
type UploadFile struct {
	Name    string
	Content io.ReaderAt
	Size    int64
}

// UploadResult is the resource the server answered and what was sent.
type UploadResult struct {
	Resource *Resource
	SHA1     string // hex sha1 of the bytes actually sent
	Size     int64  // number of bytes actually sent
}

// Upload sends a file as a new hosted resource of the dataset
// (POST /api/1/datasets/{id}/upload/). Files above ChunkThreshold go through
// udata's chunked protocol. If the server's checksum or size differs from
// what was sent, the error matches ErrUploadMismatch and the result is
// returned too (the resource exists). An error matching ErrUncertain means
// the resource may or may not have been created.
func (s *ResourcesService) Upload(ctx context.Context, datasetID string, f UploadFile) (*UploadResult, error) {
	if err := nonEmpty("dataset id", datasetID); err != nil {
		return nil, err
	}
	return s.c.upload(ctx, datasetPath(datasetID)+"upload/", f)
}

// Replace re-uploads the file of a hosted resource in place
// (POST /api/1/datasets/{id}/resources/{rid}/upload/). udata resets the
// title to the file name: put the managed metadata back with Update.
func (s *ResourcesService) Replace(ctx context.Context, datasetID, resourceID string, f UploadFile) (*UploadResult, error) {
	if err := nonEmpty("dataset id", datasetID); err != nil {
		return nil, err
	}
	if err := nonEmpty("resource id", resourceID); err != nil {
		return nil, err
	}
	return s.c.upload(ctx, resourcePath(datasetID, resourceID)+"upload/", f)
}

func (c *Client) upload(ctx context.Context, path string, f UploadFile) (*UploadResult, error) {
	name := baseName(f.Name)
	switch {
	case f.Content == nil:
		return nil, fmt.Errorf("datagouv client: upload to %s: no content", path)
	case f.Size < 0:
		return nil, fmt.Errorf("datagouv client: upload to %s: negative size", path)
	case name == "":
		return nil, fmt.Errorf("datagouv client: upload to %s: empty file name", path)
	}
	// udata treats a form as chunked only when totalparts > 1.
	parts := (f.Size + c.chunkSize - 1) / c.chunkSize
	var (
		res  Resource
		sum  string
		size int64
		err  error
	)
	if f.Size > c.chunkThreshold && parts > 1 {
		sum, size, err = c.uploadChunked(ctx, path, name, f, parts, &res)
	} else {
		sum, size, err = c.uploadPlain(ctx, path, name, f, &res)
	}
	if err != nil {
		return nil, err
	}
	out := &UploadResult{Resource: &res, SHA1: sum, Size: size}
	return out, verifyUpload(path, &res, sum, size)
}

// uploadPlain sends the whole file in one multipart POST.
func (c *Client) uploadPlain(ctx context.Context, path, name string, f UploadFile, out *Resource) (string, int64, error) {
	form, err := newForm(nil, name)
	if err != nil {
		return "", 0, err
	}
	at := &attempts{}
	r := form.request(path, f, 0, f.Size, sha1.New(), at)
	if err := c.do(ctx, r, out); err != nil {
		return "", 0, err
	}
	hr, err := at.complete(f.Size)
	if err != nil {
		return "", 0, err
	}
	return hr.sum(), f.Size, nil
}

// uploadChunked follows udata's chunked protocol: one POST per part (each
// retried alone: a part is idempotent by its index), then a POST without a
// file that assembles them, which follows the usual POST rule.
func (c *Client) uploadChunked(ctx context.Context, path, name string, f UploadFile, parts int64, out *Resource) (string, int64, error) {
	uuid, err := newUUID()
	if err != nil {
		return "", 0, err
	}
	total := strconv.FormatInt(parts, 10)
	// h carries the sha1 of the parts accepted so far.
	h := sha1.New()
	var sent int64
	for i := int64(0); i < parts; i++ {
		off := i * c.chunkSize
		n := min(c.chunkSize, f.Size-off)
		form, err := newForm([][2]string{
			{"uuid", uuid},
			{"filename", name},
			{"partindex", strconv.FormatInt(i, 10)},
			{"partbyteoffset", strconv.FormatInt(off, 10)},
			{"totalparts", total},
			{"chunksize", strconv.FormatInt(n, 10)},
		}, name)
		if err != nil {
			return "", 0, err
		}
		at := &attempts{}
		r := form.request(path, f, off, n, h, at)
		r.idempotent = true
		var status struct {
			Success bool    `json:"success"`
			Error   *string `json:"error"`
		}
		if err := c.do(ctx, r, &status); err != nil {
			return "", 0, fmt.Errorf("uploading part %d of %d: %w", i+1, parts, err)
		}
		if !status.Success {
			msg := ""
			if status.Error != nil {
				msg = *status.Error
			}
			return "", 0, fmt.Errorf("POST %s: part %d of %d refused: %s", path, i+1, parts, c.redact(msg))
		}
		hr, err := at.complete(n)
		if err != nil {
			return "", 0, err
		}
		h = hr.h
		sent += n
	}
	final, err := newForm([][2]string{{"uuid", uuid}, {"filename", name}, {"totalparts", total}}, "")
	if err != nil {
		return "", 0, err
	}
	if err := c.do(ctx, final.request(path, f, 0, 0, nil, nil), out); err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), sent, nil
}

// form is a multipart body split around the file bytes, so that its exact
// length is known (no chunked transfer encoding) and the file is streamed.
type form struct {
	prefix, trailer []byte
	contentType     string
	hasFile         bool
}

func newForm(fields [][2]string, fileName string) (*form, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, kv := range fields {
		if err := mw.WriteField(kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	if fileName != "" {
		if _, err := mw.CreateFormFile("file", fileName); err != nil {
			return nil, err
		}
	}
	fm := &form{prefix: bytes.Clone(buf.Bytes()), contentType: mw.FormDataContentType(), hasFile: fileName != ""}
	buf.Reset()
	if err := mw.Close(); err != nil {
		return nil, err
	}
	fm.trailer = bytes.Clone(buf.Bytes())
	return fm, nil
}

// request builds the POST. Each attempt (and redirect hop) gets a fresh
// reader of f[off:off+n] that hashes into a copy of h's state, so that a
// retried part is not hashed twice.
func (fm *form) request(path string, f UploadFile, off, n int64, h hash.Hash, at *attempts) *request {
	r := &request{
		method:        http.MethodPost,
		path:          path,
		contentType:   fm.contentType,
		contentLength: int64(len(fm.prefix)+len(fm.trailer)) + n,
	}
	if !fm.hasFile {
		r.body = func() (io.Reader, error) {
			return io.MultiReader(bytes.NewReader(fm.prefix), bytes.NewReader(fm.trailer)), nil
		}
		return r
	}
	var state []byte
	if h != nil {
		var err error
		if state, err = h.(encoding.BinaryMarshaler).MarshalBinary(); err != nil {
			r.body = func() (io.Reader, error) { return nil, err }
			return r
		}
	}
	r.body = func() (io.Reader, error) {
		hh := sha1.New()
		if err := hh.(encoding.BinaryUnmarshaler).UnmarshalBinary(state); err != nil {
			return nil, err
		}
		hr := &hashingReader{r: io.NewSectionReader(f.Content, off, n), h: hh, want: n}
		at.set(hr)
		return io.MultiReader(bytes.NewReader(fm.prefix), hr, bytes.NewReader(fm.trailer)), nil
	}
	return r
}

// attempts remembers the reader of the latest attempt.
type attempts struct {
	mu   sync.Mutex
	last *hashingReader
}

func (a *attempts) set(hr *hashingReader) {
	a.mu.Lock()
	a.last = hr
	a.mu.Unlock()
}

// complete returns the latest reader once the server accepted it, checking
// that it really read all n bytes.
func (a *attempts) complete(n int64) (*hashingReader, error) {
	a.mu.Lock()
	hr := a.last
	a.mu.Unlock()
	if hr == nil {
		return nil, errors.New("datagouv client: upload: no body was sent")
	}
	if got := hr.count(); got != n {
		return nil, fmt.Errorf("datagouv client: upload: the server answered after %d of %d bytes", got, n)
	}
	return hr, nil
}

// hashingReader hashes and counts the bytes it hands to the transport, in
// the same pass. The transport reads it from its own goroutine, hence the
// mutex.
type hashingReader struct {
	mu   sync.Mutex
	r    io.Reader
	h    hash.Hash
	n    int64
	want int64
}

func (hr *hashingReader) Read(p []byte) (int, error) {
	n, err := hr.r.Read(p)
	hr.mu.Lock()
	hr.h.Write(p[:n])
	hr.n += int64(n)
	short := err == io.EOF && hr.n < hr.want
	hr.mu.Unlock()
	if short {
		// The file shrank since its size was taken: fail the request
		// rather than send a body shorter than announced.
		return n, &localReadError{err: io.ErrUnexpectedEOF}
	}
	if err != nil && err != io.EOF {
		return n, &localReadError{err: err}
	}
	return n, err
}

func (hr *hashingReader) sum() string {
	hr.mu.Lock()
	defer hr.mu.Unlock()
	return hex.EncodeToString(hr.h.Sum(nil))
}

func (hr *hashingReader) count() int64 {
	hr.mu.Lock()
	defer hr.mu.Unlock()
	return hr.n
}

// localReadError is a failure to read the local file: not the server's
// doing, never retried, never uncertain.
type localReadError struct{ err error }

func (e *localReadError) Error() string { return "reading the local file: " + e.err.Error() }
func (e *localReadError) Unwrap() error { return e.err }

// verifyUpload compares the server's view of the file with what was sent.
func verifyUpload(path string, res *Resource, sha string, size int64) error {
	var diffs []string
	if res.Checksum != nil && strings.EqualFold(res.Checksum.Type, "sha1") && !strings.EqualFold(res.Checksum.Value, sha) {
		diffs = append(diffs, fmt.Sprintf("sha1 %s on the server, %s sent", res.Checksum.Value, sha))
	}
	if res.Filesize != nil && *res.Filesize != size {
		diffs = append(diffs, fmt.Sprintf("%d bytes on the server, %d sent", *res.Filesize, size))
	}
	if len(diffs) == 0 {
		return nil
	}
	return fmt.Errorf("POST %s: %w (resource %s): %s", path, ErrUploadMismatch, res.ID, strings.Join(diffs, "; "))
}

func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return strings.TrimSpace(name)
}

// newUUID makes the random (version 4) id of a chunked upload.
func newUUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
}
