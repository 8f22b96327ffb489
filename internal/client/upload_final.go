package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// assemble sends the chunked protocol's final call, which makes udata read
// the parts into the file (handle_upload: utils.save_upload over a
// ChunksReader) and then create or update the resource. What udata does
// decides what may be sent again:
//
//   - flask-storage checks the target path before reading anything, and
//     refuses to overwrite (FileExists: a bare 500). The pacer keeps this
//     client's uploads apart, but another client's, or a dataset named by
//     its slug elsewhere, may still take this second's path: then the
//     call is sent again once udata's clock is in the next second.
//   - The parts are discarded only once the file is stored, before the
//     resource is created. So a final call sent again after one that
//     assembled the file finds no parts and fails (FileNotFound, a bare
//     500): repeating it can never create a second resource. That makes
//     a 500 safe to repeat even for a new resource, though that 500 may
//     come after the resource was added (a signal handler failing): the
//     outcome is then uncertain, and reported so.
//   - A lost answer or a proxy's 502, 503 or 504 may leave udata still
//     assembling (a 504 does not stop it). For a new resource, a second
//     call meanwhile would read the same parts into a second resource:
//     the outcome is reported as uncertain at once, for the caller to look
//     the resource up. A replace only ever writes over its resource, so
//     it is sent again; once its parts are gone, the resource tells
//     whether an earlier attempt did the work.
func (c *Client) assemble(ctx context.Context, t uploadTarget, up *chunkedUpload, sum string) (*Resource, error) {
	form, err := newForm([][2]string{{"uuid", up.uuid}, {"filename", up.name}, {"totalparts", up.total}}, "")
	if err != nil {
		return nil, err
	}
	release, err := c.paceUpload(ctx, t, up.name)
	if err != nil {
		return nil, err
	}
	defer release()
	var (
		lastErr error
		lost    bool // an earlier attempt of a replace may have assembled the file
	)
	for attempt := 1; ; attempt++ {
		var res Resource
		err := c.do(ctx, form.request(t.path, up.f, 0, 0, nil, nil), &res)
		if err == nil {
			return &res, nil
		}
		if !errors.Is(err, ErrUncertain) || ctx.Err() != nil {
			return nil, err
		}
		lastErr = err
		udata500 := isUdata500(err)
		switch {
		case t.resourceID == "" && !udata500:
			return nil, err
		case t.resourceID != "" && udata500 && lost:
			if res, ok := c.holdsFile(ctx, t, sum, up.f.Size); ok {
				return res, nil
			}
		case !udata500:
			lost = true
		}
		if attempt > c.maxRetries {
			break
		}
		if udata500 {
			err = c.sameSecondRetry(ctx, t.path, attempt, err)
		} else {
			err = c.retryWait(ctx, t.path, attempt, err)
		}
		if err != nil {
			return nil, err
		}
	}
	if t.resourceID == "" {
		return nil, lastErr
	}
	if res, ok := c.holdsFile(ctx, t, sum, up.f.Size); ok {
		return res, nil
	}
	return nil, &assemblyFailedError{path: t.path, err: lastErr}
}

// holdsFile tells whether the replaced resource now holds the file: after
// lost answers, the final call that assembled it may be one of them.
func (c *Client) holdsFile(ctx context.Context, t uploadTarget, sum string, size int64) (*Resource, bool) {
	res, err := c.Resources.Get(ctx, t.datasetID, t.resourceID)
	if err != nil || res.Checksum == nil || !strings.EqualFold(res.Checksum.Type, "sha1") ||
		!strings.EqualFold(res.Checksum.Value, sum) || res.Filesize == nil || *res.Filesize != size {
		return nil, false
	}
	return res, true
}

// retryWait logs and waits the backoff before an attempt.
func (c *Client) retryWait(ctx context.Context, path string, attempt int, cause error) error {
	wait := c.backoff(attempt)
	c.log.Warn(ctx, "datagouv API request will be retried", map[string]any{
		"method": http.MethodPost, "path": path, "attempt": attempt,
		"wait_ms": wait.Milliseconds(), "wait": wait.String(), "reason": c.redact(cause.Error()),
	})
	if err := c.sleep(ctx, wait); err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	return nil
}

// assemblyFailedError: a replace's final call kept failing and the
// resource does not hold the file, so its old file is still there; the
// parts may be what failed (one taken as stored that was not).
type assemblyFailedError struct {
	path string
	err  error
}

func (e *assemblyFailedError) Error() string {
	return fmt.Sprintf("POST %s: the server could not assemble the parts into the file (the resource keeps its previous file): %v", e.path, e.cause())
}

// Unwrap skips the uncertainty: the resource was read since, and does not
// hold the file.
func (e *assemblyFailedError) Unwrap() error { return e.cause() }

func (e *assemblyFailedError) cause() error {
	var u *UncertainError
	if errors.As(e.err, &u) {
		return u.Err
	}
	return e.err
}
