package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

func resourcePath(datasetID, resourceID string) string {
	return datasetPath(datasetID) + "resources/" + url.PathEscape(resourceID) + "/"
}

// Get reads a resource of a dataset. The dataset's read rules apply first
// (404 private, 410 soft-deleted for non-editors).
func (s *ResourcesService) Get(ctx context.Context, datasetID, resourceID string) (*Resource, error) {
	if err := nonEmpty("dataset id", datasetID); err != nil {
		return nil, err
	}
	if err := nonEmpty("resource id", resourceID); err != nil {
		return nil, err
	}
	var res Resource
	if err := s.c.doJSON(ctx, http.MethodGet, resourcePath(datasetID, resourceID), nil, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

// Lookup finds a resource by its id alone (API v2) and returns the id of
// its dataset too, e.g. for an import.
func (s *ResourcesService) Lookup(ctx context.Context, resourceID string) (res *Resource, datasetID string, err error) {
	if err := nonEmpty("resource id", resourceID); err != nil {
		return nil, "", err
	}
	var out struct {
		Resource  *Resource `json:"resource"`
		DatasetID string    `json:"dataset_id"`
	}
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/2/datasets/resources/"+url.PathEscape(resourceID)+"/", nil, &out); err != nil {
		return nil, "", err
	}
	if out.Resource == nil {
		return nil, "", errors.New("GET /api/2/datasets/resources/" + resourceID + "/: the answer has no resource")
	}
	return out.Resource, out.DatasetID, nil
}

// CreateRemote adds a remote (link) resource; filetype is forced to
// "remote", the only kind this endpoint accepts. Uncertain outcomes are
// reported as with Datasets.Create.
func (s *ResourcesService) CreateRemote(ctx context.Context, datasetID string, in *ResourceInput) (*Resource, error) {
	if in == nil {
		return nil, errors.New("datagouv client: Resources.CreateRemote: nil input")
	}
	if err := nonEmpty("dataset id", datasetID); err != nil {
		return nil, err
	}
	body := *in
	body.Filetype = "remote"
	var res Resource
	if err := s.c.doJSON(ctx, http.MethodPost, datasetPath(datasetID)+"resources/", body, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

// Update PUTs a resource's metadata. Absent fields keep their value on the
// server; nil pointers are sent as null and clear them. For hosted files,
// udata ignores url, checksum, filesize, mime and format.
func (s *ResourcesService) Update(ctx context.Context, datasetID, resourceID string, in *ResourceInput) (*Resource, error) {
	if in == nil {
		return nil, errors.New("datagouv client: Resources.Update: nil input")
	}
	if err := nonEmpty("dataset id", datasetID); err != nil {
		return nil, err
	}
	if err := nonEmpty("resource id", resourceID); err != nil {
		return nil, err
	}
	var res Resource
	if err := s.c.doJSON(ctx, http.MethodPut, resourcePath(datasetID, resourceID), *in, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

// UpdateExtras writes some extras keys of a resource and leaves the others
// as they are (PUT /api/2/datasets/{id}/resources/{rid}/extras/): a key
// with a nil value is removed. The portal's checks and analyses write
// check:* and analysis:* keys at any time; this never drops one. Returns
// the resource's extras after the change.
func (s *ResourcesService) UpdateExtras(ctx context.Context, datasetID, resourceID string, extras map[string]any) (map[string]any, error) {
	if err := nonEmpty("dataset id", datasetID); err != nil {
		return nil, err
	}
	if err := nonEmpty("resource id", resourceID); err != nil {
		return nil, err
	}
	out := map[string]any{}
	path := "/api/2/datasets/" + url.PathEscape(datasetID) + "/resources/" + url.PathEscape(resourceID) + "/extras/"
	if err := s.c.doJSON(ctx, http.MethodPut, path, extras, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete removes a resource and its stored file (hard delete).
func (s *ResourcesService) Delete(ctx context.Context, datasetID, resourceID string) error {
	if err := nonEmpty("dataset id", datasetID); err != nil {
		return err
	}
	if err := nonEmpty("resource id", resourceID); err != nil {
		return err
	}
	return s.c.doJSON(ctx, http.MethodDelete, resourcePath(datasetID, resourceID), nil, nil)
}

// Reorder sets the order in which a dataset shows its resources. ids must
// name every resource of the dataset exactly once: udata answers 400 (an
// ErrValidation) otherwise, also when a resource was added since they were
// read. Safe to repeat: the same list gives the same order.
func (s *ResourcesService) Reorder(ctx context.Context, datasetID string, ids []string) error {
	if err := nonEmpty("dataset id", datasetID); err != nil {
		return err
	}
	if ids == nil {
		ids = []string{}
	}
	return s.c.doJSON(ctx, http.MethodPut, datasetPath(datasetID)+"resources/", ids, nil)
}
