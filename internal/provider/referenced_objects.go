package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// Plan-time checks of the objects a configuration names by id: the datasets
// a dataservice serves, the contact points of a dataset or a dataservice.
// udata refuses at apply an id naming no object (a dataservice: 400
// "Unknown reference"; a dataset: "Wrong contact point id or contact point
// ownership mismatch"), and a dataset's contact point owned by anyone but
// the dataset's organization (or, without one, its owner user: udata's
// validate_contact_point). A dataservice's contact points and datasets may
// belong to anyone. Checked at plan against the owner the dataset will have
// once applied (after a transfer, the recipient), an apply never moves a
// dataset and then fails its update.
//
// Ids not known yet (an object created by the same apply) are skipped: they
// are checked at apply's plan. Each object is read at most once per
// provider process (datasets through datasetReads, contact points through
// referenceCache).

// contactPointOrNil reads a contact point, nil when the portal has none
// with this id.
func contactPointOrNil(c *client.Client) func(ctx context.Context, id string) (*client.ContactPoint, error) {
	return func(ctx context.Context, id string) (*client.ContactPoint, error) {
		cp, err := c.ContactPoints.Get(ctx, id)
		if errors.Is(err, client.ErrNotFound) {
			return nil, nil
		}
		return cp, err
	}
}

// contactOwner is who must own a dataset's contact points: its
// organization, or without one its owner user. why says whose they are
// ("the dataset's organization after the transfer this plan makes").
type contactOwner struct {
	organization, user string
	why                string
}

// checkContactPoints refuses at plan the contact points the portal does
// not have and, with an owner, those owned by anyone else, each on its
// element of contact_points.
func checkContactPoints(ctx context.Context, data *providerData, list types.List, owner *contactOwner, diags *diag.Diagnostics) {
	if list.IsNull() || list.IsUnknown() {
		return
	}
	for i, e := range list.Elements() {
		id, ok := e.(types.String)
		if !ok || !isSet(id) || !objectIDPattern.MatchString(id.ValueString()) {
			continue // unknown until apply, or refused by the attribute's validator
		}
		at := path.Root("contact_points").AtListIndex(i)
		cp, err := data.reference.ContactPoint(ctx, id.ValueString())
		if err != nil {
			addClientError(diags, "Could not check a contact point", err, nil)
			return
		}
		if cp == nil {
			diags.AddAttributeError(at, "Contact point not found",
				fmt.Sprintf("%s: data.gouv.fr has no contact point %q, and would refuse the write. Refer to an existing one, "+
					"e.g. datagouv_contact_point.<name>.id.", at, id.ValueString()))
			continue
		}
		if owner == nil {
			continue
		}
		switch {
		case owner.organization != "" && (cp.Organization == nil || cp.Organization.ID != owner.organization):
			diags.AddAttributeError(at, "Contact point of another owner",
				fmt.Sprintf("%s: the contact point %q (%s) belongs to %s, not to the organization %s, %s. data.gouv.fr accepts only "+
					"contact points of the dataset's organization, and would refuse the write. Refer to a contact point of that "+
					"organization (a datagouv_contact_point with organization = %q).",
					at, cp.Name, cp.ID, contactPointOwner(cp), owner.organization, owner.why, owner.organization))
		case owner.organization == "" && owner.user != "" && (cp.Organization != nil || cp.Owner == nil || cp.Owner.ID != owner.user):
			diags.AddAttributeError(at, "Contact point of another owner",
				fmt.Sprintf("%s: the contact point %q (%s) belongs to %s, not to the user %s, %s. data.gouv.fr accepts only "+
					"contact points of the dataset's owner, and would refuse the write. Refer to a contact point of that user "+
					"(a datagouv_contact_point without organization, created with that user's key).",
					at, cp.Name, cp.ID, contactPointOwner(cp), owner.user, owner.why))
		}
	}
}

// contactPointOwner names a contact point's owner.
func contactPointOwner(cp *client.ContactPoint) string {
	switch {
	case cp.Organization != nil:
		return fmt.Sprintf("the organization %q (%s)", cp.Organization.Name, cp.Organization.ID)
	case cp.Owner != nil:
		return "the user " + cp.Owner.ID
	}
	return "nobody"
}

// checkServedDatasets refuses at plan the datasets of a dataservice that
// the portal does not have (udata: 400 "Unknown reference"), each on its
// element of datasets. A dataset private to others, or soft-deleted, is
// still one udata accepts.
func checkServedDatasets(ctx context.Context, data *providerData, set types.Set, diags *diag.Diagnostics) {
	if set.IsNull() || set.IsUnknown() {
		return
	}
	for _, e := range set.Elements() {
		id, ok := e.(types.String)
		if !ok || !isSet(id) || !objectIDPattern.MatchString(id.ValueString()) {
			continue
		}
		_, err := data.datasetReads.Dataset(ctx, id.ValueString())
		if errors.Is(err, client.ErrNotFound) {
			// Or private to others, which udata accepts: ask whether it
			// exists at all.
			var exists bool
			if exists, err = data.client.Datasets.Exists(ctx, id.ValueString()); err == nil && !exists {
				at := path.Root("datasets").AtSetValue(id)
				diags.AddAttributeError(at, "Dataset not found",
					fmt.Sprintf("%s: data.gouv.fr has no dataset %q, and would refuse the write. Refer to an existing dataset, "+
						"e.g. datagouv_dataset.<name>.id.", at, id.ValueString()))
			}
		}
		switch {
		case err == nil, errors.Is(err, client.ErrGone):
		default:
			addClientError(diags, "Could not check a dataset the dataservice serves", err, nil)
			return
		}
	}
}
