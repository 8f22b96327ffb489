package client_test

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// streamingUploads is a udata-like chunked upload endpoint that keeps only
// the sha1 and size of each part (streamed, never buffered), and records
// how many parts were in flight at once. Its final call has no checksum:
// it serves the tests of the client's concurrency and memory, not of the
// server's check.
type streamingUploads struct {
	mu          sync.Mutex
	digests     map[string]map[int]string // uuid → part index → sha1
	sizes       map[string]map[int]int64
	inFlight    int
	maxInFlight int
	finals      int
	delay       time.Duration
}

func newStreamingUploads(t *testing.T, delay time.Duration) (*streamingUploads, *httptest.Server) {
	s := &streamingUploads{digests: map[string]map[int]string{}, sizes: map[string]map[int]int64{}, delay: delay}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

func (s *streamingUploads) finalCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.finals
}

func (s *streamingUploads) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	mr := multipart.NewReader(r.Body, params["boundary"])
	fields := map[string]string{}
	var h hash.Hash
	var n int64
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		if p.FormName() == "file" {
			h = sha1.New()
			n, _ = io.Copy(h, p)
			continue
		}
		b, _ := io.ReadAll(p)
		fields[p.FormName()] = string(b)
	}
	if h != nil {
		s.mu.Lock()
		s.inFlight++
		s.maxInFlight = max(s.maxInFlight, s.inFlight)
		s.mu.Unlock()
		time.Sleep(s.delay)
		idx, _ := strconv.Atoi(fields["partindex"])
		s.mu.Lock()
		s.inFlight--
		if s.digests[fields["uuid"]] == nil {
			s.digests[fields["uuid"]], s.sizes[fields["uuid"]] = map[int]string{}, map[int]int64{}
		}
		s.digests[fields["uuid"]][idx] = hex.EncodeToString(h.Sum(nil))
		s.sizes[fields["uuid"]][idx] = n
		s.mu.Unlock()
		writeJSON(w, 200, `{"success":true,"error":null}`)
		return
	}
	s.mu.Lock()
	s.finals++
	total, _ := strconv.Atoi(fields["totalparts"])
	var size int64
	for i := range total {
		size += s.sizes[fields["uuid"]][i]
	}
	got := len(s.digests[fields["uuid"]])
	s.mu.Unlock()
	if got != total {
		writeJSON(w, 500, `{"message":"Internal Server Error"}`)
		return
	}
	writeJSON(w, 201, fmt.Sprintf(`{"id":"r1","filetype":"file","filesize":%d}`, size))
}

// TestChunkedUploadConcurrency: parts go UploadConcurrency at a time
// (4 by default), and the result's sha1 is the whole file's.
func TestChunkedUploadConcurrency(t *testing.T) {
	tests := []struct {
		name        string
		concurrency int
		parts       int
		want        int
	}{
		{"default", 0, 9, 4},
		{"one at a time", 1, 5, 1},
		{"two", 2, 6, 2},
		{"more workers than parts", 8, 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, srv := newStreamingUploads(t, 50*time.Millisecond)
			c, _ := newClient(t, srv.URL, func(cfg *client.Config) {
				cfg.ChunkThreshold, cfg.ChunkSize, cfg.UploadConcurrency = 10, 10, tt.concurrency
			})
			file := &patternFile{size: int64(tt.parts*10 - 3)}
			want := file.bytes()
			res, err := c.Resources.Upload(context.Background(), "d1", client.UploadFile{Name: "p.csv", Content: file, Size: file.size})
			if err != nil {
				t.Fatal(err)
			}
			if res.SHA1 != sha1hex(want) || res.Size != file.size {
				t.Errorf("result sha1 %s size %d, want %s %d", res.SHA1, res.Size, sha1hex(want), file.size)
			}
			if fake.maxInFlight != tt.want {
				t.Errorf("%d parts in flight at most, want %d", fake.maxInFlight, tt.want)
			}
			var uuid string
			for id := range fake.digests {
				uuid = id
			}
			for i := range tt.parts {
				off := i * 10
				if got, w := fake.digests[uuid][i], sha1hex(want[off:min(off+10, len(want))]); got != w {
					t.Errorf("part %d: server got sha1 %s, want %s", i, got, w)
				}
			}
		})
	}
}

// TestChunkedUploadVerifiedBeforeAssembly: Verify gets the sha1 of the
// bytes sent once every part is stored and before the final call; its
// error stops the upload there, so the portal serves nothing.
func TestChunkedUploadVerifiedBeforeAssembly(t *testing.T) {
	file := &patternFile{size: 35}
	for _, refuse := range []bool{false, true} {
		t.Run(fmt.Sprintf("refuse=%v", refuse), func(t *testing.T) {
			fake, srv := newStreamingUploads(t, 0)
			c, _ := newClient(t, srv.URL, func(cfg *client.Config) { cfg.ChunkThreshold, cfg.ChunkSize = 10, 10 })
			var got string
			finalsAtVerify := -1
			refusal := errors.New("the file changed on disk")
			verify := func(sum string) error {
				got, finalsAtVerify = sum, fake.finalCount()
				if refuse {
					return refusal
				}
				return nil
			}
			res, err := c.Resources.Upload(context.Background(), "d1", client.UploadFile{Name: "c.csv", Content: file, Size: file.size, Verify: verify})
			if got != sha1hex(file.bytes()) || finalsAtVerify != 0 {
				t.Errorf("Verify got %q with %d final calls made, want %s before any", got, finalsAtVerify, sha1hex(file.bytes()))
			}
			if !refuse {
				if err != nil || res.SHA1 != got || fake.finalCount() != 1 {
					t.Fatalf("res %+v, err %v, %d final calls", res, err, fake.finalCount())
				}
				return
			}
			if !errors.Is(err, refusal) || res != nil {
				t.Fatalf("res %+v, err %v: want Verify's error", res, err)
			}
			if n := fake.finalCount(); n != 0 {
				t.Errorf("%d final calls after Verify refused, want none", n)
			}
		})
	}
}

// TestChunkedUploadMemory: a 128 MiB file in parts at the defaults
// (20,000,000 bytes, 4 at a time) is read once, and costs the client the
// buffers of the parts in flight and the one being read, never the file.
func TestChunkedUploadMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("uploads 128 MiB")
	}
	_, srv := newStreamingUploads(t, 0)
	c, _ := newClient(t, srv.URL)
	file := &patternFile{size: 128 << 20}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res, err := c.Resources.Upload(context.Background(), "d1", client.UploadFile{Name: "m.csv", Content: file, Size: file.size})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if res.Size != file.size || len(res.SHA1) != 40 {
		t.Errorf("result %+v", res)
	}
	if file.read != file.size {
		t.Errorf("%d bytes read to upload %d: the file is read once", file.read, file.size)
	}
	// Client and fake server together: the 5 buffers, and a few MiB of
	// request and multipart buffers (the file is 128 MiB).
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d KiB allocated to upload 128 MiB", alloc>>10)
	if limit := uint64(5*client.DefaultUploadPartSize + 8<<20); alloc > limit {
		t.Errorf("%d KiB allocated to upload 128 MiB, want at most %d", alloc>>10, limit>>10)
	}
}
