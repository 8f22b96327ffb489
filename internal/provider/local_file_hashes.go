package provider

import (
	"os"
	"path/filepath"
	"sync"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/filehash"
)

// EnvFileHashCache names the folder where the sha1 of local files is
// remembered between runs (see internal/filehash); "off" disables it. By
// default it is terraform-provider-datagouv/file-hashes in the user's cache
// folder. Only the file's path, identity and sha1 are kept there, never its
// content.
const EnvFileHashCache = "DATAGOUV_FILE_HASH_CACHE"

var (
	fileHashesOnce sync.Once
	fileHashes     *filehash.Cache
)

// localFileHashes is the cache of this process, read from the environment
// on first use (so that tests can point it elsewhere before).
func localFileHashes() *filehash.Cache {
	fileHashesOnce.Do(func() {
		dir := os.Getenv(EnvFileHashCache)
		switch dir {
		case "off":
			dir = ""
		case "":
			if base, err := os.UserCacheDir(); err == nil {
				dir = filepath.Join(base, "terraform-provider-datagouv", "file-hashes")
			}
		}
		fileHashes = filehash.New(dir)
	})
	return fileHashes
}

// sumLocalFile returns the sha1 and size of the regular file f opened from
// path, without reading it when it is unchanged since it was last hashed.
func sumLocalFile(path string, f *os.File) (string, int64, error) {
	r, err := localFileHashes().Sum(path, f)
	return r.SHA1, r.Size, err
}
