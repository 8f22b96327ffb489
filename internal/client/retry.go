package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"
)

// request describes one API call, independent of its attempts.
type request struct {
	method string
	path   string // from the site root, e.g. /api/1/datasets/{id}/
	query  url.Values
	// body builds a fresh body for each attempt (and each redirect hop);
	// nil means no body.
	body          func() (io.Reader, error)
	contentType   string
	contentLength int64 // -1 when unknown
	// idempotent lets a POST be retried like a PUT, for a POST whose
	// repetition the server makes harmless. (Upload parts are not: udata
	// refuses a part sent again; see upload_parts.go.)
	idempotent bool
}

func jsonRequest(method, path string, in any) (*request, error) {
	r := &request{method: method, path: path, contentLength: -1}
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, fmt.Errorf("%s %s: encoding the request body: %w", method, path, err)
		}
		r.body = func() (io.Reader, error) { return bytes.NewReader(b), nil }
		r.contentType = "application/json"
		r.contentLength = int64(len(b))
	}
	return r, nil
}

// doJSON sends a JSON request (in may be nil) and decodes a 2xx answer into
// out (which may be nil).
func (c *Client) doJSON(ctx context.Context, method, path string, in, out any) error {
	r, err := jsonRequest(method, path, in)
	if err != nil {
		return err
	}
	return c.do(ctx, r, out)
}

func (c *Client) newHTTPRequest(ctx context.Context, r *request) (*http.Request, error) {
	// r.path is already escaped (ids go through url.PathEscape): keep it
	// as the raw path so that an id is never escaped twice.
	unescaped, err := url.PathUnescape(r.path)
	if err != nil {
		return nil, err
	}
	u := *c.root
	u.Path = c.root.Path + unescaped
	u.RawPath = c.root.EscapedPath() + r.path
	if len(r.query) > 0 {
		u.RawQuery = r.query.Encode()
	}
	var body io.Reader
	if r.body != nil {
		b, err := r.body()
		if err != nil {
			return nil, err
		}
		body = b
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return nil, err
	}
	if r.body != nil {
		// GetBody lets net/http replay the body on a 307/308 redirect.
		req.GetBody = func() (io.ReadCloser, error) {
			b, err := r.body()
			if err != nil {
				return nil, err
			}
			return io.NopCloser(b), nil
		}
		req.ContentLength = r.contentLength
		req.Header.Set("Content-Type", r.contentType)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	return req, nil
}

// do runs r, retrying as retryPolicy.decide says (retry_policy.go has the
// rules: which failures are retried, which are uncertain, and the waits).
func (c *Client) do(ctx context.Context, r *request, out any) error {
	policy := c.retryPolicy()
	idempotent := r.idempotent || r.method != http.MethodPost
	for attempt := 1; ; attempt++ {
		req, err := c.newHTTPRequest(ctx, r)
		if err != nil {
			return fmt.Errorf("%s %s: %w", r.method, r.path, err)
		}
		var gotConn atomic.Bool
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			GotConn: func(httptrace.GotConnInfo) { gotConn.Store(true) },
		}))

		outcome := attemptOutcome{method: r.method, idempotent: idempotent, attempt: attempt}
		var failure error // what the caller gets if this attempt is the last
		resp, err := c.hc.Do(req)
		if err != nil {
			var local *localReadError
			if errors.As(err, &local) {
				// Our file, not the network: neither retried nor uncertain.
				return fmt.Errorf("%s %s: %w", r.method, r.path, local)
			}
			failure = c.transportError(r, err)
			outcome.err = failure
			outcome.mayHaveReachedServer = gotConn.Load() && !isDialError(failure)
			outcome.canceled = ctx.Err() != nil
		} else {
			if resp.StatusCode >= 200 && resp.StatusCode < 300 {
				return c.decode(r, resp, out)
			}
			apiErr := c.apiError(r, resp)
			failure = apiErr
			outcome.status = apiErr.StatusCode
			outcome.retryAfter = apiErr.RetryAfter
		}

		d := policy.decide(outcome, jitter)
		switch d.verdict {
		case verdictUncertain:
			return &UncertainError{Method: r.method, Path: r.path, Err: failure}
		case verdictFail:
			// An API error already says what the server answered; a
			// transport failure says how hard we tried.
			if d.gaveUp && outcome.status == 0 {
				return fmt.Errorf("%w (gave up after %d attempts)", failure, attempt)
			}
			return failure
		}
		reason := "connection failure: " + failure.Error()
		if outcome.status != 0 {
			reason = fmt.Sprintf("status %d", outcome.status)
		}
		c.log.Warn(ctx, "datagouv API request will be retried", map[string]any{
			"method":  r.method,
			"path":    r.path,
			"attempt": attempt,
			"wait_ms": d.wait.Milliseconds(),
			"wait":    d.wait.String(),
			"reason":  c.redact(reason),
		})
		if err := c.sleep(ctx, d.wait); err != nil {
			return fmt.Errorf("%s %s: %w", r.method, r.path, err)
		}
	}
}

func (c *Client) retryPolicy() retryPolicy {
	return retryPolicy{
		maxRetries:         c.maxRetries,
		readOnlyMaxRetries: readOnlyMaxRetries,
		waitMin:            c.waitMin,
		waitMax:            c.waitMax,
	}
}

// decode reads a 2xx answer into out and closes the body.
func (c *Client) decode(r *request, resp *http.Response, out any) error {
	defer resp.Body.Close()
	if out == nil || resp.StatusCode == http.StatusNoContent {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("%s %s: %d: decoding the answer: %v", r.method, r.path, resp.StatusCode, err)
	}
	return nil
}

// transportError names the call in a transport failure. url.Error carries
// the full URL; ours has no secret in it, but we keep the message short and
// consistent with APIError.
func (c *Client) transportError(r *request, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &transportErr{method: r.method, path: r.path, err: err, msg: c.redact(err.Error())}
}

type transportErr struct {
	method, path string
	err          error
	msg          string
}

func (e *transportErr) Error() string { return fmt.Sprintf("%s %s: %s", e.method, e.path, e.msg) }
func (e *transportErr) Unwrap() error { return e.err }

// isDialError is true when the TCP connection was never established, so
// not a byte of the request reached the server.
func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// retryableTransportError excludes failures that another attempt cannot
// fix: cancellation, certificate problems, redirect loops.
func retryableTransportError(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, errTooManyRedirects) {
		return false
	}
	var (
		certErr    *tls.CertificateVerificationError
		unknownCA  x509.UnknownAuthorityError
		hostErr    x509.HostnameError
		invalidErr x509.CertificateInvalidError
	)
	return !errors.As(err, &certErr) && !errors.As(err, &unknownCA) && !errors.As(err, &hostErr) && !errors.As(err, &invalidErr)
}

// backoff is exponential with full jitter: uniform in [0, min(max, min·2^(n-1))].
func (c *Client) backoff(attempt int) time.Duration {
	return jitter(c.retryPolicy().backoffCeiling(attempt))
}

// jitter draws a wait uniformly in [0, ceiling] ("full jitter"), so that
// clients failing together do not retry together.
func jitter(ceiling time.Duration) time.Duration { return rand.N(ceiling + 1) } //nolint:gosec // spreads retries: not a secret

// parseRetryAfter reads Retry-After as seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
