package emulator

import (
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// Time and chance: the emulator reads the time from its own clock and
// draws its faults from its own seeded generator, so that a test can make
// time pass without sleeping (AdvanceClock, /_emulator/clock) and a failing
// fault run can be replayed (Seed, then Config.Seed).

// Clock tells the time; it must be safe for concurrent use.
type Clock func() time.Time

// FixedClock is a clock that stands still at t: only AdvanceClock moves the
// emulator's time then, so that requests fall within one second by
// construction.
func FixedClock(t time.Time) Clock { return func() time.Time { return t } }

// clock is the Config's clock plus what AdvanceClock added.
type clock struct {
	base   Clock
	offset atomic.Int64 // nanoseconds
}

func newClock(base Clock) *clock {
	if base == nil {
		base = time.Now
	}
	return &clock{base: base}
}

// now is the clock of the store: UTC, to the microsecond like Python's
// datetime. MongoDB keeps milliseconds: renderers cut what was stored
// before the current request (see call.iso).
func (c *clock) now() time.Time {
	return c.base().Add(time.Duration(c.offset.Load())).UTC().Truncate(time.Microsecond)
}

// Now is the emulator's time.
func (s *Server) Now() time.Time { return s.clock.now() }

// AdvanceClock moves the emulator's time forward by d (never backward: a
// negative d is ignored), as if d had passed.
func (s *Server) AdvanceClock(d time.Duration) {
	if d > 0 {
		s.clock.offset.Add(int64(d))
	}
}

// chance is the fault generator: one seeded source, guarded, since requests
// draw from it concurrently.
type chance struct {
	seed int64
	mu   sync.Mutex
	rng  *rand.Rand
}

// newChance seeds a generator with seed, or with one drawn from the time
// when seed is 0 (Seed reports it either way).
func newChance(seed int64) *chance {
	for seed == 0 {
		seed = time.Now().UnixNano()
	}
	c := &chance{seed: seed}
	c.reseed()
	return c
}

// reseed starts the sequence of draws again.
func (c *chance) reseed() {
	c.mu.Lock()
	c.rng = rand.New(rand.NewPCG(uint64(c.seed), 0))
	c.mu.Unlock()
}

func (c *chance) float64() float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rng.Float64()
}

func (c *chance) intN(n int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rng.IntN(n)
}

// Seed is the seed of the fault draws: Config.Seed, or the one drawn when
// it was 0. The same seed and the same requests, in the same order, draw
// the same faults (Reset starts the draws again).
func (s *Server) Seed() int64 { return s.chance.seed }
