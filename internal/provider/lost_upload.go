package provider

import (
	"strings"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/planmodifiers"
)

// uploadClockSkew is how far the portal's clock may be behind the
// provider's when comparing a resource's created_at with the time an
// upload started.
var uploadClockSkew = 2 * time.Second

// lostUpload tells whether r may be the resource made by an upload of the
// file name with sha1 sum that started at started and whose answer was
// lost. Without a list of the dataset's resources taken before the upload
// (one more read per file on the happy path), what tells it from the files
// already in the dataset is all of:
//
//   - a hosted file whose sha1 is the file's: it holds these bytes;
//   - its title is still the uploaded file's name, which udata gives a new
//     upload: the provider's metadata PUT, which follows every upload it
//     sees answered, has not renamed it (unless the configured title is the
//     file name, see below);
//   - created after the upload started, less uploadClockSkew for the
//     portal's clock: every file this provider made in an earlier apply,
//     or before this upload in this apply (uploads to one dataset are
//     serialized by its lock), is older.
//
// A file that matches and is not the lost upload must have been uploaded
// by someone else into this dataset, with the same name and content, within
// the skew of this upload; that residual ambiguity is the price of not
// reading the dataset before every upload, and it exists only after a lost
// answer. An unreadable created_at is not taken: the upload is then
// repeated, as a duplicate is visible and removable, whereas adopting
// another's file is not.
func lostUpload(r *client.Resource, name, sum string, started time.Time) bool {
	if r.Filetype != planmodifiers.FiletypeFile || r.Checksum == nil || r.Title != name ||
		!strings.EqualFold(r.Checksum.Type, "sha1") || !strings.EqualFold(r.Checksum.Value, sum) {
		return false
	}
	created, ok := portalTime(r.CreatedAt)
	return ok && !created.Before(started.Add(-uploadClockSkew))
}

// portalTime parses udata's timestamps: RFC 3339, with or without a zone
// (udata writes UTC).
func portalTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
