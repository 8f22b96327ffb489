package provider

import (
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The order of a dataset's files: what the state holds, and the order
// written to the portal.

type resourceOrderModel struct {
	ID          types.String `tfsdk:"id"`
	DatasetID   types.String `tfsdk:"dataset_id"`
	ResourceIDs types.List   `tfsdk:"resource_ids"`
}

// orderedResourceIDs is the dataset's full order once the wanted files are
// put in order among the places they hold, the others left where they are;
// missing are the wanted ids the dataset does not have.
func orderedResourceIDs(current, wanted []string) (order, missing []string) {
	for _, id := range wanted {
		if !slices.Contains(current, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, missing
	}
	order = slices.Clone(current)
	next := 0
	for i, id := range order {
		if slices.Contains(wanted, id) {
			order[i] = wanted[next]
			next++
		}
	}
	return order, nil
}

func resourceIDsOf(ds *client.Dataset) []string {
	ids := make([]string, 0, len(ds.Resources))
	for _, res := range ds.Resources {
		ids = append(ids, res.ID)
	}
	return ids
}
