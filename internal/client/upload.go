package client

import (
	"context"
	"io"
)

// UploadFile is a local file to upload. Content is read as a stream.
type UploadFile struct {
	Name    string
	Content io.ReaderAt
	Size    int64
}

// UploadResult is the resource the server answered and what was sent.
type UploadResult struct {
	Resource *Resource
	SHA1     string // hex sha1 of the bytes actually sent
	Size     int64  // number of bytes actually sent
}

func (s *ResourcesService) Upload(ctx context.Context, datasetID string, f UploadFile) (*UploadResult, error) {
	return nil, errTODO
}
func (s *ResourcesService) Replace(ctx context.Context, datasetID, resourceID string, f UploadFile) (*UploadResult, error) {
	return nil, errTODO
}
