package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// TestUploadPartSize: the defaults follow data.gouv.fr's front end (a file
// of at most 20,000,000 bytes in one request, a larger one in parts of
// 20,000,000 bytes), and a configured part size is used, the threshold
// following it unless set. Against the emulator, which checks each part
// against its declared chunksize as udata does and assembles the file: the
// uploads are counted in its request log, and the file it serves is the one
// sent.
func TestUploadPartSize(t *testing.T) {
	if testing.Short() {
		t.Skip("uploads about 100 MB")
	}
	tests := []struct {
		name      string
		partSize  int64 // Config.ChunkSize; 0: the default
		threshold int64 // Config.ChunkThreshold; 0: the default
		size      int64
		wantPosts int // parts and the final call, or 1 for one request
	}{
		{"default: 20,000,000 bytes in one request", 0, 0, 20_000_000, 1},
		{"default: 20,000,001 bytes in two parts", 0, 0, 20_000_001, 3},
		{"default: 45,000,000 bytes in three parts", 0, 0, 45_000_000, 4},
		{"a configured part size cuts the parts", 5_000_000, 0, 12_000_000, 4},
		{"the threshold follows a configured part size", 5_000_000, 0, 5_000_000, 1},
		{"a threshold set apart still decides", 5_000_000, 12_000_000, 12_000_000, 1},
	}
	emu, srv := startEmulator(t, emulator.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	setup, err := client.New(client.Config{BaseURL: srv.URL, APIKey: emulator.AliceKey})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := setup.Datasets.Create(ctx, &client.DatasetInput{Title: "part sizes", Description: "Part size tests."})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := client.New(client.Config{BaseURL: srv.URL, APIKey: emulator.AliceKey, ChunkSize: tt.partSize, ChunkThreshold: tt.threshold})
			if err != nil {
				t.Fatal(err)
			}
			file := &patternFile{size: tt.size}
			before := len(emu.Requests())
			res, err := c.Resources.Upload(ctx, ds.ID, client.UploadFile{Name: "parts.csv", Content: file, Size: tt.size})
			if err != nil {
				t.Fatal(err)
			}
			posts := 0
			for _, r := range emu.Requests()[before:] {
				if r.Method == "POST" && strings.HasSuffix(r.Path, "/upload/") {
					posts++
				}
			}
			if posts != tt.wantPosts {
				t.Errorf("%d upload requests for %d bytes, want %d", posts, tt.size, tt.wantPosts)
			}
			if res.Size != tt.size || res.Resource.Checksum == nil || res.Resource.Checksum.Value != res.SHA1 ||
				res.Resource.Filesize == nil || *res.Resource.Filesize != tt.size {
				t.Errorf("result %+v, resource %+v: want the file of %d bytes as sent", res, res.Resource, tt.size)
			}
			if file.read != tt.size && tt.wantPosts > 1 {
				t.Errorf("%d bytes read to upload %d in parts: the file is read once", file.read, tt.size)
			}
			if err := c.Resources.Delete(ctx, ds.ID, res.Resource.ID); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestUploadPartTooLarge: a part larger than the front proxy lets through
// (the emulator's MaxUpload) fails at once with ErrTooLarge, which the
// provider turns into advice on upload_part_size, and is not retried.
func TestUploadPartTooLarge(t *testing.T) {
	emu, srv := startEmulator(t, emulator.Config{MaxUpload: 1 << 20})
	ctx := context.Background()
	c, err := client.New(client.Config{BaseURL: srv.URL, APIKey: emulator.AliceKey, ChunkSize: 2_000_000,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := c.Datasets.Create(ctx, &client.DatasetInput{Title: "too large", Description: "Part size tests."})
	if err != nil {
		t.Fatal(err)
	}
	before := len(emu.Requests())
	file := &patternFile{size: 5_000_000}
	_, err = c.Resources.Upload(ctx, ds.ID, client.UploadFile{Name: "big.csv", Content: file, Size: file.size})
	if !errors.Is(err, client.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if n := len(emu.Requests()) - before; n > client.DefaultUploadConcurrency {
		t.Errorf("%d requests after a 413, want each part in flight sent once", n)
	}
	if got, err := c.Datasets.Get(ctx, ds.ID); err != nil || len(got.Resources) != 0 {
		t.Errorf("dataset %+v, %v: want no resource", got, err)
	}
}
