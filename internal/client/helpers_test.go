package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

const testKey = "udata_s3cr3t-key-never-shown"

// seen is one request as the test server received it.
type seen struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

// recorder is an httptest server that records requests and answers with
// the handler the test gives.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

func newRecorder(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int)) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, seen{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), body})
		n := len(rec.reqs)
		rec.mu.Unlock()
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		h(w, r, n)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (rec *recorder) requests() []seen {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]seen(nil), rec.reqs...)
}

func (rec *recorder) count() int { return len(rec.requests()) }

// logEntry is one line given to the Logger.
type logEntry struct {
	Level, Msg string
	Fields     map[string]any
}

type memLogger struct {
	mu      sync.Mutex
	entries []logEntry
}

func (l *memLogger) add(level, msg string, f map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, logEntry{level, msg, f})
}
func (l *memLogger) Debug(_ context.Context, msg string, f map[string]any) { l.add("debug", msg, f) }
func (l *memLogger) Warn(_ context.Context, msg string, f map[string]any)  { l.add("warn", msg, f) }

func (l *memLogger) all() []logEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]logEntry(nil), l.entries...)
}

func (l *memLogger) text() string {
	var b strings.Builder
	for _, e := range l.all() {
		fmt.Fprintf(&b, "%s %s %v\n", e.Level, e.Msg, e.Fields)
	}
	return b.String()
}

// newClient makes a client for srv with tiny waits.
func newClient(t *testing.T, baseURL string, mod ...func(*client.Config)) (*client.Client, *memLogger) {
	t.Helper()
	log := &memLogger{}
	cfg := client.Config{
		BaseURL:      baseURL,
		APIKey:       testKey,
		UserAgent:    "tf-test/1.0",
		MaxRetries:   3,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
		Logger:       log,
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, log
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func ptr[T any](v T) *T { return &v }

// startEmulator serves a new emulator with cfg over HTTP for the test's
// duration.
func startEmulator(t *testing.T, cfg emulator.Config) (*emulator.Server, *httptest.Server) {
	t.Helper()
	emu, err := emulator.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = emu.Close()
		if t.Failed() && cfg.Seed == 0 {
			t.Logf("emulator fault seed %d (emulator.Config.Seed replays its draws)", emu.Seed())
		}
	})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return emu, srv
}
