package emulator

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// The sha1 of a chunked upload, taken while its parts arrive rather than
// when they are assembled: udata answers the checksum of the assembled file,
// and hashing a gigabyte at the final call would make the emulator, not the
// client, the slow side of the upload benchmarks. Parts arrive nearly in
// order (a few in flight), so the sum runs over the longest run of parts
// present from the first. A stored part never changes (the chunks storage
// refuses to overwrite one), so what was hashed stays true: the answer is
// the sha1 of the concatenation, as udata's.

// chunkSum is the running sum of one upload's leading parts.
type chunkSum struct {
	mu   sync.Mutex
	next int // parts hashed so far
	h    hash.Hash
}

// chunkSum returns the running sum of upload id, made on first use.
func (s *Server) chunkSum(id string) *chunkSum {
	v, _ := s.chunkSums.LoadOrStore(id, &chunkSum{h: sha1.New()})
	return v.(*chunkSum)
}

// dropChunkSum forgets the running sum of an upload whose parts are gone.
func (s *Server) dropChunkSum(id string) { s.chunkSums.Delete(id) }

// advance hashes the parts present after those already hashed; a failure
// leaves the work to the final call.
func (cs *chunkSum) advance(dir string) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	_ = cs.hashPresent(dir, -1)
}

// finish hashes what remains of the first parts parts and returns the sum.
func (cs *chunkSum) finish(dir string, parts int) (string, error) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if err := cs.hashPresent(dir, parts); err != nil {
		return "", err
	}
	if cs.next != parts {
		return "", errors.New("chunk sum: part " + strconv.Itoa(cs.next) + " missing")
	}
	return hex.EncodeToString(cs.h.Sum(nil)), nil
}

// hashPresent hashes the parts from cs.next on while they exist, up to
// limit (-1: no limit). Called with cs.mu held.
func (cs *chunkSum) hashPresent(dir string, limit int) error {
	for limit < 0 || cs.next < limit {
		f, err := os.Open(filepath.Join(dir, strconv.Itoa(cs.next)))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		_, err = io.Copy(cs.h, f)
		_ = f.Close()
		if err != nil {
			// The sum is of an unknown prefix now: start again.
			cs.h.Reset()
			cs.next = 0
			return err
		}
		cs.next++
	}
	return nil
}
