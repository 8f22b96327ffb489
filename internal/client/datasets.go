package client

import (
	"context"
	"errors"
)

var errTODO = errors.New("not implemented")

// DatasetListOptions filters GET /api/1/datasets/.
type DatasetListOptions struct {
	Page, PageSize              int
	Organization, Owner, Tag, Q string
}

// DatasetPage is one page of a dataset listing.
type DatasetPage struct {
	Data                  []Dataset `json:"data"`
	Page, PageSize, Total int
	NextPage              *string
}

func (s *DatasetsService) Get(ctx context.Context, idOrSlug string) (*Dataset, error) {
	return nil, errTODO
}
func (s *DatasetsService) Create(ctx context.Context, in *DatasetInput) (*Dataset, error) {
	return nil, errTODO
}
func (s *DatasetsService) Update(ctx context.Context, id string, in *DatasetInput) (*Dataset, error) {
	return nil, errTODO
}
func (s *DatasetsService) Restore(ctx context.Context, id string, in *DatasetInput) (*Dataset, error) {
	return nil, errTODO
}
func (s *DatasetsService) Delete(ctx context.Context, id string) error { return errTODO }
func (s *DatasetsService) List(ctx context.Context, opts DatasetListOptions) (*DatasetPage, error) {
	return nil, errTODO
}
