package provider

import (
	"context"
	"sync"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// This file makes a refresh cost one read per dataset rather than one per
// file: udata's v1 dataset payload (GET /api/1/datasets/{id}/) carries all
// of the dataset's resources, so the Reads of a dataset's resources share
// one read of the dataset, kept for the provider process (one plan or one
// apply) and dropped whenever this process writes to the dataset.
//
// Why it is never stale across a write of the same apply: every write to a
// dataset or to one of its resources holds the dataset's lock
// (providerData.locks), and taking and releasing that lock both drop the
// dataset's read (keyedMutex.changed); a read still in flight when the lock
// is released is not kept. Only what this process writes is seen this way:
// a read is a snapshot of the portal, as the plan is.
//
// The shared read is only a shortcut for the happy path: a failed read is
// never kept, and a resource missing from the payload, or a dataset that
// could not be read, is read with its own GET, whose answers (404, 410)
// Read interprets as before (read_outcome.go).

// datasetReads coalesces the reads of each dataset: one GET shared by
// concurrent callers and kept until the dataset is written.
type datasetReads struct {
	get func(ctx context.Context, id string) (*client.Dataset, error)

	mu      sync.Mutex
	entries map[string]*datasetRead
}

// datasetRead is one read of a dataset, in flight until done is closed.
type datasetRead struct {
	done chan struct{}
	ds   *client.Dataset
	err  error
}

func newDatasetReads(get func(ctx context.Context, id string) (*client.Dataset, error)) *datasetReads {
	return &datasetReads{get: get, entries: map[string]*datasetRead{}}
}

// Dataset returns the dataset as read once by this process since its last
// write, reading it when needed. Callers must not modify what it returns:
// it is shared.
func (d *datasetReads) Dataset(ctx context.Context, id string) (*client.Dataset, error) {
	d.mu.Lock()
	e, ok := d.entries[id]
	if !ok {
		e = &datasetRead{done: make(chan struct{})}
		d.entries[id] = e
		d.mu.Unlock()
		e.ds, e.err = d.get(ctx, id)
		close(e.done)
		if e.err != nil {
			d.drop(id, e) // errors (a cancelled context too) are not kept
		}
		return e.ds, e.err
	}
	d.mu.Unlock()
	select {
	case <-e.done:
		return e.ds, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Invalidate drops the dataset's read: the next caller reads it again.
// Callers already waiting for a read in flight still get it.
func (d *datasetReads) Invalidate(id string) {
	d.mu.Lock()
	delete(d.entries, id)
	d.mu.Unlock()
}

// drop removes e if it is still the dataset's read.
func (d *datasetReads) drop(id string, e *datasetRead) {
	d.mu.Lock()
	if d.entries[id] == e {
		delete(d.entries, id)
	}
	d.mu.Unlock()
}

// resourceOf returns a copy of the dataset's resource id, or nil when the
// payload does not hold it.
func resourceOf(ds *client.Dataset, id string) *client.Resource {
	for i := range ds.Resources {
		if ds.Resources[i].ID == id {
			res := ds.Resources[i]
			return &res
		}
	}
	return nil
}

// readResource reads a resource of the state from its dataset's shared
// read, and with its own GET when the dataset could not be read or does not
// list it: only that GET's answer may tell that the resource is gone.
func readResource(ctx context.Context, data *providerData, datasetID, id string) (*client.Resource, error) {
	if ds, err := data.datasetReads.Dataset(ctx, datasetID); err == nil {
		if res := resourceOf(ds, id); res != nil {
			return res, nil
		}
	}
	return data.client.Resources.Get(ctx, datasetID, id)
}
