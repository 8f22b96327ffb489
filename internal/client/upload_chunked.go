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
// file (upload_final.go). The file is read once, in order, into the parts'
// buffers and through one sha1 (upload_read.go); the assembled file is
// checked against that sha1.
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
		parts: parts, total: strconv.FormatInt(parts, 10)}
	sum, err := up.sendParts(ctx)
	if err != nil {
		return nil, "", err
	}
	if f.Verify != nil {
		// The last moment before the portal serves the file: the parts
		// stored under the uuid are not a resource until assembled.
		if err := f.Verify(sum); err != nil {
			return nil, "", fmt.Errorf("POST %s: %w", t.path, &localReadError{err: err})
		}
	}
	res, err := c.assemble(ctx, t, up, sum)
	return res, sum, err
}
