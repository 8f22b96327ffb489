package client

import (
	"context"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"hash/crc32"
	"io"
)

// fileDigests is one sequential read of a file: the sha1 of the whole, to
// compare with the server's, and a CRC-32C of each part, to compare with
// what each part's request read. Parts go concurrently, in any order, so
// their bytes cannot feed one running sha1; reading the file once more
// costs a pass over the disk (or the page cache) but no memory. The parts'
// check only has to notice a file that changed while it was read, not to
// resist forgery: a CRC (hardware-accelerated) spares two more sha1
// passes over the file.
type fileDigests struct {
	sum   string
	parts []uint32
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// newPartHash is the hash of a part's bytes.
func newPartHash() hash.Hash { return crc32.New(castagnoli) }

func partSum(sum []byte) uint32 { return binary.BigEndian.Uint32(sum) }

// hashBuffer is the read size of the pass: large enough for few system
// calls, small against the provider's memory budget.
const hashBuffer = 256 << 10

func digestFile(ctx context.Context, f UploadFile, partSize, parts int64) (*fileDigests, error) {
	out := &fileDigests{parts: make([]uint32, parts)}
	whole := sha1.New()
	buf := make([]byte, hashBuffer)
	for i := range parts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		off := i * partSize
		n := min(partSize, f.Size-off)
		part := crc32.New(castagnoli)
		got, err := io.CopyBuffer(io.MultiWriter(whole, part), io.NewSectionReader(f.Content, off, n), buf)
		if err != nil {
			return nil, &localReadError{err: err}
		}
		if got != n {
			// The file shrank since its size was taken.
			return nil, &localReadError{err: io.ErrUnexpectedEOF}
		}
		out.parts[i] = part.Sum32()
	}
	out.sum = hex.EncodeToString(whole.Sum(nil))
	return out, nil
}
