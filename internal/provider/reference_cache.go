package provider

import (
	"context"
	"errors"
	"sync"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// referenceCache holds what the plan-time checks read of the portal: its
// reference lists (licences, resource types, upload extensions, the
// catalogue's contact roles and access reasons), the objects configurations
// name by id, and the caller's identity, each fetched at most once per
// configured provider, however many resources check against them during a
// plan. A failed fetch is not cached: the next caller tries again.
type referenceCache struct {
	licenses         lazy[[]client.License]
	frequencies      lazy[[]client.Choice]
	resourceTypeList lazy[[]client.Choice]
	extensions       lazy[[]string]
	me               lazy[*client.Me]
	schemas          lazy[[]client.CatalogSchema]
	granularities    lazy[[]client.SpatialChoice]

	contactRoles     lazy[[]client.Choice]
	reasonCategories lazy[[]client.AccessReasonCategory]

	zones keyedLazy[bool]
	// contactPoints are the contact points configurations name, by id
	// (nil: none with this id), read once each (referenced_objects.go).
	contactPoints keyedLazy[*client.ContactPoint]
}

func newReferenceCache(c *client.Client) *referenceCache {
	return &referenceCache{
		licenses:         lazy[[]client.License]{load: c.Reference.Licenses},
		frequencies:      lazy[[]client.Choice]{load: c.Reference.Frequencies},
		resourceTypeList: lazy[[]client.Choice]{load: c.Reference.ResourceTypes},
		extensions:       lazy[[]string]{load: c.Reference.Extensions},
		me:               lazy[*client.Me]{load: c.Reference.Me},
		schemas:          lazy[[]client.CatalogSchema]{load: c.Reference.Schemas},
		granularities:    lazy[[]client.SpatialChoice]{load: c.Reference.SpatialGranularities},
		contactRoles:     lazy[[]client.Choice]{load: c.Reference.ContactPointRoles},
		reasonCategories: lazy[[]client.AccessReasonCategory]{load: c.Reference.AccessReasonCategories},
		contactPoints:    keyedLazy[*client.ContactPoint]{load: contactPointOrNil(c)},
		zones: keyedLazy[bool]{load: func(ctx context.Context, id string) (bool, error) {
			_, err := c.Reference.SpatialZone(ctx, id)
			if errors.Is(err, client.ErrNotFound) {
				return false, nil
			}
			return err == nil, err
		}},
	}
}

func (r *referenceCache) Licenses(ctx context.Context) ([]client.License, error) {
	return r.licenses.get(ctx)
}

func (r *referenceCache) Frequencies(ctx context.Context) ([]client.Choice, error) {
	return r.frequencies.get(ctx)
}

func (r *referenceCache) ResourceTypes(ctx context.Context) ([]client.Choice, error) {
	return r.resourceTypeList.get(ctx)
}

func (r *referenceCache) Extensions(ctx context.Context) ([]string, error) {
	return r.extensions.get(ctx)
}

// Schemas is the portal's schema catalogue (empty: the portal checks no
// schema name).
func (r *referenceCache) Schemas(ctx context.Context) ([]client.CatalogSchema, error) {
	return r.schemas.get(ctx)
}

// SpatialGranularities are the granularities a dataset's coverage may have.
func (r *referenceCache) SpatialGranularities(ctx context.Context) ([]client.SpatialChoice, error) {
	return r.granularities.get(ctx)
}

// ZoneExists tells whether the portal knows the zone id, asking once per
// id: the zones are too many to list.
func (r *referenceCache) ZoneExists(ctx context.Context, id string) (bool, error) {
	return r.zones.get(ctx, id)
}

// ContactRoles are the roles a contact point may have.
func (r *referenceCache) ContactRoles(ctx context.Context) ([]client.Choice, error) {
	return r.contactRoles.get(ctx)
}

// ReasonCategories are the reasons an access may be other than open.
func (r *referenceCache) ReasonCategories(ctx context.Context) ([]client.AccessReasonCategory, error) {
	return r.reasonCategories.get(ctx)
}

// ContactPoint is the contact point with this id, nil when the portal has
// none.
func (r *referenceCache) ContactPoint(ctx context.Context, id string) (*client.ContactPoint, error) {
	return r.contactPoints.get(ctx, id)
}

// Me is the API key's user and their organizations.
func (r *referenceCache) Me(ctx context.Context) (*client.Me, error) {
	return r.me.get(ctx)
}

// lazy is a value loaded on first use. Concurrent first users wait for one
// load instead of each sending the same request.
type lazy[T any] struct {
	load func(context.Context) (T, error)

	mu     sync.Mutex
	loaded bool
	value  T
}

func (l *lazy[T]) get(ctx context.Context) (T, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.loaded {
		return l.value, nil
	}
	v, err := l.load(ctx)
	if err != nil {
		return v, err
	}
	l.value, l.loaded = v, true
	return v, nil
}

// keyedLazy is a value per key loaded on first use, each key's load shared
// by its concurrent first users (lazy's rule, per key).
type keyedLazy[T any] struct {
	load func(ctx context.Context, key string) (T, error)

	mu sync.Mutex
	m  map[string]*lazy[T]
}

func (k *keyedLazy[T]) get(ctx context.Context, key string) (T, error) {
	k.mu.Lock()
	if k.m == nil {
		k.m = map[string]*lazy[T]{}
	}
	l, ok := k.m[key]
	if !ok {
		l = &lazy[T]{load: func(ctx context.Context) (T, error) { return k.load(ctx, key) }}
		k.m[key] = l
	}
	k.mu.Unlock()
	return l.get(ctx)
}
