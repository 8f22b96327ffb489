package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
)

// DataservicesService covers /api/1/dataservices/: the APIs of the
// catalogue.
type DataservicesService service

// DataserviceListOptions filters GET /api/1/dataservices/. Zero values are
// not sent.
type DataserviceListOptions struct {
	Page, PageSize      int
	Organization, Owner string
	Tag                 string
	// Sort is e.g. "-created" (newest first); udata's default is the
	// creation order.
	Sort string
}

// DataservicePage is one page of a dataservice listing.
type DataservicePage struct {
	Data     []Dataservice `json:"data"`
	Page     int           `json:"page"`
	PageSize int           `json:"page_size"`
	Total    int           `json:"total"`
	NextPage *string       `json:"next_page"`
}

func dataservicePath(id string) string { return "/api/1/dataservices/" + url.PathEscape(id) + "/" }

// Get reads a dataservice by id or slug (an old slug is followed through
// udata's 308). 404 → ErrNotFound (unknown, private to others, or purged);
// 410 → ErrGone (soft-deleted, and the caller is not an editor). An editor
// reads a soft-deleted dataservice with DeletedAt set.
func (s *DataservicesService) Get(ctx context.Context, idOrSlug string) (*Dataservice, error) {
	if err := nonEmpty("dataservice id", idOrSlug); err != nil {
		return nil, err
	}
	var d Dataservice
	if err := s.c.doJSON(ctx, http.MethodGet, dataservicePath(idOrSlug), nil, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Create posts a new dataservice. An error for which errors.Is(err,
// ErrUncertain) holds means it may exist anyway: look it up.
func (s *DataservicesService) Create(ctx context.Context, in *DataserviceInput) (*Dataservice, error) {
	if in == nil {
		return nil, errors.New("datagouv client: Dataservices.Create: nil input")
	}
	var d Dataservice
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/1/dataservices/", in.body(false), &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Update PATCHes the whole managed state (udata has no PUT for
// dataservices; its PATCH keeps absent fields, so every field is sent).
// The organization is never sent.
func (s *DataservicesService) Update(ctx context.Context, id string, in *DataserviceInput) (*Dataservice, error) {
	return s.patch(ctx, "Update", id, in, false)
}

// Restore clears the soft deletion of a dataservice, with the same PATCH
// plus "deleted_at": null (udata answers 410 to any other write to a
// deleted dataservice).
func (s *DataservicesService) Restore(ctx context.Context, id string, in *DataserviceInput) (*Dataservice, error) {
	return s.patch(ctx, "Restore", id, in, true)
}

func (s *DataservicesService) patch(ctx context.Context, op, id string, in *DataserviceInput, restore bool) (*Dataservice, error) {
	if in == nil {
		return nil, errors.New("datagouv client: Dataservices." + op + ": nil input")
	}
	if err := nonEmpty("dataservice id", id); err != nil {
		return nil, err
	}
	n := *in
	n.Organization = ""
	var d Dataservice
	if err := s.c.doJSON(ctx, http.MethodPatch, dataservicePath(id), n.body(restore), &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Delete soft-deletes a dataservice. Already deleted → ErrGone.
func (s *DataservicesService) Delete(ctx context.Context, id string) error {
	if err := nonEmpty("dataservice id", id); err != nil {
		return err
	}
	return s.c.doJSON(ctx, http.MethodDelete, dataservicePath(id), nil, nil)
}

// List reads one page of dataservices: the public ones, plus, for the
// caller, the private, archived and deleted ones of their own and of their
// organizations.
func (s *DataservicesService) List(ctx context.Context, opts DataserviceListOptions) (*DataservicePage, error) {
	q := url.Values{}
	if opts.Page > 0 {
		q.Set("page", strconv.Itoa(opts.Page))
	}
	if opts.PageSize > 0 {
		q.Set("page_size", strconv.Itoa(opts.PageSize))
	}
	for k, v := range map[string]string{"organization": opts.Organization, "owner": opts.Owner, "tag": opts.Tag, "sort": opts.Sort} {
		if v != "" {
			q.Set(k, v)
		}
	}
	var p DataservicePage
	if err := s.c.getQuery(ctx, "/api/1/dataservices/", q, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// datasetIDsPageSize is the page size of DatasetIDs.
const datasetIDsPageSize = 100

// DatasetIDs lists the ids of the datasets a dataservice serves, through
// the dataset listing's "dataservice" filter (a dataservice's own answer
// only counts them). The listing shows what the caller may see: a served
// dataset that is private to someone else is missing here though counted
// in Dataservice.Datasets.Total.
func (s *DataservicesService) DatasetIDs(ctx context.Context, id string) ([]string, error) {
	if err := nonEmpty("dataservice id", id); err != nil {
		return nil, err
	}
	ids := []string{}
	for page := 1; ; page++ {
		q := url.Values{"dataservice": {id}, "page": {strconv.Itoa(page)}, "page_size": {strconv.Itoa(datasetIDsPageSize)}}
		var p struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
			NextPage *string `json:"next_page"`
		}
		if err := s.c.getQuery(ctx, "/api/1/datasets/", q, &p); err != nil {
			return nil, err
		}
		for _, d := range p.Data {
			ids = append(ids, d.ID)
		}
		if p.NextPage == nil || len(p.Data) == 0 {
			return ids, nil
		}
	}
}

// getQuery GETs path with a query string.
func (c *Client) getQuery(ctx context.Context, path string, q url.Values, out any) error {
	r, err := jsonRequest(http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	r.query = q
	return c.do(ctx, r, out)
}
