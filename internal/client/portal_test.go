package client_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// A portal is a udata the tests upload to: the in-process emulator always,
// and a real udata when DATAGOUV_BASE_URL, DATAGOUV_API_KEY and
// DATAGOUV_ORGANIZATION name one (e.g. the one /work/shared/udata-oracle/
// start.sh runs), since the server is the judge of what the emulator
// imitates.
type portal struct {
	baseURL, key, org string
	emu               *emulator.Server // nil on a real udata
}

const portalSkip = "set DATAGOUV_BASE_URL, DATAGOUV_API_KEY and DATAGOUV_ORGANIZATION (an organization the key's user " +
	"may publish into) to run this against a real udata, e.g. the one /work/shared/udata-oracle/start.sh starts; " +
	"the test creates datasets there and deletes them"

// forEachPortal runs fn as the subtests "emulator" and "udata".
func forEachPortal(t *testing.T, fn func(t *testing.T, p *portal)) {
	t.Helper()
	t.Run("emulator", func(t *testing.T) {
		emu, srv := startEmulator(t, emulator.Config{})
		fn(t, &portal{baseURL: srv.URL, key: emulator.AliceKey, org: emulator.OrgID, emu: emu})
	})
	t.Run("udata", func(t *testing.T) {
		base, key, org := os.Getenv("DATAGOUV_BASE_URL"), os.Getenv("DATAGOUV_API_KEY"), os.Getenv("DATAGOUV_ORGANIZATION")
		if base == "" || key == "" || org == "" {
			t.Skip(portalSkip)
		}
		if u, err := url.Parse(base); err != nil || strings.HasSuffix(strings.ToLower(u.Hostname()), "www.data.gouv.fr") {
			t.Skipf("DATAGOUV_BASE_URL %q: these tests publish test files, never on the production portal", base)
		}
		fn(t, &portal{baseURL: base, key: key, org: org})
	})
}

// client talks to baseURL (the portal, or a front before it) with the
// portal's key and tiny waits.
func (p *portal) client(t *testing.T, baseURL string, mod ...func(*client.Config)) (*client.Client, *memLogger) {
	t.Helper()
	return newClient(t, baseURL, append([]func(*client.Config){func(cfg *client.Config) { cfg.APIKey = p.key }}, mod...)...)
}

// dataset creates a dataset, deleted when the test ends.
func (p *portal) dataset(t *testing.T) string {
	t.Helper()
	c, _ := p.client(t, p.baseURL)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ds, err := c.Datasets.Create(ctx, &client.DatasetInput{
		Title:        "Client upload test " + t.Name(),
		Description:  "Made by the client's upload tests; deleted when they end.",
		Organization: p.org,
	})
	if err != nil {
		t.Fatalf("creating a dataset: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := c.Datasets.Delete(ctx, ds.ID); err != nil {
			t.Logf("deleting dataset %s: %v", ds.ID, err)
		}
	})
	return ds.ID
}

// files lists the dataset's resources.
func (p *portal) resources(t *testing.T, datasetID string) []client.Resource {
	t.Helper()
	c, _ := p.client(t, p.baseURL)
	ds, err := c.Datasets.Get(context.Background(), datasetID)
	if err != nil {
		t.Fatalf("reading dataset %s: %v", datasetID, err)
	}
	return ds.Resources
}

// served fetches a hosted file from its url.
func served(t *testing.T, fileURL string) []byte {
	t.Helper()
	res, err := http.Get(fileURL)
	if err != nil {
		t.Fatalf("GET %s: %v", fileURL, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d", fileURL, res.StatusCode)
	}
	return b
}

// startSecond brings the portal's clock just past the start of a second,
// so that the uploads that follow at once fall within one second of udata's
// clock: the emulator's clock is moved there, a real udata's (the local one
// here: the oracle runs on this machine) is waited for, having no control.
func (p *portal) startSecond() {
	now := time.Now()
	if p.emu != nil {
		now = p.emu.Now()
	}
	wait := now.Truncate(time.Second).Add(time.Second + 5*time.Millisecond).Sub(now)
	if p.emu != nil {
		p.emu.AdvanceClock(wait)
		return
	}
	time.Sleep(wait)
}
