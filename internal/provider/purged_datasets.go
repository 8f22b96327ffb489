package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// purgedDatasets remembers, for one provider process (one plan or apply),
// the datasets a Read found purged. A dataset's files and its file order
// are read after the dataset itself (they name its id, so Terraform reads
// them after it): when the dataset's own Read confirmed the purge, by its
// rules (onRead: a 404 the key would not get if the dataset existed), what
// lives inside it leaves the state with it, without a warning of its own.
// The user then reads one warning per purged dataset, not one per file.
type purgedDatasets struct {
	mu  sync.Mutex
	ids map[string]bool
}

func newPurgedDatasets() *purgedDatasets { return &purgedDatasets{ids: map[string]bool{}} }

// note records the purge of dataset id and tells whether it is the first
// record of it (the one to warn about).
func (p *purgedDatasets) note(id string) (first bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	first = !p.ids[id]
	p.ids[id] = true
	return first
}

// has tells whether a Read of this process confirmed the purge of dataset id.
func (p *purgedDatasets) has(id string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ids[id]
}

// purgedContentsLeave removes from the state a resource or file order (the
// state of its Read) of the purged dataset datasetID. Unless the dataset's
// Read (or another of its files') already said so, it warns, once for the
// dataset.
func purgedContentsLeave(ctx context.Context, data *providerData, datasetID string, state *tfsdk.State, diags *diag.Diagnostics) {
	if data.purged.note(datasetID) {
		diags.AddWarning("Dataset no longer exists",
			fmt.Sprintf("The dataset %s was purged from data.gouv.fr after its deletion: its files and file order leave the "+
				"state with it. If they are still in the configuration, the next apply creates them anew (with new ids).", datasetID))
	}
	state.RemoveResource(ctx)
}
