package provider

import (
	"crypto/sha1" //nolint:gosec // sha1 is data.gouv.fr's own checksum algorithm, not a security measure.
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// This file is the one place that opens and hashes the local files that
// datagouv_resource uploads. Files are always read as a stream: a dataset
// file may be several gigabytes and must never sit whole in memory.

// errNotRegularFile is returned for directories, devices, pipes and sockets
// (and symbolic links to them): only a regular file has a content and a size
// that can be hashed at plan time and uploaded identically at apply time.
var errNotRegularFile = errors.New("not a regular file")

// openLocalFile opens path for reading and returns it with its size. It
// follows symbolic links, and refuses what is not a regular file with an
// error that names the path and says what it is instead. A missing file
// gives an error for which errors.Is(err, fs.ErrNotExist) holds.
func openLocalFile(path string) (*os.File, int64, error) {
	// Stat first: opening a FIFO for reading would block until a writer
	// comes, and opening a device may have side effects.
	info, err := os.Stat(path)
	if err != nil {
		return nil, 0, describeFileError(path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, 0, fmt.Errorf("%s is %s, %w: file_path must name a file", path, describeMode(info.Mode()), errNotRegularFile)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, describeFileError(path, err)
	}
	// Stat the opened file too: the path may have been swapped in between.
	info, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, describeFileError(path, err)
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("%s is %s, %w: file_path must name a file", path, describeMode(info.Mode()), errNotRegularFile)
	}
	return f, info.Size(), nil
}

// hashLocalFile returns the hex sha1 of the file at path, reading it as a
// stream, and its size in bytes.
func hashLocalFile(path string) (sum string, size int64, err error) {
	f, _, err := openLocalFile(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	return hashReader(path, f)
}

// hashBufferSize is the read size of hashReader: large enough that the
// system call overhead vanishes next to sha1's cost, small enough to be
// irrelevant to the provider's memory.
const hashBufferSize = 256 << 10

// hashReader streams r through sha1. name only labels errors.
func hashReader(name string, r io.Reader) (string, int64, error) {
	h := sha1.New() //nolint:gosec // see import
	buf := make([]byte, hashBufferSize)
	n, err := io.CopyBuffer(h, r, buf)
	if err != nil {
		return "", n, fmt.Errorf("reading %s: %w", name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// describeFileError rewrites the os errors a user meets into sentences
// naming the path, keeping the original error for errors.Is.
func describeFileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist: %w", path, err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s cannot be read (permission denied): %w", path, err)
	default:
		return fmt.Errorf("%s cannot be opened: %w", path, err)
	}
}

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return "not a regular file (" + m.Type().String() + ")"
	}
}
