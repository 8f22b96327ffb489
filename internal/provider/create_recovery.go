package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/filehash"
)

// This file makes creates safe to repeat. A POST whose answer was lost (the
// connection broke after the request was written, or a proxy answered 502,
// 503 or 504) may or may not have created the object: the client reports it
// as client.ErrUncertain and never retries it blindly. Here the provider
// finds out whether the create happened before creating again, so that a
// flaky network never publishes a dataset, a link or a file twice:
//
//   - datasets and remote resources carry a creation marker, a random token
//     under the extras key createMarkerKey, sent with the POST; after an
//     uncertain POST the caller's (or organization's) newest datasets, or the
//     dataset's resources, are searched for that token;
//   - an uploaded file cannot carry extras: after an uncertain upload, a
//     hosted file with the file's sha1 and name, created since the upload
//     started, is the upload (lost_upload.go).
//
// The marker stays on the portal (removing it would cost one more write per
// create, which can fail too): the provider manages only the extras keys a
// configuration declares, and import never adopts this key, so it is never
// drift. It tells the portal's users which tool created the object.

// createMarkerKey is the extras key of the creation marker. udata accepts
// any extras key without "." and not starting with "$" (MongoDB's rule,
// enforced by mongoengine's DictField under udata's ExtrasField).
const createMarkerKey = "terraform-provider-datagouv:create-token"

// isCreateMarker tells the extras key of the creation marker, which is the
// provider's own and never the user's (import skips it).
func isCreateMarker(key string) bool { return key == createMarkerKey }

// Tuning of the recovery; variables so that tests can shorten the waits.
var (
	// createAttempts bounds the POSTs of one create, each uncertain one
	// looked up before the next: the client's budget for requests it may
	// repeat (1 + 5 retries), since a create known not to have happened is
	// as safe to repeat as a read.
	createAttempts = 6
	// uncertainGrace is how long to wait before looking a second time for
	// an object that was not found at once: a proxy may answer 504 while
	// udata is still saving.
	uncertainGrace = 2 * time.Second
	// lookupPageSize and lookupPages bound the datasets listed, newest
	// first, when looking for a dataset's marker.
	lookupPageSize = 100
	lookupPages    = 3
)

// newCreateToken is a random marker value, unique to one create (and shared
// by its attempts, so that a late first attempt is recognised too).
func newCreateToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("making a creation marker: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// createOnce runs create until it succeeds or fails for sure. After an
// uncertain failure, find looks for what the create may have made: found
// objects are adopted (the first; any others are duplicates from earlier
// uncertain attempts, removed with discard), not found means the create did
// not happen and is tried again. Errors other than uncertain ones, and an
// uncertain failure that cannot be resolved, are returned as they are
// (errors.Is(err, client.ErrUncertain) then still holds).
func createOnce[T any](ctx context.Context, what string, create func(context.Context) (T, error),
	find func(context.Context) ([]T, error), discard func(context.Context, T) error) (T, error) {
	var zero T
	var lastErr error
	for attempt := 1; attempt <= createAttempts; attempt++ {
		obj, err := create(ctx)
		if err == nil {
			return obj, nil
		}
		if !errors.Is(err, client.ErrUncertain) {
			return zero, err
		}
		lastErr = err
		tflog.Warn(ctx, "create may or may not have happened; looking it up before trying again", map[string]any{
			"object": what, "attempt": attempt, "error": err.Error(),
		})
		found, ferr := lookUp(ctx, what, find)
		if ferr != nil {
			return zero, fmt.Errorf("%w\n\nLooking the %s up to know whether it was created failed too: %v", lastErr, what, ferr)
		}
		if len(found) > 0 {
			for _, dup := range found[1:] {
				tflog.Warn(ctx, "removing a duplicate left by an earlier uncertain create", map[string]any{"object": what})
				if err := discard(ctx, dup); err != nil {
					return zero, fmt.Errorf("the %s was created more than once by retried requests, and a duplicate could not be removed: %w", what, err)
				}
			}
			tflog.Info(ctx, "the uncertain create had happened: adopting the object", map[string]any{"object": what, "attempt": attempt})
			return found[0], nil
		}
		tflog.Info(ctx, "the uncertain create had not happened: creating again", map[string]any{"object": what, "attempt": attempt})
	}
	return zero, lastErr
}

// lookUp runs find until it answers, and once more after uncertainGrace
// when it finds nothing (the portal may still be saving). A lookup is a
// read, retried by the client already; it is tried again here too, with
// growing waits, because giving up leaves the create unresolved: the
// object might exist without the state knowing it.
func lookUp[T any](ctx context.Context, what string, find func(context.Context) ([]T, error)) ([]T, error) {
	var (
		found []T
		err   error
	)
	for attempt := 1; attempt <= createAttempts; attempt++ {
		if found, err = find(ctx); err == nil {
			break
		}
		tflog.Warn(ctx, "looking up an uncertain create failed; trying again", map[string]any{"object": what, "attempt": attempt, "error": err.Error()})
		if serr := sleepContext(ctx, time.Duration(attempt)*uncertainGrace); serr != nil {
			return nil, err
		}
	}
	if err != nil || len(found) > 0 {
		return found, err
	}
	if err := sleepContext(ctx, uncertainGrace); err != nil {
		return nil, err
	}
	return find(ctx)
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// withMarker returns a copy of extras with the creation marker added.
func withMarker(extras map[string]any, token string) map[string]any {
	out := make(map[string]any, len(extras)+1)
	for k, v := range extras {
		out[k] = v
	}
	out[createMarkerKey] = token
	return out
}

func hasMarker(extras map[string]any, token string) bool {
	v, ok := extras[createMarkerKey].(string)
	return ok && v == token
}

// createDataset posts a new dataset, marked so that an uncertain POST can be
// looked up among the newest datasets of its organization, or of the API
// key's user when it has none.
func createDataset(ctx context.Context, data *providerData, in *client.DatasetInput) (*client.Dataset, error) {
	token, err := newCreateToken()
	if err != nil {
		return nil, err
	}
	marked := *in
	marked.Extras = withMarker(in.Extras, token)
	c := data.client
	return createOnce(ctx, "dataset",
		func(ctx context.Context) (*client.Dataset, error) { return c.Datasets.Create(ctx, &marked) },
		func(ctx context.Context) ([]*client.Dataset, error) {
			return findMarkedDatasets(ctx, data, in.Organization, token)
		},
		func(ctx context.Context, d *client.Dataset) error { return c.Datasets.Delete(ctx, d.ID) },
	)
}

// findMarkedDatasets lists the newest datasets of the organization (or of
// the caller) and returns those carrying the token, oldest first, each read
// again in full.
func findMarkedDatasets(ctx context.Context, data *providerData, organization, token string) ([]*client.Dataset, error) {
	opts := client.DatasetListOptions{PageSize: lookupPageSize, Sort: "-created", Organization: organization}
	if organization == "" {
		me, err := data.reference.Me(ctx)
		if err != nil {
			return nil, err
		}
		opts.Owner = me.ID
	}
	var ids []string
	for page := 1; page <= lookupPages; page++ {
		opts.Page = page
		p, err := data.client.Datasets.List(ctx, opts)
		if err != nil {
			return nil, err
		}
		for _, d := range p.Data {
			if hasMarker(d.Extras, token) {
				ids = append(ids, d.ID)
			}
		}
		if p.NextPage == nil || len(p.Data) == 0 {
			break
		}
	}
	found := make([]*client.Dataset, 0, len(ids))
	for i := len(ids) - 1; i >= 0; i-- { // newest first → oldest first
		d, err := data.client.Datasets.Get(ctx, ids[i])
		if err != nil {
			return nil, err
		}
		found = append(found, d)
	}
	return found, nil
}

// createRemoteResource adds a remote resource, marked so that an uncertain
// POST can be looked up in the dataset's resources.
func createRemoteResource(ctx context.Context, data *providerData, datasetID string, in *client.ResourceInput) (*client.Resource, error) {
	token, err := newCreateToken()
	if err != nil {
		return nil, err
	}
	marked := *in
	marked.Extras = withMarker(in.Extras, token)
	c := data.client
	return createOnce(ctx, "resource",
		func(ctx context.Context) (*client.Resource, error) {
			return c.Resources.CreateRemote(ctx, datasetID, &marked)
		},
		func(ctx context.Context) ([]*client.Resource, error) {
			return findResources(ctx, data, datasetID, func(r *client.Resource) bool { return hasMarker(r.Extras, token) })
		},
		func(ctx context.Context, r *client.Resource) error { return c.Resources.Delete(ctx, datasetID, r.ID) },
	)
}

// findResources returns the dataset's resources that match, oldest first
// (udata lists them newest first).
func findResources(ctx context.Context, data *providerData, datasetID string, match func(*client.Resource) bool) ([]*client.Resource, error) {
	ds, err := data.client.Datasets.Get(ctx, datasetID)
	if err != nil {
		return nil, err
	}
	var found []*client.Resource
	for i := len(ds.Resources) - 1; i >= 0; i-- {
		if r := &ds.Resources[i]; match(r) {
			found = append(found, r)
		}
	}
	return found, nil
}

// uploadNewResource uploads f as a new hosted resource of the dataset: one
// request on the happy path (or one per part). Nothing is read beforehand:
// only after an uncertain upload is the dataset read, and the lost upload
// told from the files already there by lostUpload. The caller must hold the
// dataset's lock, so that no other upload of this provider runs meanwhile.
func uploadNewResource(ctx context.Context, data *providerData, datasetID string, f client.UploadFile) (*client.UploadResult, error) {
	// Taken before the first attempt: every upload this create made was
	// created on the portal after it.
	started := time.Now()
	var sum string
	c := data.client
	return createOnce(ctx, "uploaded file",
		func(ctx context.Context) (*client.UploadResult, error) { return c.Resources.Upload(ctx, datasetID, f) },
		func(ctx context.Context) ([]*client.UploadResult, error) {
			if sum == "" {
				s, _, err := filehash.SumReader(f.Name, io.NewSectionReader(f.Content, 0, f.Size))
				if err != nil {
					return nil, err
				}
				sum = s
			}
			rs, err := findResources(ctx, data, datasetID, func(r *client.Resource) bool { return lostUpload(r, f.Name, sum, started) })
			if err != nil {
				return nil, err
			}
			out := make([]*client.UploadResult, 0, len(rs))
			for _, r := range rs {
				out = append(out, &client.UploadResult{Resource: r, SHA1: sum, Size: f.Size})
			}
			return out, nil
		},
		func(ctx context.Context, u *client.UploadResult) error {
			return c.Resources.Delete(ctx, datasetID, u.Resource.ID)
		},
	)
}
