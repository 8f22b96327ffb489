package client_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// TestUploadSameNameWithinASecond: udata stores a file at {dataset slug}/
// {YYYYMMDD-HHMMSS}/{normalized name} and refuses to overwrite (a bare 500).
// Two uploads of one name into one dataset right after each other (a
// create then a replace of the same resource, or two resources whose
// files share a base name) must both succeed.
func TestUploadSameNameWithinASecond(t *testing.T) {
	type op struct {
		path string // local path: only its base name is sent
		data string
	}
	tests := []struct {
		name    string
		chunked bool
		replace bool // the second op replaces the first one's file
		ops     []op
		// together runs the ops at the same time, not one after the other.
		together bool
	}{
		{name: "create then replace", replace: true, ops: []op{{"data.csv", "v1\n"}, {"data.csv", "v2\n"}}},
		{name: "create then replace, chunked", chunked: true, replace: true, ops: []op{{"data.csv", strings.Repeat("1", 40)}, {"data.csv", strings.Repeat("2", 40)}}},
		{name: "two resources, same base name", ops: []op{{"2023/data.csv", "y2023\n"}, {"2024/data.csv", "y2024\n"}}},
		{name: "two resources, names normalized alike", ops: []op{{"Data File.CSV", "a\n"}, {"data-file.csv", "b\n"}}},
		{name: "two resources, same base name, chunked", chunked: true, ops: []op{{"2023/big.csv", strings.Repeat("3", 40)}, {"2024/big.csv", strings.Repeat("4", 40)}}},
		{name: "two resources, same base name, at the same time", together: true, ops: []op{{"a/same.csv", "first\n"}, {"b/same.csv", "second\n"}, {"c/same.csv", "third\n"}}},
	}
	forEachPortal(t, func(t *testing.T, p *portal) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ds := p.dataset(t)
				c, log := p.client(t, p.baseURL, func(cfg *client.Config) {
					if tt.chunked {
						cfg.ChunkThreshold, cfg.ChunkSize = 16, 16
					}
				})
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				defer cancel()
				results := make([]*client.UploadResult, len(tt.ops))
				errs := make([]error, len(tt.ops))
				run := func(i int) {
					o := tt.ops[i]
					f := client.UploadFile{Name: o.path, Content: strings.NewReader(o.data), Size: int64(len(o.data))}
					if tt.replace && i > 0 {
						if results[0] == nil {
							errs[i] = errors.New("no resource to replace")
							return
						}
						results[i], errs[i] = c.Resources.Replace(ctx, ds, results[0].Resource.ID, f)
					} else {
						results[i], errs[i] = c.Resources.Upload(ctx, ds, f)
					}
				}
				p.startSecond()
				start := time.Now()
				if tt.together {
					var wg sync.WaitGroup
					for i := range tt.ops {
						wg.Add(1)
						go func() { defer wg.Done(); run(i) }()
					}
					wg.Wait()
				} else {
					for i := range tt.ops {
						run(i)
					}
				}
				for i, err := range errs {
					if err != nil {
						t.Fatalf("upload %d (%s) after %s: %v\nlog:\n%s", i+1, tt.ops[i].path, time.Since(start), err, log.text())
					}
				}
				want := map[string]string{} // sha1 → content the dataset must hold
				for _, o := range tt.ops {
					want[sha1hex([]byte(o.data))] = o.data
				}
				if tt.replace {
					last := tt.ops[len(tt.ops)-1].data
					want = map[string]string{sha1hex([]byte(last)): last}
				}
				rs := p.resources(t, ds)
				if len(rs) != len(want) {
					t.Fatalf("dataset holds %d resources, want %d", len(rs), len(want))
				}
				for _, r := range rs {
					if r.Checksum == nil || want[r.Checksum.Value] == "" {
						t.Errorf("unexpected resource %+v", r)
						continue
					}
					if got := served(t, r.URL); string(got) != want[r.Checksum.Value] {
						t.Errorf("resource %s serves %q", r.ID, got)
					}
				}
			})
		}
	})
}

// TestUploadPacing: the storage-writing calls that udata could put at the
// same path (same dataset, names normalized alike) start a second or more
// after the previous one was answered, and never overlap; other uploads
// do not wait.
func TestUploadPacing(t *testing.T) {
	tests := []struct {
		name     string
		datasets []string
		files    []string
		// serverClock is how far the server's clock (its Date header) is
		// from the local one: the pacing relies on neither.
		serverClock time.Duration
		wantWait    bool
	}{
		{"same dataset, same name", []string{"d1", "d1"}, []string{"x/data.csv", "y/data.csv"}, 0, true},
		{"same dataset, names normalized alike", []string{"d1", "d1"}, []string{"Data File.csv", "data_file.CSV"}, 0, true},
		{"same dataset, a name with non-ASCII letters", []string{"d1", "d1"}, []string{"données.csv", "other.csv"}, 0, true},
		{"same dataset, other names", []string{"d1", "d1"}, []string{"a.csv", "b.csv"}, 0, false},
		{"other datasets, same name", []string{"d1", "d2"}, []string{"data.csv", "data.csv"}, 0, false},
		{"server clock an hour ahead", []string{"d1", "d1"}, []string{"data.csv", "data.csv"}, time.Hour, true},
		{"server clock 1.5 s behind", []string{"d1", "d1"}, []string{"data.csv", "data.csv"}, -1500 * time.Millisecond, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				mu    sync.Mutex
				spans [][2]time.Time
			)
			srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				begin := time.Now()
				time.Sleep(20 * time.Millisecond)
				w.Header().Set("Date", time.Now().Add(tt.serverClock).UTC().Format(http.TimeFormat))
				writeJSON(w, 201, `{"id":"r1","filetype":"file"}`)
				mu.Lock()
				spans = append(spans, [2]time.Time{begin, time.Now()})
				mu.Unlock()
			})
			c, _ := newClient(t, srv.URL)
			for i := range tt.files {
				if _, err := c.Resources.Upload(context.Background(), tt.datasets[i], client.UploadFile{Name: tt.files[i], Content: strings.NewReader("x"), Size: 1}); err != nil {
					t.Fatal(err)
				}
			}
			sort.Slice(spans, func(i, j int) bool { return spans[i][0].Before(spans[j][0]) })
			gap := spans[1][0].Sub(spans[0][1])
			if waited := gap >= time.Second; waited != tt.wantWait {
				t.Errorf("second upload started %s after the first was answered; want a wait of a second: %v", gap, tt.wantWait)
			}
		})
	}
}

// TestUploadPacingTogether: same-name uploads started together are sent one
// after the other, a second apart.
func TestUploadPacingTogether(t *testing.T) {
	var (
		mu       sync.Mutex
		inFlight int
		overlap  bool
		starts   []time.Time
	)
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		mu.Lock()
		inFlight++
		overlap = overlap || inFlight > 1
		starts = append(starts, time.Now())
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
		writeJSON(w, 201, `{"id":"r1","filetype":"file"}`)
	})
	c, _ := newClient(t, srv.URL)
	var wg sync.WaitGroup
	for _, name := range []string{"a/data.csv", "b/data.csv", "c/DATA.csv"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Resources.Upload(context.Background(), "d1", client.UploadFile{Name: name, Content: bytes.NewReader([]byte("x")), Size: 1}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if overlap {
		t.Error("uploads of one name into one dataset overlapped")
	}
	if len(starts) != 3 || starts[2].Sub(starts[0]) < 2*time.Second {
		t.Errorf("starts %v, want three a second apart", starts)
	}
}
