package provider

import (
	"testing"
	"time"
)

// AdvanceFileHashClock makes d pass, for the rest of the test, on the clock
// of the local files' hash cache of the provider served in-process: a sum
// taken then is as old as if the test had slept d after the file's last
// change. The test must not run in parallel with others (the cache is the
// process's).
func AdvanceFileHashClock(t *testing.T, d time.Duration) {
	cache := localFileHashes()
	cache.SetClock(func() time.Time { return time.Now().Add(d) })
	t.Cleanup(func() { cache.SetClock(nil) })
}
