// Package client is a typed client for the udata API that data.gouv.fr
// runs. It knows nothing of Terraform: the provider maps its structs.
package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultBaseURL is production data.gouv.fr.
const DefaultBaseURL = "https://www.data.gouv.fr"

// DefaultUploadConcurrency is how many parts of one file are in flight
// unless Config says otherwise; MaxUploadConcurrency bounds it, since each
// holds its part's bytes (up to ChunkSize) in memory.
const (
	DefaultUploadConcurrency = 4
	MaxUploadConcurrency     = 16
)

// DefaultUploadPartSize follows data.gouv.fr's own web front end
// (datagouv/cdata, nuxt.config.ts resourceFileUploadChunk, 20 * 1000 * 1000
// since 2026-08-11): files of at most that many bytes in one request, larger
// ones in parts of that size. udata itself limits neither (save_chunk only
// checks a part against its declared chunksize; Flask's MAX_CONTENT_LENGTH
// is unset): what limits a request is the proxy in front of the portal, and
// bodies the size the front end sends are the ones known to pass. Larger
// parts mean fewer Python requests, but udata 17.6.0 assembles them through
// ChunksReader, which copies the rest of a part at each read of the storage
// (64 KiB at a time onto a local disk): on a udata storing files on disk, the
// final call costs file size × part size / 128 KiB bytes of copying, and 256
// MiB went no faster in 20,000,000-byte parts than in 2,000,000-byte ones
// (BENCHMARKS.md, "Part size"). Storages that read large blocks (S3 reads
// 8 MB) barely pay it.
//
// MinUploadPartSize and MaxUploadPartSize bound the part size a caller
// (the provider's upload_part_size) may choose: below 1 MiB a file becomes
// countless requests; above 100,000,000 bytes each part in flight holds that
// much memory (upload_concurrency + 1 buffers), a failed part costs that much
// to send again, and a proxy is ever likelier to refuse the body.
const (
	DefaultUploadPartSize int64 = 20_000_000
	MinUploadPartSize     int64 = 1 << 20
	MaxUploadPartSize     int64 = 100_000_000
)

const (
	defaultMaxRetries       = 5
	defaultFirstRetryWait   = 500 * time.Millisecond
	defaultLongestRetryWait = 30 * time.Second
	defaultUserAgent        = "terraform-provider-datagouv-client"
	// readOnlyMaxRetries bounds the retries of a 423: maintenance usually
	// lasts minutes, longer than a caller should block.
	readOnlyMaxRetries = 3
	maxRedirects       = 10
)

// Config configures a Client. Zero values take the defaults.
type Config struct {
	BaseURL      string        // site root, e.g. https://www.data.gouv.fr (a trailing /api/1 is accepted); http only for loopback hosts
	APIKey       string        // sent as X-API-KEY, only to BaseURL's host
	UserAgent    string        // full User-Agent value
	HTTPClient   *http.Client  // optional; copied, its Transport is wrapped and its CheckRedirect replaced
	MaxRetries   int           // 0 → default 5; <0 → none
	RetryWaitMin time.Duration // backoff lower bound (default 500ms)
	RetryWaitMax time.Duration // backoff upper bound (default 30s); also caps Retry-After
	// ChunkThreshold: files larger than this use udata's chunked upload
	// (default ChunkSize: as data.gouv.fr's front end, a file that fits in
	// one part goes in one request).
	ChunkThreshold int64
	// ChunkSize is the size of each part (default DefaultUploadPartSize, as
	// data.gouv.fr's front end). A ChunkThreshold below it caps the parts
	// (down to 1 MiB): no request then carries more of the file than the
	// threshold. A file above the threshold is always sent in two parts or
	// more.
	ChunkSize int64
	// UploadConcurrency is how many chunks of one file are sent at a time
	// (default 4; 1 sends them one after the other).
	UploadConcurrency int
	Logger            Logger // optional; debug logs of each request with X-API-KEY redacted
}

// Logger receives the client's logs. The provider plugs terraform-plugin-log in.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// Client talks to a udata instance. It is safe for concurrent use.
type Client struct {
	Datasets      *DatasetsService
	Resources     *ResourcesService
	Reference     *ReferenceService
	Dataservices  *DataservicesService
	ContactPoints *ContactPointsService
	Transfers     *TransfersService

	root           *url.URL // scheme, host and optional path prefix; no /api/1
	apiKey         string
	userAgent      string
	hc             *http.Client
	maxRetries     int
	waitMin        time.Duration
	waitMax        time.Duration
	chunkThreshold int64
	chunkSize      int64
	// uploadConcurrency bounds the chunks of one file in flight.
	uploadConcurrency int
	// pacer spaces out uploads that udata would store at the same path
	// (upload_pace.go).
	pacer uploadPacer
	log   Logger
	// sleep waits between attempts; tests replace it to observe waits.
	sleep func(ctx context.Context, d time.Duration) error
}

type service struct{ c *Client }

// DatasetsService covers /api/1/datasets/.
type DatasetsService service

// ResourcesService covers the resources of datasets, and file uploads.
type ResourcesService service

// ReferenceService covers reference lists, the caller and organizations.
type ReferenceService service

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	root, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if strings.ContainsAny(cfg.APIKey, "\r\n") {
		return nil, errors.New("datagouv client: the API key contains a line break")
	}
	c := &Client{
		root:              root,
		apiKey:            cfg.APIKey,
		userAgent:         cfg.UserAgent,
		maxRetries:        cfg.MaxRetries,
		waitMin:           cfg.RetryWaitMin,
		waitMax:           cfg.RetryWaitMax,
		chunkThreshold:    cfg.ChunkThreshold,
		chunkSize:         cfg.ChunkSize,
		uploadConcurrency: cfg.UploadConcurrency,
		log:               cfg.Logger,
		sleep:             sleepCtx,
	}
	if c.userAgent == "" {
		c.userAgent = defaultUserAgent
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = defaultMaxRetries
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	if c.waitMin <= 0 {
		c.waitMin = defaultFirstRetryWait
	}
	if c.waitMax <= 0 {
		c.waitMax = defaultLongestRetryWait
	}
	if c.waitMax < c.waitMin {
		c.waitMax = c.waitMin
	}
	if c.chunkSize <= 0 {
		c.chunkSize = DefaultUploadPartSize
	}
	if c.chunkThreshold <= 0 {
		c.chunkThreshold = c.chunkSize
	}
	if c.uploadConcurrency <= 0 {
		c.uploadConcurrency = DefaultUploadConcurrency
	}
	if c.uploadConcurrency > MaxUploadConcurrency {
		c.uploadConcurrency = MaxUploadConcurrency
	}
	if c.log == nil {
		c.log = nopLogger{}
	}

	// Copy the caller's http.Client rather than changing it: we wrap its
	// transport (key injection, logging) and own the redirect policy.
	var hc http.Client
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient
	}
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	if t, ok := base.(*http.Transport); ok && insecureTLS(t.TLSClientConfig) {
		return nil, errors.New("datagouv client: TLS certificate verification cannot be turned off (InsecureSkipVerify is set on the HTTP client's transport)")
	}
	hc.Transport = &transport{c: c, base: base}
	hc.CheckRedirect = c.checkRedirect
	c.hc = &hc

	c.Datasets = (*DatasetsService)(&service{c})
	c.Resources = (*ResourcesService)(&service{c})
	c.Reference = (*ReferenceService)(&service{c})
	c.Dataservices = (*DataservicesService)(&service{c})
	c.ContactPoints = (*ContactPointsService)(&service{c})
	c.Transfers = (*TransfersService)(&service{c})
	return c, nil
}

// BaseURL is the normalized site root, without /api/1.
func (c *Client) BaseURL() string { return c.root.String() }

// parseBaseURL normalizes the site root: "" is production, a trailing
// /api/1 or slash is dropped, and plain http is refused unless the host is
// loopback (the key would travel in clear text).
func parseBaseURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("datagouv client: invalid base URL %q: %v", raw, err)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("datagouv client: invalid base URL %q: it needs a scheme and a host, e.g. %s", raw, DefaultBaseURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("datagouv client: invalid base URL: it must not carry user credentials")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("datagouv client: invalid base URL %q: it must not have a query or fragment", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("datagouv client: base URL %q uses http: only https is accepted, except for loopback hosts (localhost, 127.0.0.0/8, ::1)", raw)
		}
	default:
		return nil, fmt.Errorf("datagouv client: invalid base URL %q: the scheme must be https", raw)
	}
	p := strings.TrimRight(u.Path, "/")
	p = strings.TrimSuffix(p, "/api/1")
	p = strings.TrimRight(p, "/")
	u.Path, u.RawPath = p, ""
	u.Host = strings.ToLower(u.Host)
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOrigin tells whether u may receive the key: same host and port as the
// base URL, and no downgrade from https to http.
func (c *Client) sameOrigin(u *url.URL) bool {
	if c.root.Scheme == "https" && u.Scheme != "https" {
		return false
	}
	return hostPort(u) == hostPort(c.root)
}

func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

var errTooManyRedirects = errors.New("stopped after too many redirects")

// checkRedirect follows redirects (udata answers 308 from an old slug) and
// drops the key on any hop that leaves the base URL's origin. The transport
// only adds the key for that origin anyway; this is the second lock.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return errTooManyRedirects
	}
	if !c.sameOrigin(req.URL) {
		req.Header.Del(headerAPIKey)
	}
	return nil
}

const headerAPIKey = "X-API-KEY"

// transport adds the key to requests for the base origin only, and logs
// every hop (redirects included) with the key redacted.
type transport struct {
	c    *Client
	base http.RoundTripper
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	c := t.c
	// A RoundTripper must not change the caller's request.
	r := req.Clone(req.Context())
	if c.apiKey != "" && c.sameOrigin(r.URL) {
		r.Header.Set(headerAPIKey, c.apiKey)
	} else {
		r.Header.Del(headerAPIKey)
	}
	start := time.Now()
	resp, err := t.base.RoundTrip(r)
	fields := map[string]any{
		"method":          r.Method,
		"url_path":        r.URL.Path,
		"host":            r.URL.Host,
		"duration_ms":     time.Since(start).Milliseconds(),
		"request_headers": redactHeaders(r.Header),
	}
	if err != nil {
		fields["error"] = c.redact(err.Error())
		c.log.Debug(r.Context(), "datagouv API request failed", fields)
		return nil, err
	}
	fields["status"] = resp.StatusCode
	c.log.Debug(r.Context(), "datagouv API request", fields)
	return resp, nil
}

func redactHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		if strings.EqualFold(k, headerAPIKey) {
			out[k] = "REDACTED"
			continue
		}
		out[k] = strings.Join(v, ", ")
	}
	return out
}

// redact removes the key from a text that may echo it (server messages,
// transport errors): the key never leaves the client.
func (c *Client) redact(s string) string {
	if c.apiKey == "" {
		return s
	}
	return strings.ReplaceAll(s, c.apiKey, "REDACTED")
}

type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
func (nopLogger) Warn(context.Context, string, map[string]any)  {}

// insecureTLS reports whether a TLS config disables verification.
func insecureTLS(cfg *tls.Config) bool { return cfg != nil && cfg.InsecureSkipVerify }
