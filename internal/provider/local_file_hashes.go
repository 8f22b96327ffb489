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
	fileHashesOnce.Do(func() { fileHashes = filehash.New(providerCacheDir()) })
	return fileHashes
}

// providerCacheDir is the folder of the file hash cache ("" when it is
// off), which also holds the records of planned files (planned_file.go).
func providerCacheDir() string {
	dir := os.Getenv(EnvFileHashCache)
	switch dir {
	case "off":
		return ""
	case "":
		if base, err := os.UserCacheDir(); err == nil {
			return filepath.Join(base, "terraform-provider-datagouv", "file-hashes")
		}
	}
	return dir
}

// sumLocalFile returns the sha1 and size of the regular file f opened from
// path, without reading it when it is unchanged since it was last hashed.
// prior is the sum the caller compares it with ("" for none): see
// filehash.Cache.Sum.
func sumLocalFile(path string, f *os.File, prior string) (string, int64, error) {
	r, err := localFileHashes().Sum(path, f, prior)
	return r.SHA1, r.Size, err
}

// localFiles is what file_hash's plan modifier reads of the local files.
type localFiles struct{}

func (localFiles) Sum(path, prior string) (string, error) {
	sum, _, err := hashLocalFile(path, prior)
	return sum, err
}

func (localFiles) Check(path string) error {
	f, _, err := openLocalFile(path)
	if err == nil {
		f.Close()
	}
	return err
}
