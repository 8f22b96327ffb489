package client

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"hash"
	"io"
)

// partData is one part of a chunked upload, read from the file.
type partData struct {
	index int64
	data  []byte
}

// partReader reads a file once, in order, part after part, into a few
// buffers that the parts' requests send from, and through one sha1 of the
// whole: every byte is read once, and the sha1 is exactly that of the bytes
// sent (a retried part sends its buffer again). Memory is bounded by the
// buffers: one per request in flight and one being filled.
type partReader struct {
	f               UploadFile
	partSize, parts int64
	free            chan []byte
	whole           hash.Hash
}

func newPartReader(f UploadFile, partSize, parts int64, inFlight int) *partReader {
	buffers := int(min(parts, int64(inFlight)+1))
	pr := &partReader{f: f, partSize: partSize, parts: parts, free: make(chan []byte, buffers), whole: sha1.New()}
	for range buffers {
		pr.free <- make([]byte, partSize)
	}
	return pr
}

// run reads the parts into out, in order, and closes it. It stops at the
// first read error or when ctx is done.
func (pr *partReader) run(ctx context.Context, out chan<- partData) error {
	defer close(out)
	for i := range pr.parts {
		var buf []byte
		select {
		case buf = <-pr.free:
		case <-ctx.Done():
			return ctx.Err()
		}
		off := i * pr.partSize
		n := min(pr.partSize, pr.f.Size-off)
		if _, err := io.ReadFull(io.NewSectionReader(pr.f.Content, off, n), buf[:n]); err != nil {
			// io.ErrUnexpectedEOF when the file shrank since its size was taken.
			return &localReadError{err: err}
		}
		pr.whole.Write(buf[:n])
		select {
		case out <- partData{index: i, data: buf[:n]}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// release gives a sent part's buffer back.
func (pr *partReader) release(p partData) { pr.free <- p.data[:cap(p.data)] }

// sum is the hex sha1 of the whole file, once run returned nil.
func (pr *partReader) sum() string { return hex.EncodeToString(pr.whole.Sum(nil)) }
