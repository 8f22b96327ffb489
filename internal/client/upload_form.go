package client

import (
	"bytes"
	"errors"
	"fmt"
	"hash"
	"io"
	"mime/multipart"
	"net/http"
	"sync"
)

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

// request builds the POST of f[off:off+n]. Each attempt (and redirect hop)
// gets a fresh reader that hashes what it hands to the transport into a
// fresh newHash() (nil: only counts), so that a retried body is never hashed
// twice; at remembers the latest.
func (fm *form) request(path string, f UploadFile, off, n int64, at *attempts, newHash func() hash.Hash) *request {
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
	r.body = func() (io.Reader, error) {
		hr := &hashingReader{r: io.NewSectionReader(f.Content, off, n), want: n}
		if newHash != nil {
			hr.h = newHash()
		}
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
	hr := a.latest()
	if hr == nil {
		return nil, errors.New("datagouv client: upload: no body was sent")
	}
	if got := hr.count(); got != n {
		return nil, fmt.Errorf("datagouv client: upload: the server answered after %d of %d bytes", got, n)
	}
	return hr, nil
}

func (a *attempts) latest() *hashingReader {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.last
}

// hashingReader hashes (when h is set) and counts the bytes it hands to the
// transport, in the same pass. The transport reads it from its own goroutine, hence the
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
	if hr.h != nil {
		hr.h.Write(p[:n])
	}
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

// sum is the hash of the bytes read so far.
func (hr *hashingReader) sum() []byte {
	hr.mu.Lock()
	defer hr.mu.Unlock()
	return hr.h.Sum(nil)
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
