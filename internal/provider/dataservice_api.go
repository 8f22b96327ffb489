package provider

import (
	"context"
	"fmt"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The two reads that make up a dataservice, and its creation made safe to
// repeat (create_recovery.go).

// readDataservice reads a dataservice (by id or slug) and the ids of the
// datasets it serves, which its own answer only counts.
func readDataservice(ctx context.Context, data *providerData, idOrSlug string) (*client.Dataservice, []string, error) {
	d, err := data.client.Dataservices.Get(ctx, idOrSlug)
	if err != nil {
		return nil, nil, err
	}
	ids, err := servedDatasetIDs(ctx, data, d)
	return d, ids, err
}

// servedDatasetIDs lists the datasets d serves.
func servedDatasetIDs(ctx context.Context, data *providerData, d *client.Dataservice) ([]string, error) {
	if d.Datasets.IDs != nil {
		return d.Datasets.IDs, nil
	}
	if d.Datasets.Total == 0 {
		return []string{}, nil
	}
	ids, err := data.client.Dataservices.DatasetIDs(ctx, d.ID)
	if err != nil {
		return nil, fmt.Errorf("listing the datasets dataservice %s serves: %w", d.ID, err)
	}
	// udata ignores the filter of a dataservice it no longer has (purged
	// meanwhile), and lists every dataset: never take that for the list.
	if len(ids) > d.Datasets.Total {
		return nil, fmt.Errorf("listing the datasets dataservice %s serves gave %d datasets where it counts %d: it was changed or purged meanwhile; try again",
			d.ID, len(ids), d.Datasets.Total)
	}
	return ids, nil
}

// createDataservice posts a new dataservice, marked so that an uncertain
// POST can be looked up among the newest dataservices of its organization,
// or of the API key's user when it has none.
func createDataservice(ctx context.Context, data *providerData, in *client.DataserviceInput) (*client.Dataservice, error) {
	token, err := newCreateToken()
	if err != nil {
		return nil, err
	}
	marked := *in
	marked.Extras = withMarker(in.Extras, token)
	svc := data.client.Dataservices
	return createOnce(ctx, "dataservice",
		func(ctx context.Context) (*client.Dataservice, error) { return svc.Create(ctx, &marked) },
		func(ctx context.Context) ([]*client.Dataservice, error) {
			return findMarkedDataservices(ctx, data, in.Organization, token)
		},
		func(ctx context.Context, d *client.Dataservice) error { return svc.Delete(ctx, d.ID) },
	)
}

// findMarkedDataservices lists the newest dataservices of the organization
// (or of the caller) and returns those carrying the token, oldest first.
// The listing shows an owner their private and deleted ones too.
func findMarkedDataservices(ctx context.Context, data *providerData, organization, token string) ([]*client.Dataservice, error) {
	opts := client.DataserviceListOptions{PageSize: lookupPageSize, Sort: "-created", Organization: organization}
	if organization == "" {
		me, err := data.reference.Me(ctx)
		if err != nil {
			return nil, err
		}
		opts.Owner = me.ID
	}
	var found []*client.Dataservice
	for page := 1; page <= lookupPages; page++ {
		opts.Page = page
		p, err := data.client.Dataservices.List(ctx, opts)
		if err != nil {
			return nil, err
		}
		for i := range p.Data {
			if hasMarker(p.Data[i].Extras, token) {
				found = append([]*client.Dataservice{&p.Data[i]}, found...) // newest first → oldest first
			}
		}
		if p.NextPage == nil || len(p.Data) == 0 {
			break
		}
	}
	return found, nil
}
