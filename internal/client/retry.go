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

// do runs r with the retry rules:
//   - GET, PUT, DELETE (and idempotent POSTs): retried on connection
//     failures and on 429, 502, 503, 504;
//   - POST: retried only when it provably never reached the server (no
//     connection was obtained, or the dial failed) or on 429, which the front
//     proxy answers before udata sees anything. Any other failure after the
//     request may have been written is an *UncertainError;
//   - 423 (read-only maintenance): retried a few times whatever the method,
//     since udata refuses the write before doing anything.
//
// Waits are exponential with full jitter, or the server's Retry-After,
// both capped by RetryWaitMax.
func (c *Client) do(ctx context.Context, r *request, out any) error {
	idempotent := r.idempotent || r.method != http.MethodPost
	readOnlyRetries := min(c.maxRetries, readOnlyMaxRetries)
	for attempt := 1; ; attempt++ {
		req, err := c.newHTTPRequest(ctx, r)
		if err != nil {
			return fmt.Errorf("%s %s: %w", r.method, r.path, err)
		}
		var gotConn atomic.Bool
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			GotConn: func(httptrace.GotConnInfo) { gotConn.Store(true) },
		}))

		var (
			wait   time.Duration
			reason string
		)
		resp, err := c.hc.Do(req)
		if err != nil {
			var local *localReadError
			if errors.As(err, &local) {
				// Our file, not the network: neither retried nor uncertain.
				return fmt.Errorf("%s %s: %w", r.method, r.path, local)
			}
			err = c.transportError(r, err)
			mayHaveReachedServer := gotConn.Load() && !isDialError(err)
			switch {
			case ctx.Err() != nil || !retryableTransportError(err):
				if !idempotent && mayHaveReachedServer {
					return &UncertainError{Method: r.method, Path: r.path, Err: err}
				}
				return err
			case !idempotent && mayHaveReachedServer:
				return &UncertainError{Method: r.method, Path: r.path, Err: err}
			case attempt > c.maxRetries:
				return fmt.Errorf("%w (gave up after %d attempts)", err, attempt)
			}
			wait, reason = c.backoff(attempt), "connection failure: "+err.Error()
		} else {
			if resp.StatusCode >= 200 && resp.StatusCode < 300 {
				return c.decode(r, resp, out)
			}
			apiErr := c.apiError(r, resp)
			switch code := resp.StatusCode; {
			case code == http.StatusTooManyRequests:
				if attempt > c.maxRetries {
					return apiErr
				}
			case code == http.StatusLocked:
				if attempt > readOnlyRetries {
					return apiErr
				}
			case code == http.StatusBadGateway || code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout:
				if !idempotent {
					return &UncertainError{Method: r.method, Path: r.path, Err: apiErr}
				}
				if attempt > c.maxRetries {
					return apiErr
				}
			case code >= 500 && !idempotent:
				// udata may have saved the object before failing.
				return &UncertainError{Method: r.method, Path: r.path, Err: apiErr}
			default:
				return apiErr
			}
			wait, reason = c.backoff(attempt), fmt.Sprintf("status %d", apiErr.StatusCode)
			if apiErr.RetryAfter > 0 {
				wait = min(apiErr.RetryAfter, c.waitMax)
			}
		}
		c.log.Warn(ctx, "datagouv API request will be retried", map[string]any{
			"method":  r.method,
			"path":    r.path,
			"attempt": attempt,
			"wait_ms": wait.Milliseconds(),
			"wait":    wait.String(),
			"reason":  c.redact(reason),
		})
		if err := c.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s %s: %w", r.method, r.path, err)
		}
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
	ceil := c.waitMin
	for i := 1; i < attempt && ceil < c.waitMax; i++ {
		ceil *= 2
	}
	ceil = min(ceil, c.waitMax)
	return rand.N(ceil + 1)
}

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
