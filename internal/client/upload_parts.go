package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
)

// chunkedUpload is one run of the protocol.
type chunkedUpload struct {
	c                *Client
	path, uuid, name string
	f                UploadFile
	partSize, parts  int64
	total            string // parts, as sent in totalparts
}

// sendParts reads the file once (partReader) and sends its parts,
// uploadConcurrency at a time, from the buffers that read filled. udata
// places each at its partindex, so their order does not matter. The first
// part that fails for good stops the others. It returns the sha1 of the
// file, that is of the bytes sent.
func (up *chunkedUpload) sendParts(ctx context.Context) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := int(min(int64(up.c.uploadConcurrency), up.parts))
	pr := newPartReader(up.f, up.partSize, up.parts, workers)
	parts := make(chan partData)
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err })
		cancel()
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range parts {
				if ctx.Err() == nil {
					if err := up.sendPart(ctx, p.index, p.data); err != nil {
						fail(err)
					}
				}
				pr.release(p)
			}
		}()
	}
	if err := pr.run(ctx, parts); err != nil {
		fail(err)
	}
	wg.Wait()
	if firstErr != nil {
		return "", firstErr
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return pr.sum(), nil
}

// sendPart sends part i, data, until udata stores it.
//
// Its POSTs go to c.do as plain POSTs, so that every outcome that may have
// reached udata comes back here (an *UncertainError) instead of being
// retried blindly, and this loop decides: a part stores nothing but
// {uuid}/{partindex}, so sending it again is safe, up to MaxRetries times.
// But the chunks storage refuses to overwrite a part (save_chunk,
// chunks.save: FileExists, answered as a bare 500, before anything is
// written): once an attempt that carried the whole part may have been
// stored (its answer was lost, or a proxy answered 5xx), a 500 to a later
// attempt most likely means the part is there, and it is taken as stored.
// If it was not, the final call cannot assemble the file, or assembles
// another one, and uploadChunked starts again.
func (up *chunkedUpload) sendPart(ctx context.Context, i int64, data []byte) error {
	c := up.c
	off := i * up.partSize
	n := int64(len(data))
	content := UploadFile{Content: bytes.NewReader(data), Size: n}
	form, err := newForm([][2]string{
		{"uuid", up.uuid},
		{"filename", up.name},
		{"partindex", strconv.FormatInt(i, 10)},
		{"partbyteoffset", strconv.FormatInt(off, 10)},
		{"totalparts", up.total},
		{"chunksize", strconv.FormatInt(n, 10)},
	}, up.name)
	if err != nil {
		return err
	}
	label := fmt.Sprintf("uploading part %d of %d", i+1, up.parts)
	maybeStored := false // an earlier attempt sent the whole part and may have been stored
	for attempt := 1; ; attempt++ {
		at := &attempts{}
		var status struct {
			Success bool    `json:"success"`
			Error   *string `json:"error"`
		}
		err := c.do(ctx, form.request(up.path, content, 0, n, at, nil), &status)
		if err == nil {
			if !status.Success {
				msg := ""
				if status.Error != nil {
					msg = *status.Error
				}
				return fmt.Errorf("POST %s: part %d of %d refused: %s", up.path, i+1, up.parts, c.redact(msg))
			}
			_, err := at.complete(n)
			return err
		}
		var uncertain *UncertainError
		var local *localReadError
		switch {
		case ctx.Err() != nil, errors.As(err, &local), !errors.As(err, &uncertain):
			return fmt.Errorf("%s: %w", label, err)
		case maybeStored && isUdata500(err):
			c.log.Warn(ctx, "datagouv upload part taken as stored", map[string]any{
				"path": up.path, "part": i + 1, "attempt": attempt,
				"reason": "udata answers 500 to a part it already has: an earlier attempt's answer was lost",
			})
			return nil
		case attempt > c.maxRetries:
			// Never uncertain: a part creates nothing a caller could look up.
			return fmt.Errorf("%s: %w (gave up after %d attempts)", label, uncertain.Err, attempt)
		}
		if hr := at.latest(); hr != nil && hr.count() == n {
			maybeStored = true
		}
		wait := c.backoff(attempt)
		c.log.Warn(ctx, "datagouv API request will be retried", map[string]any{
			"method": http.MethodPost, "path": up.path, "part": i + 1, "attempt": attempt,
			"wait_ms": wait.Milliseconds(), "wait": wait.String(), "reason": c.redact(uncertain.Err.Error()),
		})
		if err := c.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: %w", label, err)
		}
	}
}
