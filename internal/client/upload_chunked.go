package client

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// maxChunkedRestarts bounds how many times a whole chunked upload is sent
// again under a new uuid, when its parts could not be assembled into the
// file (see uploadChunked).
const maxChunkedRestarts = 1

// uploadChunked follows udata's chunked protocol (core/storages/api.py): one
// POST per part, stored at {uuid}/{partindex}, several at a time and each
// retried alone; then a POST without a file that assembles them into the
// file (upload_final.go). The parts are checked against one sequential read
// of the file, and the assembled file against its sha1.
//
// A part udata kept from an attempt whose answer was lost is taken as
// stored (see sendPart): if that guess is wrong, or the server assembled
// something else than the file, the whole upload is sent again under a new
// uuid, once, and always over the same resource: restarting a new
// resource's upload as a second new resource would publish the file twice.
func (c *Client) uploadChunked(ctx context.Context, t uploadTarget, name string, f UploadFile, partSize int64) (*UploadResult, error) {
	for restart := 0; ; restart++ {
		res, sum, err := c.chunkedOnce(ctx, t, name, f, partSize)
		var failed *assemblyFailedError
		switch {
		case errors.As(err, &failed) && restart < maxChunkedRestarts:
			c.logRestart(ctx, t, err)
			continue
		case err != nil:
			return nil, err
		}
		out := &UploadResult{Resource: res, SHA1: sum, Size: f.Size}
		verr := verifyUpload(t.path, res, sum, f.Size)
		if verr == nil || restart >= maxChunkedRestarts || res.ID == "" {
			return out, verr
		}
		c.logRestart(ctx, t, verr)
		t = replaceTarget(t.datasetID, res.ID)
	}
}

func (c *Client) logRestart(ctx context.Context, t uploadTarget, cause error) {
	c.log.Warn(ctx, "datagouv chunked upload will be sent again under a new uuid", map[string]any{
		"path":   t.path,
		"reason": c.redact(cause.Error()),
	})
}

// chunkedOnce is one run of the protocol under a new uuid: it returns the
// assembled resource and the file's sha1.
func (c *Client) chunkedOnce(ctx context.Context, t uploadTarget, name string, f UploadFile, partSize int64) (*Resource, string, error) {
	uuid, err := newUUID()
	if err != nil {
		return nil, "", err
	}
	parts := (f.Size + partSize - 1) / partSize
	up := &chunkedUpload{c: c, path: t.path, uuid: uuid, name: name, f: f, partSize: partSize,
		parts: parts, total: strconv.FormatInt(parts, 10), sent: make([]uint32, parts)}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type digestResult struct {
		d   *fileDigests
		err error
	}
	digests := make(chan digestResult, 1)
	go func() {
		d, err := digestFile(ctx, f, partSize, up.parts)
		digests <- digestResult{d, err}
	}()
	err = up.sendParts(ctx)
	if err != nil {
		cancel()
	}
	dr := <-digests
	switch {
	case err != nil:
		return nil, "", err
	case dr.err != nil:
		return nil, "", fmt.Errorf("POST %s: %w", t.path, dr.err)
	}
	for i := range up.parts {
		if dr.d.parts[i] != up.sent[i] {
			// Not worth assembling: the file changed while it was read.
			return nil, "", fmt.Errorf("POST %s: %w", t.path, &localReadError{err: fmt.Errorf("part %d of %d changed while the file was uploaded: %w", i+1, up.parts, ErrFileChanged)})
		}
	}
	res, err := c.assemble(ctx, t, up, dr.d.sum)
	return res, dr.d.sum, err
}
