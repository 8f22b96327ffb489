package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
)

// DatasetListOptions filters GET /api/1/datasets/. Zero values are not sent.
type DatasetListOptions struct {
	Page, PageSize              int
	Organization, Owner, Tag, Q string
	// Sort is udata's sort argument, e.g. "-created" (newest first, also
	// the server's default), "title", "-last_update".
	Sort string
	// Deleted, when set, is udata's deleted filter: false excludes
	// soft-deleted datasets, true lists them alone. Unset, udata lists the
	// deleted datasets the key's user owns (or all, to a site admin) with
	// the others. udata answers 401 to the filter without an API key.
	Deleted *bool
}

// DatasetPage is one page of a dataset listing.
type DatasetPage struct {
	Data     []Dataset `json:"data"`
	Page     int       `json:"page"`
	PageSize int       `json:"page_size"`
	Total    int       `json:"total"`
	NextPage *string   `json:"next_page"`
}

func datasetPath(id string) string { return "/api/1/datasets/" + url.PathEscape(id) + "/" }

// Get reads a dataset by id or slug (an old slug is followed through
// udata's 308). 404 → ErrNotFound (unknown, private to others, or purged);
// 410 → ErrGone (soft-deleted, caller is not an editor). An editor gets a
// soft-deleted dataset with Deleted set.
func (s *DatasetsService) Get(ctx context.Context, idOrSlug string) (*Dataset, error) {
	if err := nonEmpty("dataset id", idOrSlug); err != nil {
		return nil, err
	}
	var d Dataset
	if err := s.c.doJSON(ctx, http.MethodGet, datasetPath(idOrSlug), nil, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Create posts a new dataset. An error for which errors.Is(err,
// ErrUncertain) holds means it may exist anyway: look it up.
func (s *DatasetsService) Create(ctx context.Context, in *DatasetInput) (*Dataset, error) {
	if in == nil {
		return nil, errors.New("datagouv client: Datasets.Create: nil input")
	}
	body := normalizeDatasetInput(in).toJSON()
	var d Dataset
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/1/datasets/", body, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Update PUTs the full managed state. Tags are always sent (nil as []),
// nil pointers as null (clearing the field), and Organization is never sent
// (udata refuses to change it by PUT).
func (s *DatasetsService) Update(ctx context.Context, id string, in *DatasetInput) (*Dataset, error) {
	return s.put(ctx, "Update", id, in, false)
}

// Restore clears the soft deletion of a dataset: a PUT of the full state
// plus "deleted": null (the full state, because a PUT clears absent tags
// and temporal coverage).
func (s *DatasetsService) Restore(ctx context.Context, id string, in *DatasetInput) (*Dataset, error) {
	return s.put(ctx, "Restore", id, in, true)
}

func (s *DatasetsService) put(ctx context.Context, op, id string, in *DatasetInput, restore bool) (*Dataset, error) {
	if in == nil {
		return nil, errors.New("datagouv client: Datasets." + op + ": nil input")
	}
	if err := nonEmpty("dataset id", id); err != nil {
		return nil, err
	}
	n := normalizeDatasetInput(in)
	n.Organization = ""
	body := n.toJSON()
	if restore {
		body.Deleted = json.RawMessage("null")
	}
	var d Dataset
	if err := s.c.doJSON(ctx, http.MethodPut, datasetPath(id), body, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// UpdateExtras writes some extras keys of a dataset and leaves the others
// as they are (PUT /api/2/datasets/{id}/extras/): a key with a nil value is
// removed. The portal's own services write extras at any time, so a read
// of the whole object followed by a PUT of it could drop one written in
// between. Returns the dataset's extras after the change.
func (s *DatasetsService) UpdateExtras(ctx context.Context, id string, extras map[string]any) (map[string]any, error) {
	if err := nonEmpty("dataset id", id); err != nil {
		return nil, err
	}
	out := map[string]any{}
	if err := s.c.doJSON(ctx, http.MethodPut, "/api/2/datasets/"+url.PathEscape(id)+"/extras/", extras, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete soft-deletes a dataset. Already deleted → ErrGone; a retried
// DELETE whose first answer was lost also ends in ErrGone.
func (s *DatasetsService) Delete(ctx context.Context, id string) error {
	if err := nonEmpty("dataset id", id); err != nil {
		return err
	}
	return s.c.doJSON(ctx, http.MethodDelete, datasetPath(id), nil, nil)
}

// List reads one page of datasets.
func (s *DatasetsService) List(ctx context.Context, opts DatasetListOptions) (*DatasetPage, error) {
	q := url.Values{}
	if opts.Page > 0 {
		q.Set("page", strconv.Itoa(opts.Page))
	}
	if opts.PageSize > 0 {
		q.Set("page_size", strconv.Itoa(opts.PageSize))
	}
	for k, v := range map[string]string{"organization": opts.Organization, "owner": opts.Owner, "tag": opts.Tag, "q": opts.Q, "sort": opts.Sort} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if opts.Deleted != nil {
		q.Set("deleted", strconv.FormatBool(*opts.Deleted))
	}
	r, err := jsonRequest(http.MethodGet, "/api/1/datasets/", nil)
	if err != nil {
		return nil, err
	}
	r.query = q
	var p DatasetPage
	if err := s.c.do(ctx, r, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// normalizeDatasetInput copies in so that nil tags are sent as [] (udata's
// PUT would otherwise clear them anyway, but null is not a list).
func normalizeDatasetInput(in *DatasetInput) *DatasetInput {
	n := *in
	if n.Tags == nil {
		n.Tags = []string{}
	}
	// udata refuses null audiences (400) and reads an empty list as
	// "unchanged"; an empty access type is its default, open.
	if n.AccessAudiences == nil {
		n.AccessAudiences = []AccessAudience{}
	}
	if n.AccessType == "" {
		n.AccessType = AccessOpen
	}
	return &n
}

func nonEmpty(what, v string) error {
	if v == "" {
		return errors.New("datagouv client: empty " + what)
	}
	return nil
}
