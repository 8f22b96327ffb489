package client

import (
	"context"
	"net/http"
)

// AccessReasonCategory is a reason a dataset or dataservice is not open
// (an INSPIRE limitation category), from GET /api/1/access_type/reason_categories/.
type AccessReasonCategory struct {
	Value      string `json:"value"`
	Label      string `json:"label"`
	Definition string `json:"definition"`
}

// AccessReasonCategories lists the reason categories of a non-open access.
func (s *ReferenceService) AccessReasonCategories(ctx context.Context) ([]AccessReasonCategory, error) {
	var out []AccessReasonCategory
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/1/access_type/reason_categories/", nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}
