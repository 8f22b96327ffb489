// Package emulator is a local, in-memory imitation of data.gouv.fr's API
// (udata 17.6) covering everything the provider touches: datasets,
// resources, uploads, reference lists, users and organizations. It exists so
// that the provider can be tested hermetically, and it reproduces udata's
// behaviour, quirks included, so a provider correct against it is correct
// against the real site. DESIGN.md (repository root) says how it is laid
// out, how to add an endpoint, and where the udata notes it follows live.
package emulator

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Config sets up an emulator.
type Config struct {
	APIKey    string        // main user's key; "" → AliceKey
	Latency   time.Duration // added to every API request
	FailRate  float64       // share of API requests answered with a transient failure (statuses 429/502/503/504)
	MaxUpload int64         // largest single (non-chunked) upload body; 0 → unlimited; larger → 413
	DataDir   string        // where files are stored; "" → a temp dir (removed by Close)
	Clock     Clock         // the emulator's time; nil → the real time (clock.go)
	Seed      int64         // seed of the fault draws; 0 → drawn from the time (Server.Seed tells it)
}

// Faults describes the transient failures injected in front of the API, as
// the infrastructure in front of data.gouv.fr produces them.
type Faults struct {
	Rate                float64 `json:"rate"`
	Statuses            []int   `json:"statuses"`
	Drop                bool    `json:"drop"`
	DropAfterProcessing bool    `json:"drop_after_processing"`
	LatencyMs           int     `json:"latency_ms"`
}

// RequestLog is one request the emulator answered. Status is 0 when the
// connection was dropped before the request was processed; when it was
// dropped after processing, Status is what would have been answered.
type RequestLog struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Status int    `json:"status"`
}

var defaultFaultStatuses = []int{429, 502, 503, 504}

const maxLoggedRequests = 100000

// Server is the emulator; it is an http.Handler.
type Server struct {
	cfg     Config
	mainKey string
	dataDir string
	ownDir  bool

	mu sync.RWMutex // guards st
	st *state

	ctlMu    sync.Mutex // guards faults, latency, readOnly, log
	faults   Faults
	latency  time.Duration
	readOnly bool
	log      []RequestLog

	chunkSums sync.Map // chunked upload uuid → *chunkSum (chunk_sums.go)

	clock  *clock  // the time of the store and of uploads' paths (clock.go)
	chance *chance // the fault draws (clock.go)
}

// New makes an emulator loaded with the fixtures.
func New(cfg Config) (*Server, error) {
	if cfg.FailRate < 0 || cfg.FailRate > 1 {
		return nil, fmt.Errorf("emulator: fail rate %v is not within [0, 1]", cfg.FailRate)
	}
	if cfg.MaxUpload < 0 {
		return nil, fmt.Errorf("emulator: negative max upload %d", cfg.MaxUpload)
	}
	s := &Server{cfg: cfg, mainKey: cfg.APIKey, clock: newClock(cfg.Clock), chance: newChance(cfg.Seed)}
	if s.mainKey == "" {
		s.mainKey = AliceKey
	}
	if s.mainKey == BobKey || s.mainKey == AdminKey {
		return nil, fmt.Errorf("emulator: the main user's key cannot be %q", s.mainKey)
	}
	if cfg.DataDir == "" {
		dir, err := os.MkdirTemp("", "datagouv-emulator-")
		if err != nil {
			return nil, fmt.Errorf("emulator: %w", err)
		}
		s.dataDir, s.ownDir = dir, true
	} else {
		s.dataDir = cfg.DataDir
	}
	for _, sub := range []string{"resources", "chunks", "tmp"} {
		if err := os.MkdirAll(filepath.Join(s.dataDir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("emulator: %w", err)
		}
	}
	s.st = newState(s.mainKey, s.Now())
	s.initFaults()
	return s, nil
}

func (s *Server) initFaults() {
	s.faults = Faults{Rate: s.cfg.FailRate}
	s.latency = s.cfg.Latency
}

// DataDir is where the emulator stores files.
func (s *Server) DataDir() string { return s.dataDir }

// Close removes the data dir if New created it.
func (s *Server) Close() error {
	if s.ownDir {
		return os.RemoveAll(s.dataDir)
	}
	return nil
}

// Reset brings the emulator back to its fixtures: no dataset, no file, no
// pending chunk, an empty request log, no read-only mode, the faults and
// latency of the Config, the fault draws started again from the seed. Its
// clock goes on.
func (s *Server) Reset() {
	s.mu.Lock()
	var files []string
	for _, d := range s.st.datasets {
		files = append(files, s.st.removeDataset(d)...)
	}
	s.st = newState(s.mainKey, s.Now())
	s.mu.Unlock()
	removeStoredFiles(s.dataDir, files)
	_ = os.RemoveAll(filepath.Join(s.dataDir, "chunks"))
	_ = os.MkdirAll(filepath.Join(s.dataDir, "chunks"), 0o755)
	s.chunkSums.Clear()

	s.ctlMu.Lock()
	s.initFaults()
	s.chance.reseed()
	s.readOnly = false
	s.log = nil
	s.ctlMu.Unlock()
}

// Purge runs what data.gouv.fr's daily jobs do: soft-deleted datasets, their
// resources and files, and soft-deleted dataservices are deleted for good
// (their ids then answer 404), and chunked uploads left unassembled for more
// than 24 hours are dropped.
func (s *Server) Purge() {
	s.purge()
}

func (s *Server) purge() []string {
	s.mu.Lock()
	var files, ids []string
	for _, id := range sortedKeys(s.st.datasets) {
		if d := s.st.datasets[id]; d.Deleted != nil {
			files = append(files, s.st.removeDataset(d)...)
			ids = append(ids, id)
		}
	}
	ids = append(ids, s.st.catalog.purgeDeleted()...)
	var staleChunks []string
	now := s.Now()
	for id, c := range s.st.chunks {
		if now.Sub(c.LastChunk) > 24*time.Hour {
			delete(s.st.chunks, id)
			staleChunks = append(staleChunks, id)
		}
	}
	s.mu.Unlock()
	removeStoredFiles(s.dataDir, files)
	for _, id := range staleChunks {
		s.dropChunkSum(id)
		_ = os.RemoveAll(filepath.Join(s.dataDir, "chunks", id))
	}
	if ids == nil {
		ids = []string{}
	}
	return ids
}

// SetReadOnly switches udata's READ_ONLY_MODE: creations by non-admin users
// answer 423.
func (s *Server) SetReadOnly(on bool) {
	s.ctlMu.Lock()
	s.readOnly = on
	s.ctlMu.Unlock()
}

func (s *Server) isReadOnly() bool {
	s.ctlMu.Lock()
	defer s.ctlMu.Unlock()
	return s.readOnly
}

// SetFaults replaces the injected faults (and the added latency).
func (s *Server) SetFaults(f Faults) {
	f.Statuses = slices.Clone(f.Statuses)
	s.ctlMu.Lock()
	s.faults = f
	s.latency = time.Duration(f.LatencyMs) * time.Millisecond
	s.ctlMu.Unlock()
}

// Requests lists the requests answered so far (control endpoints excluded).
func (s *Server) Requests() []RequestLog {
	s.ctlMu.Lock()
	defer s.ctlMu.Unlock()
	return append([]RequestLog{}, s.log...)
}

func (s *Server) logRequest(method, path string, status int) {
	s.ctlMu.Lock()
	if len(s.log) >= maxLoggedRequests {
		s.log = s.log[len(s.log)/2:]
	}
	s.log = append(s.log, RequestLog{Method: method, Path: path, Status: status})
	s.ctlMu.Unlock()
}

// ServeHTTP dispatches: control endpoints, static files, and the API (behind
// the injected latency and faults).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if strings.HasPrefix(p, "/_emulator/") {
		s.serveControl(w, r)
		return
	}
	rec := &statusRecorder{ResponseWriter: w}
	if strings.HasPrefix(p, "/s/") {
		s.serveStatic(rec, r)
		s.logRequest(r.Method, p, rec.status())
		return
	}

	s.ctlMu.Lock()
	f, latency := s.faults, s.latency
	s.ctlMu.Unlock()
	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
	}
	switch fault := s.chance.pickFault(f); fault {
	case "status":
		statuses := f.Statuses
		if len(statuses) == 0 {
			statuses = defaultFaultStatuses
		}
		st := statuses[s.chance.intN(len(statuses))]
		if st == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		writeProxyError(rec, st)
		s.logRequest(r.Method, p, st)
		return
	case "drop":
		s.logRequest(r.Method, p, 0)
		dropConnection(w)
		return
	case "drop_after":
		buf := &bufferedWriter{header: http.Header{}}
		s.serveAPI(buf, r)
		s.logRequest(r.Method, p, buf.status())
		dropConnection(w)
		return
	}
	s.serveAPI(rec, r)
	s.logRequest(r.Method, p, rec.status())
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
