package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// This file decides what a 404 on an object of the state means. udata
// answers 404 both for an object that no longer exists (a dataset purged
// after its deletion, a deleted resource) and for a private dataset, and
// its files, that the API key's user may not see. Dropping the object from
// the state on a 404 read with another account's key would make the next
// apply publish it a second time; so a 404 removes an object only when the
// deletion is confirmed, and is otherwise an error that names the likely
// cause.

// datasetVisibility tells whether the provider's key would see the dataset
// if it existed: its user is a site admin, the dataset's owner, or a member
// of its organization (owner and organization as the state last read them).
// When not, why is the sentence that explains it.
func datasetVisibility(ctx context.Context, data *providerData, owner, organization types.String) (visible bool, why string, err error) {
	if !data.hasAPIKey {
		return false, "The provider has no API key: a private dataset is visible only to the key of its owner, of a member of its organization or of a site admin.", nil
	}
	me, err := data.reference.Me(ctx)
	if err != nil {
		return false, "", fmt.Errorf("reading the API key's user (GET /api/1/me/) to tell a deletion from a dataset this key may not see: %w", err)
	}
	switch {
	case slices.Contains(me.Roles, "admin"):
		return true, "", nil
	case !owner.IsNull() && owner.ValueString() == me.ID:
		return true, "", nil
	case !organization.IsNull() && memberOf(me, organization.ValueString()):
		return true, "", nil
	}
	whose := "the user " + owner.ValueString()
	if !organization.IsNull() {
		whose = "the organization " + organization.ValueString()
	}
	return false, fmt.Sprintf("The API key's user (%s) is neither the owner of this dataset nor a member of its organization "+
		"(it belongs to %s): if the dataset is private, this key cannot see it. This is most likely another account's key: "+
		"use the key of the account that manages the dataset.", userLabel(me), whose), nil
}

// resourceGoneConfirmed tells whether a 404 on resource id of datasetID
// means that the resource no longer exists: its dataset is visible to the
// key (so the resource would be too), or the key is a site admin's. When
// not, why explains it.
func resourceGoneConfirmed(ctx context.Context, data *providerData, datasetID string) (gone bool, why string, err error) {
	_, err = data.client.Datasets.Get(ctx, datasetID)
	switch {
	case err == nil, errors.Is(err, client.ErrGone):
		// The dataset is there (or soft-deleted, visible to its editors):
		// the resource was deleted.
		return true, "", nil
	case !errors.Is(err, client.ErrNotFound):
		return false, "", err
	}
	if data.hasAPIKey {
		me, err := data.reference.Me(ctx)
		if err != nil {
			return false, "", fmt.Errorf("reading the API key's user (GET /api/1/me/): %w", err)
		}
		if slices.Contains(me.Roles, "admin") {
			return true, "", nil // a site admin sees every dataset: it was purged
		}
	}
	return false, fmt.Sprintf("Its dataset %s answers 404 too: either the dataset was deleted and purged, or it is private "+
		"and this API key's user may not see it (most likely another account's key: use the key of the account that "+
		"manages the dataset). If the dataset really is gone, remove the resource from the state with terraform state rm.", datasetID), nil
}
