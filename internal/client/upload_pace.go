package client

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// udata stores an uploaded file at {dataset slug}/{YYYYMMDD-HHMMSS}/
// {normalized file name} (core/dataset/api.py, UploadMixin.handle_upload),
// the time being udata's clock when the call starts, and flask-storage
// refuses to write over a file: Storage.save raises FileExists, which no
// error handler catches, so the call answers a bare 500 ({"message":
// "Internal Server Error"}). Two uploads of one name into one dataset
// within the same second therefore fail: a create then a replace of one
// resource, or two resources whose files share a base name (2023/data.csv
// and 2024/data.csv both send data.csv).
//
// The pacer keeps this client's uploads out of that trap. The calls that
// write into the resources storage (a plain upload, the final call of a
// chunked one) of one dataset, with names udata may normalize alike, never
// overlap, and each starts sameSecondPace or more after the previous one
// was answered. That answer left udata after it took its time, so once that
// much time has passed on the local monotonic clock, udata's clock has left
// that second too, whatever the offset between the two clocks. The Date
// header is not used: a proxy with its own clock may set it, and with its
// one-second resolution it could only save part of that second.

// sameSecondPace is one second and a margin for clocks that tick at
// slightly different rates.
const sameSecondPace = time.Second + 20*time.Millisecond

// uploadPacer is the state of the pacing; its zero value is ready.
type uploadPacer struct {
	mu   sync.Mutex
	busy map[paceKey]bool      // calls in flight
	done map[paceKey]time.Time // when recent calls were answered
	wake chan struct{}         // closed when a call ends
}

type paceKey struct{ dataset, name string }

// paceName is a key that two names share whenever udata normalizes them
// alike (core/storages/utils.py normalize, awesome-slugify: lower case,
// every run of characters other than letters, digits and "." made one "-"
// or dropped): their lower-cased ASCII letters, digits and dots. A name
// with other characters goes through unidecode there, which is not
// reproduced: its key is "", which every name shares.
func paceName(name string) string {
	b := make([]byte, 0, len(name))
	for i := 0; i < len(name); i++ {
		ch := name[i]
		switch {
		case ch >= 0x80:
			return ""
		case ch >= 'A' && ch <= 'Z':
			b = append(b, ch+'a'-'A')
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9', ch == '.':
			b = append(b, ch)
		}
	}
	return string(b)
}

func (k paceKey) conflicts(o paceKey) bool {
	return k.dataset == o.dataset && (k.name == "" || o.name == "" || k.name == o.name)
}

// acquire waits until a storage-writing upload of name into the dataset
// may start, and returns the function to call once it is answered (or has
// failed), and how long it waited.
func (p *uploadPacer) acquire(ctx context.Context, dataset, name string) (func(), time.Duration, error) {
	key := paceKey{dataset, paceName(name)}
	start := time.Now()
	for {
		p.mu.Lock()
		if p.busy == nil {
			p.busy, p.done, p.wake = map[paceKey]bool{}, map[paceKey]time.Time{}, make(chan struct{})
		}
		now := time.Now()
		busy, ready := false, now
		for k := range p.busy {
			busy = busy || k.conflicts(key)
		}
		for k, t := range p.done {
			switch until := t.Add(sameSecondPace); {
			case !until.After(now):
				delete(p.done, k)
			case k.conflicts(key) && until.After(ready):
				ready = until
			}
		}
		if !busy && !ready.After(now) {
			p.busy[key] = true
			p.mu.Unlock()
			return func() { p.release(key) }, now.Sub(start), nil
		}
		wake := p.wake
		p.mu.Unlock()
		if err := waitFor(ctx, wake, ready.Sub(now)); err != nil {
			return nil, 0, err
		}
	}
}

func (p *uploadPacer) release(key paceKey) {
	p.mu.Lock()
	delete(p.busy, key)
	p.done[key] = time.Now()
	close(p.wake)
	p.wake = make(chan struct{})
	p.mu.Unlock()
}

// waitFor returns when wake is closed, after d if d > 0, or when ctx ends.
func waitFor(ctx context.Context, wake <-chan struct{}, d time.Duration) error {
	var timeout <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-wake:
	case <-timeout:
	}
	return nil
}

// paceUpload is acquire, logged when it had to wait.
func (c *Client) paceUpload(ctx context.Context, t uploadTarget, name string) (func(), error) {
	release, waited, err := c.pacer.acquire(ctx, t.datasetID, name)
	if err != nil {
		return nil, fmt.Errorf("POST %s: %w", t.path, err)
	}
	if waited > 0 {
		c.log.Debug(ctx, "datagouv upload waited for udata's next second", map[string]any{
			"path":    t.path,
			"file":    name,
			"wait_ms": waited.Milliseconds(),
			"reason":  "udata stores a file at {dataset}/{second}/{name} and refuses to overwrite: an upload of the same name into this dataset was answered less than a second ago, or is in flight",
		})
	}
	return release, nil
}

// sameSecondRetry waits before a call answered 500 is sent again: if the
// 500 was udata's FileExists (another upload took this second's path), the
// next attempt lands in a later second.
func (c *Client) sameSecondRetry(ctx context.Context, path string, attempt int, cause error) error {
	c.log.Warn(ctx, "datagouv API request will be retried", map[string]any{
		"path":    path,
		"attempt": attempt,
		"wait_ms": sameSecondPace.Milliseconds(),
		"wait":    sameSecondPace.String(),
		"reason":  c.redact("status 500, which udata answers when another upload took this file's path within the same second: " + cause.Error()),
	})
	if err := c.sleep(ctx, sameSecondPace); err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	return nil
}
