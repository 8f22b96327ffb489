package provider

import (
	"context"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// catalogLists are the portal's lists that the catalogue's resources
// (contact points, dataservices, access rules) are checked against at plan
// time, each fetched at most once per configured provider like
// referenceCache's (and with its lazy loader). Kept apart from
// referenceCache, which holds the dataset's lists.
type catalogLists struct {
	contactRoles     lazy[[]client.Choice]
	reasonCategories lazy[[]client.AccessReasonCategory]
	// contactPoints are the contact points configurations name, by id
	// (nil: none with this id), read once each (referenced_objects.go).
	contactPoints keyedLazy[*client.ContactPoint]
}

func newCatalogLists(c *client.Client) *catalogLists {
	return &catalogLists{
		contactRoles:     lazy[[]client.Choice]{load: c.Reference.ContactPointRoles},
		reasonCategories: lazy[[]client.AccessReasonCategory]{load: c.Reference.AccessReasonCategories},
		contactPoints:    keyedLazy[*client.ContactPoint]{load: contactPointOrNil(c)},
	}
}

// ContactRoles are the roles a contact point may have.
func (l *catalogLists) ContactRoles(ctx context.Context) ([]client.Choice, error) {
	return l.contactRoles.get(ctx)
}

// ReasonCategories are the reasons an access may be other than open.
func (l *catalogLists) ReasonCategories(ctx context.Context) ([]client.AccessReasonCategory, error) {
	return l.reasonCategories.get(ctx)
}

// ContactPoint is the contact point with this id, nil when the portal has
// none.
func (l *catalogLists) ContactPoint(ctx context.Context, id string) (*client.ContactPoint, error) {
	return l.contactPoints.get(ctx, id)
}
