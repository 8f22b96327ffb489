package provider

import (
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// providerData is what Configure hands to every resource and data source:
// one client and the state shared by all of them within a provider process.
type providerData struct {
	client *client.Client
	// hasAPIKey tells whether writes can be attempted at all, so that a
	// missing key is a clear error rather than a 401 from the portal.
	hasAPIKey bool
	// locks serializes writes to one dataset: udata rewrites a dataset's
	// document on every resource write, and concurrent writes to the same
	// dataset can lose one another.
	locks *keyedMutex
	// reference holds the portal's lists, fetched once per provider run.
	reference *referenceCache
	// datasetReads shares each dataset's read between the Reads of its
	// resources until this process writes to it (coalesced_reads.go).
	datasetReads *datasetReads
	// purged holds the datasets found purged by this process's Reads, whose
	// files then leave the state with them (purged_datasets.go).
	purged *purgedDatasets
	// lenient marks the portal of a configuration Terraform is validating,
	// not a configured provider: checks skip what they cannot fetch
	// (validation_provider_data.go).
	lenient bool
	// minimumQualityScore is the provider's minimum_quality_score, nil when
	// unset: a dataset planned below it is a plan error (dataset_quality_plan.go).
	minimumQualityScore *float64
}

func newProviderData(c *client.Client, hasAPIKey bool) *providerData {
	reads := newDatasetReads(c.Datasets.Get)
	locks := newKeyedMutex()
	// Every write to a dataset holds its lock: a dataset read kept from
	// before or during the write would be stale after it.
	locks.changed = reads.Invalidate
	return &providerData{client: c, hasAPIKey: hasAPIKey, locks: locks, datasetReads: reads, purged: newPurgedDatasets(), reference: newReferenceCache(c)}
}

// providerDataFrom extracts the provider's data in a resource's or data
// source's Configure. It returns nil without error while the provider is not
// configured yet (Terraform calls Configure early during validation).
func providerDataFrom(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}

// keyedMutex is a set of mutexes created on demand, one per key.
type keyedMutex struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
	// changed, when set, runs when a key's lock is taken and before it is
	// released: the holder writes what the key names.
	changed func(key string)
}

func newKeyedMutex() *keyedMutex { return &keyedMutex{locks: map[string]*sync.Mutex{}} }

// Lock locks the key's mutex and returns the function that unlocks it.
func (k *keyedMutex) Lock(key string) (unlock func()) {
	k.mu.Lock()
	m, ok := k.locks[key]
	if !ok {
		m = &sync.Mutex{}
		k.locks[key] = m
	}
	k.mu.Unlock()
	m.Lock()
	if k.changed == nil {
		return m.Unlock
	}
	k.changed(key)
	return func() {
		k.changed(key)
		m.Unlock()
	}
}
