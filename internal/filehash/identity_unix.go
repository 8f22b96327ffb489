//go:build linux || darwin || freebsd

package filehash

import (
	"io/fs"
	"syscall"
)

// identityOf reads the identity of a file from its stat. ok is false where
// the system does not give device, inode and change time: then nothing is
// remembered.
func identityOf(info fs.FileInfo) (Identity, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return Identity{}, false
	}
	sec, nsec := ctime(st)
	return Identity{
		Dev: uint64(st.Dev), Ino: uint64(st.Ino), //nolint:unconvert // the field types differ between systems
		Size:    info.Size(),
		MtimeNs: info.ModTime().UnixNano(),
		CtimeNs: sec*1e9 + nsec,
	}, true
}
