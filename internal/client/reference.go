package client

import (
	"context"
	"net/http"
	"net/url"
)

// Licenses lists the instance's licenses (GET /api/1/datasets/licenses/).
func (s *ReferenceService) Licenses(ctx context.Context) ([]License, error) {
	var out []License
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/datasets/licenses/", nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Frequencies lists the update frequencies.
func (s *ReferenceService) Frequencies(ctx context.Context) ([]Choice, error) {
	var out []Choice
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/datasets/frequencies/", nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// ResourceTypes lists the resource types (main, documentation, …).
func (s *ReferenceService) ResourceTypes(ctx context.Context) ([]Choice, error) {
	var out []Choice
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/datasets/resource_types/", nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Extensions lists the file extensions allowed for uploads.
func (s *ReferenceService) Extensions(ctx context.Context) ([]string, error) {
	var out []string
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/datasets/extensions/", nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Me reads the caller (the key's user) and their organizations.
func (s *ReferenceService) Me(ctx context.Context) (*Me, error) {
	var out Me
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/me/", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Organization reads an organization by id or slug.
func (s *ReferenceService) Organization(ctx context.Context, idOrSlug string) (*Organization, error) {
	if err := nonEmpty("organization id", idOrSlug); err != nil {
		return nil, err
	}
	var out Organization
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/organizations/"+url.PathEscape(idOrSlug)+"/", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Schemas lists the data schemas of the portal's catalogue
// (GET /api/1/datasets/schemas/): those a resource's schema may name. An
// empty list means the portal checks no schema name (udata does the same
// without a catalogue); 503 means the catalogue is unavailable.
func (s *ReferenceService) Schemas(ctx context.Context) ([]CatalogSchema, error) {
	var out []CatalogSchema
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/datasets/schemas/", nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// SpatialGranularities lists the spatial granularities a dataset may have
// (GET /api/1/spatial/granularities/), with their names.
func (s *ReferenceService) SpatialGranularities(ctx context.Context) ([]SpatialChoice, error) {
	var out []SpatialChoice
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/spatial/granularities/", nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// SpatialZone reads a geographic zone by its id, e.g. "fr:region:11"
// (GET /api/1/spatial/zone/{id}/); ErrNotFound when the portal knows none.
func (s *ReferenceService) SpatialZone(ctx context.Context, id string) (*SpatialZone, error) {
	if err := nonEmpty("zone id", id); err != nil {
		return nil, err
	}
	var out SpatialZone
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/spatial/zone/"+url.PathEscape(id)+"/", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
