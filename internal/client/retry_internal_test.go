package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// TestWaits checks the waits between attempts without sleeping.
func TestWaits(t *testing.T) {
	date := time.Now().Add(20 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name       string
		retryAfter string
		min, max   time.Duration
		check      func(t *testing.T, waits []time.Duration)
	}{
		{
			name: "seconds", retryAfter: "3", min: time.Millisecond, max: time.Minute,
			check: func(t *testing.T, waits []time.Duration) {
				for _, w := range waits {
					if w != 3*time.Second {
						t.Errorf("wait %v, want 3s", w)
					}
				}
			},
		},
		{
			name: "http date", retryAfter: date, min: time.Millisecond, max: time.Minute,
			check: func(t *testing.T, waits []time.Duration) {
				for _, w := range waits {
					if w < 15*time.Second || w > 21*time.Second {
						t.Errorf("wait %v, want about 20s", w)
					}
				}
			},
		},
		{
			name: "capped by RetryWaitMax", retryAfter: "3600", min: time.Millisecond, max: 2 * time.Second,
			check: func(t *testing.T, waits []time.Duration) {
				for _, w := range waits {
					if w != 2*time.Second {
						t.Errorf("wait %v, want 2s", w)
					}
				}
			},
		},
		{
			name: "exponential full jitter", min: 100 * time.Millisecond, max: 350 * time.Millisecond,
			check: func(t *testing.T, waits []time.Duration) {
				ceil := []time.Duration{100, 200, 350, 350, 350}
				for i, w := range waits {
					if w < 0 || w > ceil[i]*time.Millisecond {
						t.Errorf("wait %d = %v, want within [0, %v]", i, w, ceil[i]*time.Millisecond)
					}
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(http.StatusServiceUnavailable)
			}))
			defer srv.Close()
			c, err := New(Config{BaseURL: srv.URL, RetryWaitMin: tt.min, RetryWaitMax: tt.max})
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var waits []time.Duration
			c.sleep = func(_ context.Context, d time.Duration) error {
				mu.Lock()
				waits = append(waits, d)
				mu.Unlock()
				return nil
			}
			if _, err := c.Datasets.Get(context.Background(), "x"); err == nil {
				t.Fatal("no error")
			}
			if len(waits) != defaultMaxRetries {
				t.Fatalf("%d waits, want %d", len(waits), defaultMaxRetries)
			}
			tt.check(t, waits)
		})
	}
}

func TestBackoffJitterSpreads(t *testing.T) {
	c := &Client{waitMin: time.Second, waitMax: time.Minute}
	seen := map[time.Duration]bool{}
	for range 50 {
		w := c.backoff(4)
		if w < 0 || w > 8*time.Second {
			t.Fatalf("backoff(4) = %v, want within [0, 8s]", w)
		}
		seen[w] = true
	}
	if len(seen) < 10 {
		t.Errorf("backoff(4) gave only %d distinct values in 50 draws: no jitter?", len(seen))
	}
}
