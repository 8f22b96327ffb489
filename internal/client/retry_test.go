package client_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// failThen answers status (with an optional Retry-After) to the first
// `fails` requests, then ok.
func failThen(fails, status int, retryAfter string) func(w http.ResponseWriter, r *http.Request, n int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= fails {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			writeJSON(w, status, `{"message":"try later"}`)
			return
		}
		code := 200
		if r.Method == "POST" {
			code = 201
		}
		writeJSON(w, code, `{"id":"d1"}`)
	}
}

type op struct {
	name string
	call func(c *client.Client) error
}

var (
	opGet = op{"GET", func(c *client.Client) error { _, err := c.Datasets.Get(context.Background(), "d1"); return err }}
	opPut = op{"PUT", func(c *client.Client) error {
		_, err := c.Datasets.Update(context.Background(), "d1", &client.DatasetInput{Title: "t"})
		return err
	}}
	opDelete = op{"DELETE", func(c *client.Client) error { return c.Datasets.Delete(context.Background(), "d1") }}
	opPost   = op{"POST", func(c *client.Client) error {
		_, err := c.Datasets.Create(context.Background(), &client.DatasetInput{Title: "t"})
		return err
	}}
)

func TestRetries(t *testing.T) {
	tests := []struct {
		op           op
		status       int
		fails        int
		wantAttempts int
		wantErr      error // nil → success
		notIs        error
	}{
		{opGet, 502, 1, 2, nil, nil},
		{opGet, 503, 2, 3, nil, nil},
		{opGet, 504, 1, 2, nil, nil},
		{opGet, 429, 1, 2, nil, nil},
		{opPut, 503, 1, 2, nil, nil},
		{opDelete, 504, 1, 2, nil, nil},
		// Bounded: MaxRetries 3 → 4 attempts, then the last answer.
		{opGet, 503, 99, 4, errors.New("503"), client.ErrUncertain},
		{opGet, 429, 99, 4, client.ErrRateLimited, client.ErrUncertain},
		// Not retried: definite answers.
		{opGet, 500, 99, 1, errors.New("500"), client.ErrUncertain},
		{opGet, 404, 99, 1, client.ErrNotFound, client.ErrUncertain},
		{opPut, 400, 99, 1, client.ErrValidation, client.ErrUncertain},
		// POST: the proxy's 429 means not processed → retried.
		{opPost, 429, 1, 2, nil, nil},
		// POST: 5xx may come after udata created the object → uncertain.
		{opPost, 502, 99, 1, client.ErrUncertain, nil},
		{opPost, 503, 99, 1, client.ErrUncertain, nil},
		{opPost, 504, 99, 1, client.ErrUncertain, nil},
		{opPost, 500, 99, 1, client.ErrUncertain, nil},
		{opPost, 400, 99, 1, client.ErrValidation, client.ErrUncertain},
		// 423: retried a few times (min(MaxRetries, 3)), then a clear error.
		{opPut, 423, 1, 2, nil, nil},
		{opPost, 423, 1, 2, nil, nil},
		{opPut, 423, 99, 4, client.ErrReadOnly, client.ErrUncertain},
	}
	for _, tt := range tests {
		t.Run(tt.op.name+" "+http.StatusText(tt.status), func(t *testing.T) {
			rec := newRecorder(t, failThen(tt.fails, tt.status, ""))
			c, log := newClient(t, rec.URL)
			err := tt.op.call(c)
			if got := rec.count(); got != tt.wantAttempts {
				t.Errorf("%d attempts, want %d", got, tt.wantAttempts)
			}
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("err = %v, want success", err)
			case tt.wantErr != nil && err == nil:
				t.Fatalf("no error, want %v", tt.wantErr)
			case tt.wantErr != nil && isSentinel(tt.wantErr) && !errors.Is(err, tt.wantErr):
				t.Errorf("err = %v, want errors.Is %v", err, tt.wantErr)
			case tt.wantErr != nil && !isSentinel(tt.wantErr) && !strings.Contains(err.Error(), tt.wantErr.Error()):
				t.Errorf("err = %v, want it to mention %v", err, tt.wantErr)
			}
			if tt.notIs != nil && errors.Is(err, tt.notIs) {
				t.Errorf("errors.Is(err, %v) is true: %v", tt.notIs, err)
			}
			if errors.Is(err, client.ErrUncertain) {
				if !strings.Contains(err.Error(), "may or may not") {
					t.Errorf("uncertain error does not say so: %v", err)
				}
				var apiErr *client.APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
					t.Errorf("uncertain error does not carry the answer: %#v", err)
				}
			}
			if tt.status == 423 && err != nil && !strings.Contains(err.Error(), "read-only maintenance") {
				t.Errorf("423 error does not name the maintenance: %v", err)
			}
			var warns int
			for _, e := range log.all() {
				if e.Level != "warn" {
					continue
				}
				warns++
				for _, k := range []string{"method", "path", "attempt", "wait", "reason"} {
					if _, ok := e.Fields[k]; !ok {
						t.Errorf("retry log lacks %q: %v", k, e.Fields)
					}
				}
			}
			if warns != tt.wantAttempts-1 {
				t.Errorf("%d retry warnings, want %d", warns, tt.wantAttempts-1)
			}
		})
	}
}

func isSentinel(err error) bool {
	for _, s := range sentinels {
		if err == s {
			return true
		}
	}
	return false
}

func TestRetryAfterHonored(t *testing.T) {
	rec := newRecorder(t, failThen(1, 503, "1"))
	c, log := newClient(t, rec.URL, func(cfg *client.Config) { cfg.RetryWaitMax = 10 * time.Second })
	start := time.Now()
	if err := opGet.call(c); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("retried after %v, want ≥ 1s (Retry-After: 1)", d)
	}
	if !strings.Contains(log.text(), "wait:1s") {
		t.Errorf("retry log does not show the wait:\n%s", log.text())
	}
}

func TestRetryWaitRespectsContext(t *testing.T) {
	rec := newRecorder(t, failThen(99, 503, "60"))
	c, _ := newClient(t, rec.URL, func(cfg *client.Config) { cfg.RetryWaitMax = time.Minute })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Datasets.Get(ctx, "d1")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("returned after %v: the wait ignored the context", d)
	}
	if rec.count() != 1 {
		t.Errorf("%d attempts, want 1", rec.count())
	}
}

// closedPort returns an address on which nothing listens.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// flakyDialer makes the first `fails` dials go to a closed port (a real
// "connection refused"), then dials the requested address.
func flakyDialer(t *testing.T, fails int32) (*http.Client, *atomic.Int32) {
	dead := closedPort(t)
	var n atomic.Int32
	var d net.Dialer
	tr := &http.Transport{
		DisableKeepAlives: true,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if n.Add(1) <= fails {
				return d.DialContext(ctx, network, dead)
			}
			return d.DialContext(ctx, network, addr)
		},
	}
	return &http.Client{Transport: tr}, &n
}

func TestPostRetriedWhenDialFailed(t *testing.T) {
	rec := newRecorder(t, failThen(0, 0, ""))
	hc, dials := flakyDialer(t, 2)
	c, log := newClient(t, rec.URL, func(cfg *client.Config) { cfg.HTTPClient = hc })
	if err := opPost.call(c); err != nil {
		t.Fatalf("POST after 2 refused dials: %v", err)
	}
	if dials.Load() != 3 || rec.count() != 1 {
		t.Errorf("%d dials, %d requests; want 3 and 1", dials.Load(), rec.count())
	}
	if !strings.Contains(log.text(), "connection failure") {
		t.Errorf("no retry log with the reason:\n%s", log.text())
	}
}

func TestDialFailuresAreBounded(t *testing.T) {
	hc, dials := flakyDialer(t, 99)
	c, _ := newClient(t, "http://127.0.0.1:1", func(cfg *client.Config) { cfg.HTTPClient = hc })
	err := opPost.call(c)
	if err == nil || errors.Is(err, client.ErrUncertain) {
		t.Fatalf("err = %v, want a plain connection error (the POST never left)", err)
	}
	if dials.Load() != 4 {
		t.Errorf("%d dials, want 4 (MaxRetries 3)", dials.Load())
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("key in error: %v", err)
	}
}

// hangUp reads the request then drops the connection without answering:
// the request reached the server, its answer was lost.
func hangUp(t *testing.T, drops int32) (*recorder, *atomic.Int32) {
	var n atomic.Int32
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if n.Add(1) <= drops {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			conn.Close()
			return
		}
		failThen(0, 0, "")(w, r, 99)
	})
	return rec, &n
}

func TestLostAnswers(t *testing.T) {
	tests := []struct {
		op        op
		attempts  int
		uncertain bool
	}{
		{opGet, 2, false},
		{opPut, 2, false},
		{opDelete, 2, false},
		{opPost, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.op.name, func(t *testing.T) {
			rec, _ := hangUp(t, 1)
			c, _ := newClient(t, rec.URL, func(cfg *client.Config) {
				// No keep-alive: the transport must not replay on its own.
				cfg.HTTPClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			})
			err := tt.op.call(c)
			if rec.count() != tt.attempts {
				t.Errorf("%d attempts, want %d", rec.count(), tt.attempts)
			}
			if got := errors.Is(err, client.ErrUncertain); got != tt.uncertain {
				t.Errorf("errors.Is(err, ErrUncertain) = %v, want %v (err %v)", got, tt.uncertain, err)
			}
			if tt.uncertain && !strings.Contains(err.Error(), "create may or may not have happened") {
				t.Errorf("uncertain error message = %q", err)
			}
			if !tt.uncertain && err != nil {
				t.Errorf("err = %v, want success after a retry", err)
			}
		})
	}
}
