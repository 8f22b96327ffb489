package client

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// UploadFile is a local file to upload. Content is streamed from offset 0
// to Size, never held in memory; Name is the file name given to the server
// (any directory part is dropped).
type UploadFile struct {
	Name    string
	Content io.ReaderAt
	Size    int64
	// Verify, when set, is given the sha1 of the whole content before the
	// portal can serve it: for a chunked upload, once every part is stored
	// and before they are assembled (the bytes sent, read once); for a file
	// sent in one request, after a first read and before the request. An
	// error stops the upload, wrapped in the returned error, and nothing is
	// published.
	Verify func(sha1 string) error
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
	return s.c.upload(ctx, uploadTarget{datasetID: datasetID, path: datasetPath(datasetID) + "upload/"}, f)
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
	return s.c.upload(ctx, replaceTarget(datasetID, resourceID), f)
}

// uploadTarget is where a file goes: a new resource of the dataset
// (resourceID "") or over the file of an existing one.
type uploadTarget struct {
	datasetID, resourceID string
	path                  string
}

func replaceTarget(datasetID, resourceID string) uploadTarget {
	return uploadTarget{datasetID: datasetID, resourceID: resourceID, path: resourcePath(datasetID, resourceID) + "upload/"}
}

func (c *Client) upload(ctx context.Context, t uploadTarget, f UploadFile) (*UploadResult, error) {
	name := baseName(f.Name)
	switch {
	case f.Content == nil:
		return nil, fmt.Errorf("datagouv client: upload to %s: no content", t.path)
	case f.Size < 0:
		return nil, fmt.Errorf("datagouv client: upload to %s: negative size", t.path)
	case name == "":
		return nil, fmt.Errorf("datagouv client: upload to %s: empty file name", t.path)
	}
	if f.Size > c.chunkThreshold {
		return c.uploadChunked(ctx, t, name, f, c.partSize(f.Size))
	}
	return c.uploadPlain(ctx, t, name, f)
}

// partSize is the size of the parts of a file above the threshold: the
// chunk size, capped by the threshold so that the threshold keeps bounding
// the requests when it is the lower one, but not below MinUploadPartSize,
// lest a tiny threshold ("always chunk") cut a file into countless parts.
// A file that still fits in one part is cut in two: udata treats a form as
// chunked only when totalparts > 1, and a file above the threshold is
// never sent whole.
func (c *Client) partSize(size int64) int64 {
	p := min(c.chunkSize, max(c.chunkThreshold, MinUploadPartSize))
	if size <= p {
		p = (size + 1) / 2
	}
	return p
}

// uploadPlain sends the whole file in one multipart POST. The file is read
// a first time for Verify (it is small: at most the chunk threshold), since
// the portal serves it as soon as the request ends; the result's SHA1 is
// that of the bytes sent, which the caller compares.
func (c *Client) uploadPlain(ctx context.Context, t uploadTarget, name string, f UploadFile) (*UploadResult, error) {
	if f.Verify != nil {
		h := sha1.New()
		if _, err := io.Copy(h, io.NewSectionReader(f.Content, 0, f.Size)); err != nil {
			return nil, fmt.Errorf("POST %s: %w", t.path, &localReadError{err: err})
		}
		if err := f.Verify(hex.EncodeToString(h.Sum(nil))); err != nil {
			return nil, fmt.Errorf("POST %s: %w", t.path, &localReadError{err: err})
		}
	}
	form, err := newForm(nil, name)
	if err != nil {
		return nil, err
	}
	release, err := c.paceUpload(ctx, t, name)
	if err != nil {
		return nil, err
	}
	defer release()
	for attempt := 1; ; attempt++ {
		var res Resource
		at := &attempts{}
		err := c.do(ctx, form.request(t.path, f, 0, f.Size, at, sha1.New), &res)
		if err == nil {
			hr, err := at.complete(f.Size)
			if err != nil {
				return nil, err
			}
			sum := hex.EncodeToString(hr.sum())
			return &UploadResult{Resource: &res, SHA1: sum, Size: f.Size}, verifyUpload(t.path, &res, sum, f.Size)
		}
		// A 500 is what udata answers when another upload of the same name
		// took this second's path (see sameSecondRetry). Repeated here for a
		// replace only: it writes over one resource, so even a 500 raised
		// after the write leaves nothing a second attempt could duplicate.
		// A new resource's upload stays uncertain: udata's signal handlers
		// run after the resource is added and may fail with a 500 as well,
		// so the caller looks the resource up. The pacer already keeps
		// this client's own uploads from colliding.
		if t.resourceID == "" || !isUdata500(err) || attempt > c.maxRetries {
			return nil, err
		}
		if err := c.sameSecondRetry(ctx, t.path, attempt, err); err != nil {
			return nil, err
		}
	}
}

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

// isUdata500 tells whether err carries a 500 that udata itself answered
// (possibly inside an *UncertainError): a JSON body with a message, such
// as flask-restx's {"message": "Internal Server Error"} for the storage's
// FileExists and FileNotFound. A proxy's 500 is an HTML page, which leaves
// no message: it says nothing of what udata did, like a 502.
func isUdata500(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusInternalServerError && apiErr.Message != ""
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
