package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// This file is the Read path's verdict on an object of the state that the
// portal answers 404 or 410 for (and a Delete's, on a 404). udata
// answers 404 both for an object that no longer exists (a dataset purged
// after its deletion, a deleted resource) and for a private dataset, and
// its files, that the API key's user may not see. Dropping the object from
// the state on a 404 read with another account's key would make the next
// apply publish it a second time; so a 404 removes an object only when the
// deletion is confirmed, and is otherwise an error that names the likely
// cause.

// visibility tells whether the provider's key would see the dataset or
// dataservice (noun) if it existed: its user is a site admin, the object's
// owner, or a member of its organization (owner and organization as the
// state last read them). When not, why is the sentence that explains it.
func visibility(ctx context.Context, data *providerData, noun string, owner, organization types.String) (visible bool, why string, err error) {
	if !data.hasAPIKey {
		return false, "The provider has no API key: a private " + noun + " is visible only to the key of its owner, of a member of its organization or of a site admin.", nil
	}
	me, err := data.reference.Me(ctx)
	if err != nil {
		return false, "", fmt.Errorf("reading the API key's user (GET /api/1/me/) to tell a deletion from a %s this key may not see: %w", noun, err)
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
	return false, fmt.Sprintf("The API key's user (%s) is neither the owner of this %s nor a member of its organization "+
		"(it belongs to %s): if the %s is private, this key cannot see it. This is most likely another account's key: "+
		"use the key of the account that manages the %s.", userLabel(me), noun, whose, noun, noun), nil
}

// readOutcome is what a Read does after reading a dataset or a
// dataservice of the state.
type readOutcome int

const (
	readOn         readOutcome = iota // it was read: map it onto the state
	removeOnRead                      // a confirmed deletion (purged): remove it from the state
	keepForRestore                    // soft-deleted, unreadable to this key: keep it, deleted set, for a restore
	failedOnRead                      // an error was reported
)

// stateObject is a dataset or dataservice of the state being read or
// deleted: what onRead and onDelete need to tell what the portal's answer
// means.
type stateObject struct {
	noun string // "dataset" or "dataservice"
	id   string
	// owner and organization as the state last read them: whether the
	// API key would see the object.
	owner, organization types.String
	// importing (Read only): the state holds nothing but the id.
	importing bool
	// deleted (Read only) is the state's deleted attribute, set when the
	// object is kept for a restore.
	deleted *types.String
}

// onRead decides what the Read of the object does with the error err of
// its read. A 404 removes the object only when the key would see it (a
// purge); otherwise it is an error naming the likely cause, and the object
// stays in the state. A 410 to a key that is not one of its editors keeps
// it, planned for a restore (deleted is set).
func (o stateObject) onRead(ctx context.Context, data *providerData, err error, diags *diag.Diagnostics) readOutcome {
	noun, id := o.noun, o.id
	title := upperFirst(noun)
	switch {
	case err == nil:
		return readOn
	case errors.Is(err, client.ErrNotFound):
		visible, why, verr := visibility(ctx, data, noun, o.owner, o.organization)
		switch {
		case verr != nil:
			addClientError(diags, "Could not read "+noun, verr, nil)
		case !visible:
			diags.AddError(title+" not visible with this API key",
				fmt.Sprintf("data.gouv.fr answers 404 for the %s %s with this API key. %s It is kept in the state. "+
					"If it really was deleted and purged, remove it from the state with terraform state rm.", noun, id, why))
		default:
			diags.AddWarning(title+" no longer exists",
				fmt.Sprintf("The %s %s was not found on the portal, although this API key would see it: it was purged after "+
					"its deletion. It is removed from the state%s, and the next apply creates it anew (with a new id).", noun, id, purgedWith[noun]))
			return removeOnRead
		}
		return failedOnRead
	case errors.Is(err, client.ErrGone):
		if o.importing {
			diags.AddError("Cannot import a deleted "+noun,
				fmt.Sprintf("The %s %s is deleted and this API key is not one of its editors. Import it with an editor's key.", noun, id))
			return failedOnRead
		}
		if o.deleted.IsNull() {
			*o.deleted = types.StringValue(time.Now().UTC().Truncate(time.Second).Format(time.RFC3339))
		}
		diags.AddWarning(title+" deleted on the portal",
			fmt.Sprintf("The %s %s was deleted out of band and this API key cannot read it anymore (410). Apply restores it, "+
				"which needs the key of one of its editors. %s", noun, id, errorDetail(err)))
		return keepForRestore
	}
	addClientError(diags, "Could not read "+noun, err, nil)
	return failedOnRead
}

// purgedWith names what leaves the state with a purged object of a kind
// (purged_datasets.go).
var purgedWith = map[string]string{"dataset": " with its files and file order"}

// upperFirst is noun at the start of a diagnostic's summary.
func upperFirst(noun string) string { return strings.ToUpper(noun[:1]) + noun[1:] }

// onDelete reports a 404 on the delete of the object: already gone,
// unless this key just cannot see it.
func (o stateObject) onDelete(ctx context.Context, data *providerData, diags *diag.Diagnostics) {
	noun, id := o.noun, o.id
	visible, why, err := visibility(ctx, data, noun, o.owner, o.organization)
	switch {
	case err != nil:
		addClientError(diags, "Could not delete "+noun, err, nil)
	case !visible:
		diags.AddError(upperFirst(noun)+" not visible with this API key",
			fmt.Sprintf("data.gouv.fr answers 404 for the %s %s with this API key, so it was not deleted. %s", noun, id, why))
	}
}

// resourceGone is what a 404 on a resource of the state means.
type resourceGone int

const (
	resourceUnconfirmed   resourceGone = iota // its dataset answers 404 too, and nothing shows it was purged
	resourceDeleted                           // its dataset is there: the resource alone was deleted
	resourceDatasetPurged                     // its dataset was purged, and the resource with it
)

// resourceGoneConfirmed tells what a 404 on a resource of datasetID means:
// the resource was deleted when its dataset is there (or soft-deleted,
// visible to its editors); both were purged when the dataset answers 404
// and datasetPurgeConfirmed says so (private: the resource's private state).
// When unconfirmed, why explains it.
func resourceGoneConfirmed(ctx context.Context, data *providerData, datasetID string, private privateGetter) (gone resourceGone, why string, err error) {
	_, err = data.client.Datasets.Get(ctx, datasetID)
	switch {
	case err == nil, errors.Is(err, client.ErrGone):
		return resourceDeleted, "", nil
	case !errors.Is(err, client.ErrNotFound):
		return resourceUnconfirmed, "", err
	}
	purged, why, err := datasetPurgeConfirmed(ctx, data, datasetID, private)
	if purged {
		return resourceDatasetPurged, "", err
	}
	return resourceUnconfirmed, why, err
}

// datasetPurgeConfirmed tells whether the 404 of dataset datasetID, read
// for what lives in it (its files, its file order), means that it was
// purged, by onRead's rule (the key would see the dataset): the dataset's
// own Read in this process confirmed it, or the owner and organization
// recorded in private (remembered_dataset_owner.go) show that the key would see it.
// Without a record, only a site admin's key, which sees every dataset,
// confirms it. When not, why explains it.
func datasetPurgeConfirmed(ctx context.Context, data *providerData, datasetID string, private privateGetter) (purged bool, why string, err error) {
	if data.purged.has(datasetID) {
		return true, "", nil
	}
	owner, organization, known, diags := rememberedDatasetOwner(ctx, private)
	if known && !diags.HasError() {
		visible, why, err := visibility(ctx, data, "dataset", owner, organization)
		if !visible && err == nil {
			why = fmt.Sprintf("Its dataset %s answers 404 too. %s If the dataset really was deleted and purged, "+
				"remove its files and file order from the state with terraform state rm.", datasetID, why)
		}
		return visible, why, err
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
		"manages the dataset). If the dataset really is gone, manage it in the same configuration (its Read then "+
		"confirms the purge and takes its files out of the state) or remove its files and file order from the state with "+
		"terraform state rm.", datasetID), nil
}
