package client

import (
	"context"
	"errors"
	"net/http"
)

// Exists tells whether the portal has a dataset with this id (or slug),
// whoever may read it: udata's followers list (GET
// /api/1/datasets/{id}/followers/) looks the dataset up without checking
// permissions, so it answers for private and soft-deleted datasets too,
// which Get reports as not found or gone to a key that may not read them.
// It is what udata checks when an object names a dataset (a dataservice's
// datasets: any dataset that exists).
func (s *DatasetsService) Exists(ctx context.Context, idOrSlug string) (bool, error) {
	if err := nonEmpty("dataset id", idOrSlug); err != nil {
		return false, err
	}
	var page struct {
		Total int `json:"total"`
	}
	err := s.c.doJSON(ctx, http.MethodGet, datasetPath(idOrSlug)+"followers/", nil, &page)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}
