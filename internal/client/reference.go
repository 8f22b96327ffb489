package client

import "context"

func (s *ReferenceService) Licenses(ctx context.Context) ([]License, error)     { return nil, errTODO }
func (s *ReferenceService) Frequencies(ctx context.Context) ([]Choice, error)   { return nil, errTODO }
func (s *ReferenceService) ResourceTypes(ctx context.Context) ([]Choice, error) { return nil, errTODO }
func (s *ReferenceService) Extensions(ctx context.Context) ([]string, error)    { return nil, errTODO }
func (s *ReferenceService) Me(ctx context.Context) (*Me, error)                 { return nil, errTODO }
func (s *ReferenceService) Organization(ctx context.Context, idOrSlug string) (*Organization, error) {
	return nil, errTODO
}
