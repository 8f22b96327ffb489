package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
)

// ContactPointsService covers /api/1/contacts/: the contact points that
// datasets and dataservices name.
type ContactPointsService service

// ContactPoint is a contact point as udata returns it.
type ContactPoint struct {
	ID           string           `json:"id"`
	Name         string           `json:"name"`
	Email        *string          `json:"email"`
	ContactForm  *string          `json:"contact_form"`
	Role         string           `json:"role"`
	Organization *OrganizationRef `json:"organization"`
	Owner        *UserRef         `json:"owner"`
}

// ContactPointInput is the body of a contact point POST or PUT. udata's
// PUT keeps absent fields and clears null ones: every field is sent.
type ContactPointInput struct {
	Name        string  `json:"name"`
	Email       *string `json:"email"`
	ContactForm *string `json:"contact_form"`
	Role        string  `json:"role"`
	// Organization is sent on create only (udata refuses to change it);
	// empty makes the contact point the caller's own.
	Organization string `json:"organization,omitempty"`
}

// ContactPointPage is one page of a contact point listing.
type ContactPointPage struct {
	Data     []ContactPoint `json:"data"`
	Page     int            `json:"page"`
	PageSize int            `json:"page_size"`
	Total    int            `json:"total"`
	NextPage *string        `json:"next_page"`
}

func contactPointPath(id string) string { return "/api/1/contacts/" + url.PathEscape(id) + "/" }

// Get reads a contact point (anyone may). A deleted one is ErrNotFound:
// udata deletes contact points for good.
func (s *ContactPointsService) Get(ctx context.Context, id string) (*ContactPoint, error) {
	if err := nonEmpty("contact point id", id); err != nil {
		return nil, err
	}
	var cp ContactPoint
	if err := s.c.doJSON(ctx, http.MethodGet, contactPointPath(id), nil, &cp); err != nil {
		return nil, err
	}
	return &cp, nil
}

// Create posts a contact point. udata's POST is a get_or_create on the
// fields and the owner: the same body answers the same contact point, so
// the request is repeated freely when its answer is lost (never an
// ErrUncertain). The caller cannot tell a new contact point from an
// existing identical one: look for one first (ListByOrganization,
// ListByUser) when that matters.
func (s *ContactPointsService) Create(ctx context.Context, in *ContactPointInput) (*ContactPoint, error) {
	if in == nil {
		return nil, errors.New("datagouv client: ContactPoints.Create: nil input")
	}
	r, err := jsonRequest(http.MethodPost, "/api/1/contacts/", in)
	if err != nil {
		return nil, err
	}
	r.idempotent = true
	var cp ContactPoint
	if err := s.c.do(ctx, r, &cp); err != nil {
		return nil, err
	}
	return &cp, nil
}

// Update PUTs every field of a contact point; the organization is never
// sent. udata refuses (400 on "name") fields identical to another contact
// point's, whoever owns it.
func (s *ContactPointsService) Update(ctx context.Context, id string, in *ContactPointInput) (*ContactPoint, error) {
	if in == nil {
		return nil, errors.New("datagouv client: ContactPoints.Update: nil input")
	}
	if err := nonEmpty("contact point id", id); err != nil {
		return nil, err
	}
	n := *in
	n.Organization = ""
	var cp ContactPoint
	if err := s.c.doJSON(ctx, http.MethodPut, contactPointPath(id), &n, &cp); err != nil {
		return nil, err
	}
	return &cp, nil
}

// Delete deletes a contact point for good; udata takes it out of the
// dataservices that named it. Already deleted → ErrNotFound.
func (s *ContactPointsService) Delete(ctx context.Context, id string) error {
	if err := nonEmpty("contact point id", id); err != nil {
		return err
	}
	return s.c.doJSON(ctx, http.MethodDelete, contactPointPath(id), nil, nil)
}

// ListByOrganization reads one page of an organization's contact points,
// in creation order.
func (s *ContactPointsService) ListByOrganization(ctx context.Context, org string, page, pageSize int) (*ContactPointPage, error) {
	if err := nonEmpty("organization id", org); err != nil {
		return nil, err
	}
	return s.list(ctx, "/api/1/organizations/"+url.PathEscape(org)+"/contacts/", page, pageSize)
}

// ListByUser reads one page of a user's own contact points (those of no
// organization), in creation order.
func (s *ContactPointsService) ListByUser(ctx context.Context, user string, page, pageSize int) (*ContactPointPage, error) {
	if err := nonEmpty("user id", user); err != nil {
		return nil, err
	}
	return s.list(ctx, "/api/1/users/"+url.PathEscape(user)+"/contacts/", page, pageSize)
}

func (s *ContactPointsService) list(ctx context.Context, path string, page, pageSize int) (*ContactPointPage, error) {
	q := url.Values{}
	if page > 0 {
		q.Set("page", strconv.Itoa(page))
	}
	if pageSize > 0 {
		q.Set("page_size", strconv.Itoa(pageSize))
	}
	var p ContactPointPage
	if err := s.c.getQuery(ctx, path, q, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// ContactPointRoles lists the roles a contact point may have
// (GET /api/1/contacts/roles/).
func (s *ReferenceService) ContactPointRoles(ctx context.Context) ([]Choice, error) {
	var out []Choice
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/contacts/roles/", nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}
