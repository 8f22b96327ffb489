package provider

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// These tests put a fault in front of the emulator on exactly the create
// request, and check that the object exists once on the portal afterwards.

// faultKind is what faultyFront does to the matching requests.
type faultKind int

const (
	dropAfterProcessing  faultKind = iota // the portal saves, the answer is lost
	dropBeforeProcessing                  // the connection breaks before the portal sees the request
	badGateway                            // a proxy answers 502 without passing the request on
)

// faultyFront passes requests to the emulator, except the first `times`
// ones matching method and path suffix, which meet the fault.
type faultyFront struct {
	emu    *emulator.Server
	method string
	suffix string
	kind   faultKind

	mu    sync.Mutex
	times int
	hits  int // requests that met the fault
}

func (f *faultyFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	hit := f.times > 0 && r.Method == f.method && strings.HasSuffix(r.URL.Path, f.suffix)
	if hit {
		f.times--
		f.hits++
	}
	f.mu.Unlock()
	if !hit {
		f.emu.ServeHTTP(w, r)
		return
	}
	switch f.kind {
	case badGateway:
		w.WriteHeader(http.StatusBadGateway)
		return
	case dropAfterProcessing:
		f.emu.ServeHTTP(&lostAnswer{header: http.Header{}}, r)
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// lostAnswer swallows the answer that never reaches the client.
type lostAnswer struct{ header http.Header }

func (l *lostAnswer) Header() http.Header         { return l.header }
func (l *lostAnswer) WriteHeader(int)             {}
func (l *lostAnswer) Write(p []byte) (int, error) { return len(p), nil }

type recoveryFixture struct {
	emu   *emulator.Server
	front *faultyFront
	data  *providerData
	ctx   context.Context
}

func newRecoveryFixture(t *testing.T, method, suffix string, kind faultKind, times int) *recoveryFixture {
	t.Helper()
	grace := uncertainGrace
	uncertainGrace = 10 * time.Millisecond
	t.Cleanup(func() { uncertainGrace = grace })

	emu, err := emulator.New(emulator.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	front := &faultyFront{emu: emu, method: method, suffix: suffix, kind: kind}
	srv := httptest.NewServer(front)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, APIKey: emulator.AliceKey, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	fx := &recoveryFixture{emu: emu, front: front, data: newProviderData(c, true), ctx: context.Background()}
	front.mu.Lock()
	front.times = times
	front.mu.Unlock()
	return fx
}

// arm sets the number of matching requests that meet the fault from now on.
func (fx *recoveryFixture) arm(times int) {
	fx.front.mu.Lock()
	fx.front.times = times
	fx.front.mu.Unlock()
}

func (fx *recoveryFixture) count(method, suffix string) int {
	n := 0
	for _, r := range fx.emu.Requests() {
		if r.Method == method && strings.HasSuffix(r.Path, suffix) {
			n++
		}
	}
	return n
}

// datasetsTitled counts the live datasets with that title, whoever owns them.
func (fx *recoveryFixture) datasetsTitled(t *testing.T, title string) int {
	t.Helper()
	n := 0
	p, err := fx.data.client.Datasets.List(fx.ctx, client.DatasetListOptions{PageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range p.Data {
		if d.Title == title {
			n++
		}
	}
	return n
}

func (fx *recoveryFixture) storedFiles(t *testing.T) int {
	t.Helper()
	files, err := fx.emu.StoredFiles()
	if err != nil {
		t.Fatal(err)
	}
	return len(files)
}

func TestCreateDataset_recovers(t *testing.T) {
	for name, tc := range map[string]struct {
		kind      faultKind
		org       string
		wantPOSTs int
	}{
		"dropped after processing, user's dataset":         {dropAfterProcessing, "", 1},
		"dropped after processing, organization's dataset": {dropAfterProcessing, emulator.OrgID, 1},
		"dropped before processing":                        {dropBeforeProcessing, "", 1},
		"502 from a proxy":                                 {badGateway, emulator.OrgID, 1},
	} {
		t.Run(name, func(t *testing.T) {
			fx := newRecoveryFixture(t, http.MethodPost, "/api/1/datasets/", tc.kind, 1)
			in := &client.DatasetInput{Title: "Recovered " + name, Description: "d", Organization: tc.org, Extras: map[string]any{"team": "x"}}
			ds, err := createDataset(fx.ctx, fx.data, in)
			if err != nil {
				t.Fatalf("createDataset: %v", err)
			}
			if ds.ID == "" || ds.Title != in.Title {
				t.Fatalf("got %+v", ds)
			}
			if got := fx.datasetsTitled(t, in.Title); got != 1 {
				t.Errorf("%d datasets titled %q on the portal, want exactly 1", got, in.Title)
			}
			// Requests that met a fault before processing never reached the emulator.
			if got := fx.count(http.MethodPost, "/api/1/datasets/"); got != tc.wantPOSTs {
				t.Errorf("the emulator processed %d dataset POSTs, want %d", got, tc.wantPOSTs)
			}
			if ds.Extras["team"] != "x" || !hasMarker(ds.Extras, ds.Extras[createMarkerKey].(string)) {
				t.Errorf("extras = %v, want the user's keys and the marker", ds.Extras)
			}
			if in.Extras[createMarkerKey] != nil {
				t.Errorf("the caller's input was changed: %v", in.Extras)
			}
		})
	}
}

// A create that fails for sure (400) is neither looked up nor repeated.
func TestCreateDataset_certainFailureNotRetried(t *testing.T) {
	fx := newRecoveryFixture(t, http.MethodPost, "/api/1/datasets/", dropAfterProcessing, 0)
	_, err := createDataset(fx.ctx, fx.data, &client.DatasetInput{Title: "", Description: "d"})
	if !errors.Is(err, client.ErrValidation) {
		t.Fatalf("err = %v, want a validation error", err)
	}
	if got := fx.count(http.MethodPost, "/api/1/datasets/"); got != 1 {
		t.Errorf("%d POSTs, want 1", got)
	}
	if got := fx.count(http.MethodGet, "/api/1/datasets/"); got != 0 {
		t.Errorf("%d listings, want none", got)
	}
}

// Every attempt lost, none processed: the error stays uncertain, after a
// bounded number of attempts, and nothing exists on the portal.
func TestCreateDataset_givesUpUncertain(t *testing.T) {
	fx := newRecoveryFixture(t, http.MethodPost, "/api/1/datasets/", dropBeforeProcessing, 100)
	_, err := createDataset(fx.ctx, fx.data, &client.DatasetInput{Title: "Never", Description: "d"})
	if !errors.Is(err, client.ErrUncertain) {
		t.Fatalf("err = %v, want ErrUncertain", err)
	}
	if fx.front.hits != createAttempts || fx.count(http.MethodPost, "/api/1/datasets/") != 0 {
		t.Errorf("%d POSTs sent, %d processed; want %d sent, none processed", fx.front.hits, fx.count(http.MethodPost, "/api/1/datasets/"), createAttempts)
	}
	if got := fx.datasetsTitled(t, "Never"); got != 0 {
		t.Errorf("%d datasets exist", got)
	}
}

func TestCreateRemoteResource_recovers(t *testing.T) {
	for name, tc := range map[string]struct {
		kind  faultKind
		times int
	}{
		"dropped after processing":  {dropAfterProcessing, 1},
		"dropped before processing": {dropBeforeProcessing, 1},
		"502 twice":                 {badGateway, 2},
	} {
		t.Run(name, func(t *testing.T) {
			fx := newRecoveryFixture(t, http.MethodPost, "/resources/", tc.kind, 0)
			ds, err := fx.data.client.Datasets.Create(fx.ctx, &client.DatasetInput{Title: "Links", Description: "d"})
			if err != nil {
				t.Fatal(err)
			}
			fx.arm(tc.times)
			in := &client.ResourceInput{Title: "Link", URL: "https://example.org/data.csv"}
			res, err := createRemoteResource(fx.ctx, fx.data, ds.ID, in)
			if err != nil {
				t.Fatalf("createRemoteResource: %v", err)
			}
			after, err := fx.data.client.Datasets.Get(fx.ctx, ds.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(after.Resources) != 1 || after.Resources[0].ID != res.ID {
				t.Fatalf("the dataset holds %d resources, want exactly the one returned (%s)", len(after.Resources), res.ID)
			}
			if tc.kind == dropAfterProcessing {
				if got := fx.count(http.MethodPost, "/resources/"); got != 1 {
					t.Errorf("%d resource POSTs processed, want 1 (adopted, not created again)", got)
				}
			}
		})
	}
}

func TestUploadNewResource_recovers(t *testing.T) {
	content := []byte("a,b\n1,2\n")
	for name, tc := range map[string]struct {
		kind           faultKind
		wantProcessed  int
		sameFileBefore bool
	}{
		"dropped after processing":                      {dropAfterProcessing, 1, false},
		"dropped after processing, same content exists": {dropAfterProcessing, 1, true},
		"dropped before processing":                     {dropBeforeProcessing, 1, false},
		"502 from a proxy, same content exists":         {badGateway, 1, true},
	} {
		t.Run(name, func(t *testing.T) {
			fx := newRecoveryFixture(t, http.MethodPost, "/upload/", tc.kind, 0)
			ds, err := fx.data.client.Datasets.Create(fx.ctx, &client.DatasetInput{Title: "Files", Description: "d"})
			if err != nil {
				t.Fatal(err)
			}
			file := client.UploadFile{Name: "data.csv", Content: bytes.NewReader(content), Size: int64(len(content))}
			var existing string
			if tc.sameFileBefore {
				// Another resource of the dataset already holds this content:
				// it must not be taken for the lost upload.
				// Under another name: a file of the same name and content
				// uploaded within the clock skew of the lost upload could
				// not be told from it (lost_upload.go).
				other := file
				other.Name = "older.csv"
				up, err := fx.data.client.Resources.Upload(fx.ctx, ds.ID, other)
				if err != nil {
					t.Fatal(err)
				}
				existing = up.Resource.ID
			}
			postsBefore := fx.count(http.MethodPost, "/upload/")
			fx.arm(1)
			up, err := uploadNewResource(fx.ctx, fx.data, ds.ID, file)
			if err != nil {
				t.Fatalf("uploadNewResource: %v", err)
			}
			if up.Resource.ID == existing {
				t.Fatalf("adopted the resource that existed before the upload (%s)", existing)
			}
			if up.SHA1 != up.Resource.Checksum.Value {
				t.Errorf("result sha1 %s, resource checksum %s", up.SHA1, up.Resource.Checksum.Value)
			}
			after, err := fx.data.client.Datasets.Get(fx.ctx, ds.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := 1
			if tc.sameFileBefore {
				want = 2
			}
			if len(after.Resources) != want {
				t.Errorf("%d resources in the dataset, want %d", len(after.Resources), want)
			}
			if got := fx.storedFiles(t); got != want {
				t.Errorf("%d stored files in the emulator, want %d (no orphan)", got, want)
			}
			if got := fx.count(http.MethodPost, "/upload/") - postsBefore; got != tc.wantProcessed {
				t.Errorf("%d uploads processed, want %d", got, tc.wantProcessed)
			}
		})
	}
}

// createOnce keeps the first of several objects found (the oldest) and
// removes the others, duplicates of earlier uncertain attempts.
func TestCreateOnce_removesDuplicates(t *testing.T) {
	shortGrace(t)
	uncertain := &client.UncertainError{Method: "POST", Path: "/x/", Err: errors.New("EOF")}
	var discarded []string
	got, err := createOnce(context.Background(), "thing",
		func(context.Context) (string, error) { return "", uncertain },
		func(context.Context) ([]string, error) { return []string{"first", "second"}, nil },
		func(_ context.Context, s string) error { discarded = append(discarded, s); return nil },
	)
	if err != nil || got != "first" {
		t.Fatalf("got %q, %v; want first", got, err)
	}
	if len(discarded) != 1 || discarded[0] != "second" {
		t.Errorf("discarded %v, want [second]", discarded)
	}
}

// shortGrace shortens the recovery's waits for a test.
func shortGrace(t *testing.T) {
	grace := uncertainGrace
	uncertainGrace = time.Millisecond
	t.Cleanup(func() { uncertainGrace = grace })
}

// A lookup that keeps failing keeps the error uncertain and says what was
// tried; nothing is created again blindly.
func TestCreateOnce_lookupFails(t *testing.T) {
	shortGrace(t)
	creates := 0
	uncertain := &client.UncertainError{Method: "POST", Path: "/x/", Err: errors.New("EOF")}
	_, err := createOnce(context.Background(), "thing",
		func(context.Context) (string, error) { creates++; return "", uncertain },
		func(context.Context) ([]string, error) { return nil, errors.New("listing refused") },
		func(context.Context, string) error { return nil },
	)
	if !errors.Is(err, client.ErrUncertain) || !strings.Contains(err.Error(), "listing refused") {
		t.Fatalf("err = %v", err)
	}
	if creates != 1 {
		t.Errorf("%d creates, want 1: an unresolved create is never repeated", creates)
	}
}

// A lookup that fails for a while, then answers, resolves the create.
func TestCreateOnce_lookupRecovers(t *testing.T) {
	shortGrace(t)
	uncertain := &client.UncertainError{Method: "POST", Path: "/x/", Err: errors.New("EOF")}
	lookups := 0
	got, err := createOnce(context.Background(), "thing",
		func(context.Context) (string, error) { return "", uncertain },
		func(context.Context) ([]string, error) {
			lookups++
			if lookups < 3 {
				return nil, errors.New("503")
			}
			return []string{"it"}, nil
		},
		func(context.Context, string) error { return nil },
	)
	if err != nil || got != "it" {
		t.Fatalf("got %q, %v", got, err)
	}
}

// The marker is the provider's: an import never adopts it as a managed key.
func TestCreateMarkerNeverImported(t *testing.T) {
	if !isPortalExtra(createMarkerKey) {
		t.Fatal("the creation marker would be adopted by an import")
	}
	m, diags := extrasFromAPI(map[string]any{createMarkerKey: "t", "team": "x"}, types.MapNull(types.StringType), true)
	if diags.HasError() || len(m.Elements()) != 1 {
		t.Fatalf("imported dataset extras = %v, want only team", m)
	}
}

// cutAfter is a file whose reading stops after `after` bytes, as when the
// process is killed mid-upload: the portal gets a truncated body.
type cutAfter struct {
	data   []byte
	after  int64
	cancel context.CancelFunc
}

func (c *cutAfter) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) <= c.after {
		return bytes.NewReader(c.data).ReadAt(p, off)
	}
	c.cancel()
	n, _ := bytes.NewReader(c.data[:c.after]).ReadAt(p, off)
	return n, context.Canceled
}

// An upload cut in the middle (the process killed), then a new apply: the
// dataset ends with exactly one resource and one stored file, for a plain
// upload and for a chunked one cut between parts.
func TestUploadNewResource_cutThenAgain(t *testing.T) {
	content := bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB
	for name, chunked := range map[string]bool{"one request": false, "chunked": true} {
		t.Run(name, func(t *testing.T) {
			fx := newRecoveryFixture(t, http.MethodPost, "/upload/", dropAfterProcessing, 0)
			if chunked {
				c, err := client.New(client.Config{BaseURL: fx.data.client.BaseURL(), APIKey: emulator.AliceKey,
					ChunkThreshold: 16 << 10, ChunkSize: 8 << 10, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
				if err != nil {
					t.Fatal(err)
				}
				fx.data = newProviderData(c, true)
			}
			ds, err := fx.data.client.Datasets.Create(fx.ctx, &client.DatasetInput{Title: "Cut", Description: "d"})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(fx.ctx)
			defer cancel()
			cut := &cutAfter{data: content, after: int64(len(content) / 2), cancel: cancel}
			if _, err := uploadNewResource(ctx, fx.data, ds.ID, client.UploadFile{Name: "big.csv", Content: cut, Size: int64(len(content))}); err == nil {
				t.Fatal("the cut upload succeeded")
			}
			up, err := uploadNewResource(fx.ctx, fx.data, ds.ID, client.UploadFile{Name: "big.csv", Content: bytes.NewReader(content), Size: int64(len(content))})
			if err != nil {
				t.Fatalf("upload after the cut: %v", err)
			}
			after, err := fx.data.client.Datasets.Get(fx.ctx, ds.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(after.Resources) != 1 || after.Resources[0].ID != up.Resource.ID {
				t.Errorf("%d resources in the dataset, want exactly the uploaded one", len(after.Resources))
			}
			if got := fx.storedFiles(t); got != 1 {
				t.Errorf("%d stored files, want 1 (no orphan)", got)
			}
		})
	}
}
