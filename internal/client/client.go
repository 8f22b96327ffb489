package client

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Config configures a Client.
type Config struct {
	BaseURL      string        // site root, e.g. https://www.data.gouv.fr (a trailing /api/1 is accepted); http only for loopback hosts
	APIKey       string        // sent as X-API-KEY, only to BaseURL's host
	UserAgent    string        // full User-Agent value
	HTTPClient   *http.Client  // optional; its Transport is wrapped
	MaxRetries   int           // 0 → default 5; <0 → none
	RetryWaitMin time.Duration // backoff lower bound (default 500ms)
	RetryWaitMax time.Duration // backoff upper bound (default 30s); also caps Retry-After
	// ChunkThreshold: files larger than this use udata's chunked upload (default 64 MiB).
	ChunkThreshold int64
	// ChunkSize is the size of each chunk (default 8 MiB).
	ChunkSize int64
	Logger    Logger // optional; debug logs of each request with X-API-KEY redacted
}

// Logger receives the client's logs. The provider plugs terraform-plugin-log in.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// Client talks to a udata instance.
type Client struct {
	Datasets  *DatasetsService
	Resources *ResourcesService
	Reference *ReferenceService
}

type service struct{ c *Client }

// DatasetsService covers /api/1/datasets/.
type DatasetsService service

// ResourcesService covers the resources of datasets, and file uploads.
type ResourcesService service

// ReferenceService covers reference lists, the caller and organizations.
type ReferenceService service

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) { return nil, errors.New("not implemented") }

// BaseURL is the normalized site root, without /api/1.
func (c *Client) BaseURL() string { return "" }
