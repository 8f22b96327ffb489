package emulator

import (
	"slices"
	"testing"
	"time"
)

// TestClockAdvance: the emulator's time is its Config's clock plus what the
// control API added; dates written by the API follow it, and it never goes
// back.
func TestClockAdvance(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e := newEnv(t, Config{Clock: FixedClock(start)})
	if got := e.createDataset(nil).str("created_at"); got != "2026-01-02T03:04:05+00:00" {
		t.Errorf("created_at %s, want the stopped clock's time", got)
	}
	e.do("POST", "/_emulator/clock", BobKey, map[string]any{"advance_ms": 1000}).want(t, 403)
	e.do("POST", "/_emulator/clock", AdminKey, map[string]any{}).want(t, 400)
	e.do("POST", "/_emulator/clock", AdminKey, map[string]any{"advance_ms": -1}).want(t, 400)
	r := e.do("POST", "/_emulator/clock", AdminKey, map[string]any{"advance_ms": 90_000}).want(t, 200)
	if got := r.str("now"); got != "2026-01-02T03:05:35+00:00" {
		t.Errorf("now %s after 90 s", got)
	}
	e.srv.AdvanceClock(-time.Hour)
	if got := e.createDataset(map[string]any{"title": "Later"}).str("created_at"); got != "2026-01-02T03:05:35+00:00" {
		t.Errorf("created_at %s, want 90 s later (a negative advance ignored)", got)
	}
}

// TestFaultSeedReplays: the same seed draws the same faults for the same
// requests, on another emulator as after a Reset; the seed is told either
// way.
func TestFaultSeedReplays(t *testing.T) {
	statuses := func(e *env) []int {
		var got []int
		for range 40 {
			got = append(got, e.do("GET", "/api/1/datasets/licenses/", "", nil).status)
		}
		return got
	}
	cfg := Config{FailRate: 0.5, Seed: 42}
	a, b := newEnv(t, cfg), newEnv(t, cfg)
	first := statuses(a)
	if !slices.Contains(first, 200) || slices.Equal(slices.Compact(slices.Clone(first)), []int{200}) {
		t.Fatalf("statuses %v: want faults and answers mixed, or the test proves nothing", first)
	}
	if again := statuses(b); !slices.Equal(again, first) {
		t.Errorf("same seed, other emulator: %v, want %v", again, first)
	}
	a.srv.Reset()
	if again := statuses(a); !slices.Equal(again, first) {
		t.Errorf("same seed after a Reset: %v, want %v", again, first)
	}
	if a.srv.Seed() != 42 {
		t.Errorf("Seed() = %d, want 42", a.srv.Seed())
	}
	if drawn := newEnv(t, Config{}).srv.Seed(); drawn == 0 {
		t.Error("no seed told when none was set")
	}
}
