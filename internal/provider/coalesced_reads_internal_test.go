package provider

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// Concurrent Reads of one dataset share one GET; a write (its lock taken
// and released) makes the next Read read again, and a read in flight when
// the write starts is not kept.
func TestDatasetReads_sharedUntilWritten(t *testing.T) {
	var gets atomic.Int32
	release := make(chan struct{})
	reads := newDatasetReads(func(_ context.Context, id string) (*client.Dataset, error) {
		n := gets.Add(1)
		if n == 1 {
			<-release
		}
		return &client.Dataset{ID: id, Title: string('0' + n)}, nil
	})
	locks := newKeyedMutex()
	locks.changed = reads.Invalidate
	ctx := context.Background()

	// 20 Reads, the first GET in flight: late ones find it kept.
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := reads.Dataset(ctx, "ds"); err != nil {
				t.Error(err)
			}
		}()
	}
	for gets.Load() == 0 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if got := gets.Load(); got != 1 {
		t.Fatalf("%d GETs for 20 reads, want 1", got)
	}
	// A write starts while a read is in flight: that read is not kept.
	release2 := make(chan struct{})
	reads.get = func(_ context.Context, id string) (*client.Dataset, error) {
		n := gets.Add(1)
		if n == 2 {
			<-release2
		}
		return &client.Dataset{ID: id, Title: string('0' + n)}, nil
	}
	locks.Lock("ds")() // invalidates the first read
	done := make(chan struct{})
	go func() { defer close(done); _, _ = reads.Dataset(ctx, "ds") }()
	for gets.Load() == 1 {
		runtime.Gosched()
	}
	unlock := locks.Lock("ds")
	close(release2)
	<-done
	unlock()
	d, _ := reads.Dataset(ctx, "ds")
	if d.Title != "3" || gets.Load() != 3 {
		t.Fatalf("read after the write: title %q after %d GETs, want a new read", d.Title, gets.Load())
	}
	if _, _ = reads.Dataset(ctx, "ds"); gets.Load() != 3 {
		t.Fatalf("%d GETs: an unchanged dataset was read again", gets.Load())
	}
	locks.Lock("ds")()
	if _, _ = reads.Dataset(ctx, "ds"); gets.Load() != 4 {
		t.Fatalf("%d GETs: the write did not invalidate the read", gets.Load())
	}
}
