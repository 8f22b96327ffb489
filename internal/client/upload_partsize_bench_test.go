package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// zeroes is a file of n zero bytes that costs no memory.
type zeroes int64

func (z zeroes) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(z) {
		return 0, io.EOF
	}
	n := len(p)
	if rest := int64(z) - off; int64(n) > rest {
		n = int(rest)
	}
	clear(p[:n])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// BenchmarkUploadPartSize compares the part sizes of a chunked upload on
// the emulator: the front end's former 2,000,000 bytes against its
// 20,000,000 bytes (the default), 4 parts in flight, with BENCH_UPLOAD_LATENCY_MS of latency per request (default 0:
// loopback) and a file of BENCH_UPLOAD_PART_FILE bytes (default 256 MiB).
// Run by scripts/bench.sh (BENCHMARKS.md), not by make test.
func BenchmarkUploadPartSize(b *testing.B) {
	size := int64(256 << 20)
	if v, err := strconv.ParseInt(os.Getenv("BENCH_UPLOAD_PART_FILE"), 10, 64); err == nil && v > 0 {
		size = v
	}
	latency, _ := strconv.Atoi(os.Getenv("BENCH_UPLOAD_LATENCY_MS"))
	emu, err := emulator.New(emulator.Config{Latency: time.Duration(latency) * time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = emu.Close() })
	srv := httptest.NewServer(emu)
	b.Cleanup(srv.Close)
	for _, part := range []int64{2_000_000, client.DefaultUploadPartSize} {
		b.Run(fmt.Sprintf("part=%d", part), func(b *testing.B) {
			c, err := client.New(client.Config{BaseURL: srv.URL + "/api/1/", APIKey: emulator.AliceKey, ChunkThreshold: 1, ChunkSize: part})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			ds, err := c.Datasets.Create(ctx, &client.DatasetInput{Title: "parts", Description: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := c.Resources.Upload(ctx, ds.ID, client.UploadFile{Name: "big.csv", Content: zeroes(size), Size: size}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
