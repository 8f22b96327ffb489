// Command datagouv-emulator runs a local imitation of data.gouv.fr's API
// (udata) for trying the provider without touching the real site.
//
//	go run ./cmd/datagouv-emulator [-listen 127.0.0.1:7000] [-api-key KEY]
//	    [-latency 50ms] [-fail-rate 0.1] [-seed N] [-max-upload BYTES] [-data DIR]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "datagouv-emulator:", err)
		os.Exit(1)
	}
}

func run() error {
	listen := flag.String("listen", "127.0.0.1:7000", "address to listen on")
	apiKey := flag.String("api-key", emulator.AliceKey, "API key of the main user (admin of the fixture organization)")
	latency := flag.Duration("latency", 0, "latency added to every API request")
	failRate := flag.Float64("fail-rate", 0, "share of API requests answered with a transient failure (429/502/503/504)")
	maxUpload := flag.Int64("max-upload", 0, "largest single upload body in bytes, larger ones get 413 (0: unlimited)")
	dataDir := flag.String("data", "", "directory for uploaded files (default: a temporary directory)")
	seed := flag.Int64("seed", 0, "seed of the fault draws, to replay a run (default: drawn, and printed)")
	flag.Parse()

	srv, err := emulator.New(emulator.Config{
		APIKey: *apiKey, Latency: *latency, FailRate: *failRate, MaxUpload: *maxUpload, DataDir: *dataDir, Seed: *seed,
	})
	if err != nil {
		return err
	}
	defer srv.Close()

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	fmt.Printf("data.gouv.fr emulator listening\n\n")
	fmt.Printf("  API=%s/api/1\n", base)
	fmt.Printf("  main user key (admin of the organization): %s\n", *apiKey)
	fmt.Printf("  user without rights:                       %s\n", emulator.BobKey)
	fmt.Printf("  site admin (control endpoints /_emulator/): %s\n", emulator.AdminKey)
	fmt.Printf("  organization id: %s (slug %s)\n", emulator.OrgID, emulator.OrgSlug)
	fmt.Printf("  files stored in: %s\n", srv.DataDir())
	fmt.Printf("  seed of the fault draws: %d (-seed %d replays them)\n\n", srv.Seed(), srv.Seed())

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 30 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		fmt.Println("shutting down")
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := hs.Shutdown(shutdownCtx); err != nil {
			return err
		}
	}
	return nil
}
