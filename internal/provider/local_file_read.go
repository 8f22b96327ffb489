package provider

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/filehash"
)

// uploadRead is a local file as an upload reads it: once, while it sends
// it (internal/client's chunked upload hashes the bytes it sends). What the
// provider must still know before the portal serves those bytes is that
// they are the file, not a mix of two versions written while it was read.
type uploadRead struct {
	path  string
	f     *os.File
	size  int64
	id    filehash.Identity
	hasID bool
	start time.Time
}

// startUploadRead takes the file's identity before anything is read.
func startUploadRead(path string, f *os.File, size int64) *uploadRead {
	id, ok := filehash.IdentityOf(f)
	return &uploadRead{path: path, f: f, size: size, id: id, hasID: ok, start: time.Now()}
}

// check tells whether sum, the sha1 of the bytes read, is the file's. A
// file whose identity did not move since the read started, and that had
// settled before it (the racily-clean rule of internal/filehash: any write
// during the read moved its times), was not written during the read: the
// bytes are the file, at no cost. Otherwise the file is hashed again (from
// the hash cache when it proves the content). An error matches
// client.ErrFileChanged when the file changed.
func (u *uploadRead) check(sum string) error {
	now, ok := filehash.IdentityOf(u.f)
	identified := u.hasID && ok
	if identified && now != u.id {
		return fmt.Errorf("%s was modified while it was read (its size or times moved): %w", u.path, client.ErrFileChanged)
	}
	if identified && u.id.SettledBefore(u.start) {
		return nil
	}
	var cur string
	var err error
	if identified {
		cur, _, err = sumLocalFile(u.path, u.f, "")
	} else {
		cur, _, err = filehash.SumReader(u.path, io.NewSectionReader(u.f, 0, u.size))
	}
	switch {
	case err != nil:
		return err
	case cur != sum:
		return fmt.Errorf("%s was modified while it was read: it has sha1 %s now, the bytes read %s: %w", u.path, cur, sum, client.ErrFileChanged)
	}
	return nil
}

// remember records the sum of the bytes uploaded, checked by check, so
// that the next plan does not read the file again. A file that had not
// settled when the read started was hashed again by check, which
// remembered that later hash.
func (u *uploadRead) remember(sum string) {
	if u.hasID && u.id.SettledBefore(u.start) {
		localFileHashes().Remember(u.path, u.id, sum, u.start)
	}
}
