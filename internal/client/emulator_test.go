package client_test

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// TestAgainstEmulator runs the main calls against the local udata
// emulator: the client and the emulator share no code, so agreement here
// means both read udata-api.md the same way.
func TestAgainstEmulator(t *testing.T) {
	emu, srv := startEmulator(t, emulator.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	mk := func(key string, mod ...func(*client.Config)) *client.Client {
		cfg := client.Config{BaseURL: srv.URL + "/api/1/", APIKey: key, UserAgent: "client-emulator-test",
			RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond}
		for _, m := range mod {
			m(&cfg)
		}
		c, err := client.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	alice, bob, anon, badKey := mk(emulator.AliceKey), mk(emulator.BobKey), mk(""), mk("udata_not_a_real_token")

	me, err := alice.Reference.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if me.ID != emulator.AliceID {
		t.Errorf("Me = %+v, want alice", me)
	}
	org, err := alice.Reference.Organization(ctx, emulator.OrgID)
	if err != nil || org.ID != emulator.OrgID {
		t.Fatalf("Organization = %+v, %v", org, err)
	}

	// Create as the organization.
	in := &client.DatasetInput{
		Title:            "Client emulator test",
		Description:      "Made by the client's tests.",
		Tags:             []string{"Zèbre", "alpha"},
		License:          ptr("lov2"),
		Frequency:        ptr("daily"),
		TemporalCoverage: &client.TemporalCoverage{Start: "2020-01-01", End: ptr("2021-12-31")},
		Organization:     emulator.OrgID,
	}
	ds, err := alice.Datasets.Create(ctx, in)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{24}$`).MatchString(ds.ID) {
		t.Errorf("dataset id %q is not an ObjectId", ds.ID)
	}
	if ds.Organization == nil || ds.Organization.ID != emulator.OrgID || ds.Owner != nil {
		t.Errorf("organization %+v owner %+v", ds.Organization, ds.Owner)
	}
	if !slices.Equal(ds.Tags, []string{"alpha", "zebre"}) || ds.License != "lov2" || ds.Frequency != "daily" {
		t.Errorf("created dataset tags %v license %q frequency %q", ds.Tags, ds.License, ds.Frequency)
	}
	if ds.TemporalCoverage == nil || ds.TemporalCoverage.Start != "2020-01-01" {
		t.Errorf("temporal coverage %+v", ds.TemporalCoverage)
	}

	got, err := alice.Datasets.Get(ctx, ds.ID)
	if err != nil || got.ID != ds.ID || got.Title != in.Title {
		t.Fatalf("Get = %+v, %v", got, err)
	}

	// Update with no tags and no coverage: both are sent, as [] and null.
	upd := *in
	upd.Title, upd.Tags, upd.TemporalCoverage, upd.License = "Client emulator test, renamed", nil, nil, nil
	ds2, err := alice.Datasets.Update(ctx, ds.ID, &upd)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if ds2.Title != upd.Title || len(ds2.Tags) != 0 || ds2.TemporalCoverage != nil || ds2.License != "notspecified" {
		t.Errorf("updated: title %q tags %v coverage %+v license %q", ds2.Title, ds2.Tags, ds2.TemporalCoverage, ds2.License)
	}
	// The old slug still leads to the dataset (udata's 308).
	if old, err := alice.Datasets.Get(ctx, ds.Slug); err != nil || old.ID != ds.ID {
		t.Errorf("Get by the old slug %q = %+v, %v", ds.Slug, old, err)
	}

	// Typed errors.
	errCases := []struct {
		name string
		err  error
		want error
	}{
		{"bob may not edit", func() error { _, err := bob.Datasets.Update(ctx, ds.ID, &upd); return err }(), client.ErrForbidden},
		{"invalid key, even to read", func() error { _, err := badKey.Datasets.Get(ctx, ds.ID); return err }(), client.ErrUnauthorized},
		{"write without key", func() error { _, err := anon.Datasets.Create(ctx, in); return err }(), client.ErrUnauthorized},
		{"unknown dataset", func() error { _, err := alice.Datasets.Get(ctx, "000000000000000000000000"); return err }(), client.ErrNotFound},
		{"bad frequency", func() error {
			bad := upd
			bad.Frequency = ptr("foo")
			_, err := alice.Datasets.Update(ctx, ds.ID, &bad)
			return err
		}(), client.ErrValidation},
	}
	for _, tc := range errCases {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, tc.err, tc.want)
		}
		if tc.err != nil && strings.Contains(tc.err.Error(), emulator.AliceKey) {
			t.Errorf("%s: the key is in the error", tc.name)
		}
	}
	_, err = alice.Datasets.Create(ctx, &client.DatasetInput{Title: "", Description: "x"})
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, client.ErrValidation) || len(apiErr.FieldErrors["title"]) == 0 {
		t.Errorf("empty title: err = %v, want a validation error on title", err)
	}

	// Remote resource.
	rr, err := alice.Resources.CreateRemote(ctx, ds.ID, &client.ResourceInput{Title: "Link", URL: "https://example.org/data.csv", Type: "api", Format: ptr("CSV")})
	if err != nil {
		t.Fatalf("CreateRemote: %v", err)
	}
	if rr.Filetype != "remote" || rr.Type != "api" || rr.Format == nil || *rr.Format != "csv" {
		t.Errorf("remote resource %+v", rr)
	}
	if r, dsID, err := alice.Resources.Lookup(ctx, rr.ID); err != nil || r.ID != rr.ID || dsID != ds.ID {
		t.Errorf("Lookup = %+v, %q, %v", r, dsID, err)
	}
	rr2, err := alice.Resources.Update(ctx, ds.ID, rr.ID, &client.ResourceInput{Title: "Link 2", URL: "https://example.org/other.csv", Type: "api"})
	if err != nil || rr2.Title != "Link 2" || rr2.URL != "https://example.org/other.csv" {
		t.Errorf("Update remote = %+v, %v", rr2, err)
	}
	_, err = alice.Resources.CreateRemote(ctx, ds.ID, &client.ResourceInput{Title: "Local", URL: "http://localhost/x.csv"})
	if !errors.As(err, &apiErr) || len(apiErr.FieldErrors["url"]) == 0 {
		t.Errorf("localhost URL: err = %v, want a validation error on url", err)
	}

	// Upload, then replace in place, plain and chunked.
	content := strings.Repeat("a,b\n1,2\n", 100)
	up, err := alice.Resources.Upload(ctx, ds.ID, client.UploadFile{Name: "Data File.csv", Content: strings.NewReader(content), Size: int64(len(content))})
	if err != nil {
		t.Fatalf("Upload: %v", err)
	}
	sum := sha1.Sum([]byte(content))
	if up.SHA1 != hex.EncodeToString(sum[:]) || up.Resource.Filetype != "file" || up.Resource.Checksum == nil || up.Resource.Checksum.Value != up.SHA1 {
		t.Errorf("Upload = %+v (resource %+v)", up, up.Resource)
	}
	chunky := mk(emulator.AliceKey, func(cfg *client.Config) { cfg.ChunkThreshold, cfg.ChunkSize = 100, 64 })
	content2 := strings.Repeat("c,d\n3,4\n", 50)
	rep, err := chunky.Resources.Replace(ctx, ds.ID, up.Resource.ID, client.UploadFile{Name: "new.csv", Content: strings.NewReader(content2), Size: int64(len(content2))})
	if err != nil {
		t.Fatalf("Replace (chunked): %v", err)
	}
	sum2 := sha1.Sum([]byte(content2))
	if rep.Resource.ID != up.Resource.ID || rep.SHA1 != hex.EncodeToString(sum2[:]) || *rep.Resource.Filesize != int64(len(content2)) {
		t.Errorf("Replace = %+v (resource %+v)", rep, rep.Resource)
	}

	if err := alice.Resources.Delete(ctx, ds.ID, rr.ID); err != nil {
		t.Fatalf("Resources.Delete: %v", err)
	}
	if _, err := alice.Resources.Get(ctx, ds.ID, rr.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("deleted resource: err = %v, want ErrNotFound", err)
	}

	// Soft delete, gone for others, restore.
	if err := alice.Datasets.Delete(ctx, ds.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if d, err := alice.Datasets.Get(ctx, ds.ID); err != nil || d.Deleted == nil {
		t.Errorf("editor reading a deleted dataset = %+v, %v", d, err)
	}
	if _, err := bob.Datasets.Get(ctx, ds.ID); !errors.Is(err, client.ErrGone) {
		t.Errorf("bob reading a deleted dataset: err = %v, want ErrGone", err)
	}
	if err := alice.Datasets.Delete(ctx, ds.ID); !errors.Is(err, client.ErrGone) {
		t.Errorf("second delete: err = %v, want ErrGone", err)
	}
	upd.Tags = []string{"restored"}
	back, err := alice.Datasets.Restore(ctx, ds.ID, &upd)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if back.Deleted != nil || !slices.Equal(back.Tags, []string{"restored"}) {
		t.Errorf("restored: deleted %v tags %v", back.Deleted, back.Tags)
	}

	// Purged by the daily job: 404, not 410.
	if err := alice.Datasets.Delete(ctx, ds.ID); err != nil {
		t.Fatal(err)
	}
	emu.Purge()
	if _, err := alice.Datasets.Get(ctx, ds.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("purged dataset: err = %v, want ErrNotFound", err)
	}
}

func TestEmulatorFaults(t *testing.T) {
	emu, srv := startEmulator(t, emulator.Config{})
	ctx := context.Background()
	c, err := client.New(client.Config{BaseURL: srv.URL, APIKey: emulator.AliceKey, MaxRetries: 20,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	in := &client.DatasetInput{Title: "Faults", Description: "d"}

	t.Run("read-only maintenance", func(t *testing.T) {
		emu.SetReadOnly(true)
		defer emu.SetReadOnly(false)
		before := len(emu.Requests())
		_, err := c.Datasets.Create(ctx, in)
		if !errors.Is(err, client.ErrReadOnly) || errors.Is(err, client.ErrUncertain) || !strings.Contains(err.Error(), "read-only maintenance") {
			t.Errorf("err = %v, want a read-only error", err)
		}
		if n := len(emu.Requests()) - before; n != 4 {
			t.Errorf("%d attempts, want 4 (3 retries of a 423)", n)
		}
	})

	t.Run("transient failures on reads are absorbed", func(t *testing.T) {
		ds, err := c.Datasets.Create(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		emu.SetFaults(emulator.Faults{Rate: 0.5})
		defer emu.SetFaults(emulator.Faults{})
		for range 20 {
			if _, err := c.Datasets.Get(ctx, ds.ID); err != nil {
				t.Fatalf("Get under 50%% transient failures: %v", err)
			}
		}
		var failed int
		for _, r := range emu.Requests() {
			if r.Status >= 429 {
				failed++
			}
		}
		if failed == 0 {
			t.Error("no fault was injected: the test proves nothing")
		}
	})

	t.Run("create whose answer is lost is uncertain and not repeated", func(t *testing.T) {
		// Each POST either gets a proxy 502 or is processed and then has its
		// connection dropped: the client cannot tell them apart, so both
		// must be uncertain, and neither may be sent again.
		emu.SetFaults(emulator.Faults{Rate: 1, Statuses: []int{502}, DropAfterProcessing: true})
		defer emu.SetFaults(emulator.Faults{})
		processed := false
		for i := 0; i < 40 && !processed; i++ {
			before := len(emu.Requests())
			_, err := c.Datasets.Create(ctx, &client.DatasetInput{Title: "Lost answer", Description: "d"})
			if !errors.Is(err, client.ErrUncertain) || !strings.Contains(err.Error(), "may or may not") {
				t.Fatalf("err = %v, want ErrUncertain", err)
			}
			reqs := emu.Requests()[before:]
			if len(reqs) != 1 || reqs[0].Method != "POST" {
				t.Fatalf("requests %+v, want a single POST", reqs)
			}
			processed = reqs[0].Status == 201
		}
		if !processed {
			t.Error("no create was processed then dropped in 40 tries: the test proves nothing")
		}
	})
}
