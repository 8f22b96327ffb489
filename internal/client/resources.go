package client

import "context"

func (s *ResourcesService) Get(ctx context.Context, datasetID, resourceID string) (*Resource, error) {
	return nil, errTODO
}
func (s *ResourcesService) Lookup(ctx context.Context, resourceID string) (res *Resource, datasetID string, err error) {
	return nil, "", errTODO
}
func (s *ResourcesService) CreateRemote(ctx context.Context, datasetID string, in *ResourceInput) (*Resource, error) {
	return nil, errTODO
}
func (s *ResourcesService) Update(ctx context.Context, datasetID, resourceID string, in *ResourceInput) (*Resource, error) {
	return nil, errTODO
}
func (s *ResourcesService) Delete(ctx context.Context, datasetID, resourceID string) error {
	return errTODO
}
