package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// TransfersService covers /api/1/transfer/: udata moves a dataset or a
// dataservice to another organization (or user) only through a transfer,
// requested by an administrator of its current owner and accepted by an
// administrator of the recipient. The object keeps its id, slug, followers
// and statistics.
type TransfersService service

// Transfer classes, as udata's model names (the "class" of a reference).
const (
	TransferDataset      = "Dataset"
	TransferDataservice  = "Dataservice"
	TransferOrganization = "Organization"
	TransferUser         = "User"
)

// TransferRef names the subject, owner or recipient of a transfer.
type TransferRef struct {
	Class string `json:"class"`
	ID    string `json:"id"`
}

// Transfer is a transfer request as udata returns it.
type Transfer struct {
	ID        string      `json:"id"`
	Status    string      `json:"status"` // pending, accepted, refused
	Subject   TransferRef `json:"subject"`
	Owner     TransferRef `json:"owner"`
	Recipient TransferRef `json:"recipient"`
	Comment   *string     `json:"comment"`
	Created   string      `json:"created"`
	Responded *string     `json:"responded"`
}

// TransferRequest is the body of POST /api/1/transfer/.
type TransferRequest struct {
	Subject   TransferRef `json:"subject"`
	Recipient TransferRef `json:"recipient"`
	// Comment is required by udata's API model; it is shown to the
	// recipient's administrators.
	Comment string `json:"comment"`
}

func transferPath(id string) string { return "/api/1/transfer/" + url.PathEscape(id) + "/" }

// Request asks for subject to be given to recipient. udata answers 403
// unless the caller administers the subject's current owner (or is a site
// admin), and 400 when the recipient already owns it. The request is a
// POST that is not retried once it may have reached udata: an error for
// which errors.Is(err, ErrUncertain) holds means a transfer may exist
// anyway, pending on the portal.
func (s *TransfersService) Request(ctx context.Context, in TransferRequest) (*Transfer, error) {
	if err := nonEmpty("transfer subject id", in.Subject.ID); err != nil {
		return nil, err
	}
	if err := nonEmpty("transfer recipient id", in.Recipient.ID); err != nil {
		return nil, err
	}
	var t Transfer
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/1/transfer/", in, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// Accept accepts a pending transfer: udata then moves the subject to the
// recipient. 403 unless the caller administers the recipient organization,
// is the recipient user, or is a site admin; 400 (ErrValidation) once the
// transfer was accepted or refused, which is also what a repeated accept
// whose first answer was lost gets: read the subject to know.
func (s *TransfersService) Accept(ctx context.Context, id, comment string) (*Transfer, error) {
	return s.respond(ctx, id, "accept", comment)
}

func (s *TransfersService) respond(ctx context.Context, id, response, comment string) (*Transfer, error) {
	if err := nonEmpty("transfer id", id); err != nil {
		return nil, err
	}
	if response == "" {
		return nil, errors.New("datagouv client: empty transfer response")
	}
	body := map[string]string{"response": response}
	if comment != "" {
		body["comment"] = comment
	}
	var t Transfer
	if err := s.c.doJSON(ctx, http.MethodPost, transferPath(id), body, &t); err != nil {
		return nil, err
	}
	return &t, nil
}
