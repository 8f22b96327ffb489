package provider

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	tfpath "github.com/hashicorp/terraform-plugin-framework/path"
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

// hashLocalFile returns the hex sha1 of the file at path and its size in
// bytes: remembered when the file did not change since it was last hashed
// (local_file_hashes.go), else read as a stream. prior is the sum it is
// compared with ("" for none).
func hashLocalFile(path, prior string) (sum string, size int64, err error) {
	f, _, err := openLocalFile(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	return sumLocalFile(path, f, prior)
}

// warnMissingFile warns, at plan time, that the file at path does not
// exist: it may be written during the apply (e.g. by another resource of the
// configuration), and the apply fails on this resource, before sending
// anything, if it is still missing then.
func warnMissingFile(path string, diags *diag.Diagnostics) {
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	diags.AddAttributeWarning(tfpath.Root("file_path"), "Local file not found",
		fmt.Sprintf("%s does not exist now. The plan assumes that it is written before this resource is applied (for instance by "+
			"another resource of this configuration): its content, size and checksum are known after apply. If it still does "+
			"not exist then, the apply fails on this resource before sending anything to data.gouv.fr.", path))
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
