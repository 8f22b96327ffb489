package acctest

import (
	"net/http"
	"testing"
)

// oraclePurgePath is the udata-oracle kit's control that runs udata's own
// purge jobs (purge-datasets, purge-dataservices, purge-organizations),
// which data.gouv.fr's scheduler runs daily; only the site admin may call it.
const oraclePurgePath = "/_oracle/purge"

// Purger returns what purges the site's soft-deleted objects for good, the
// portal's daily job: the emulator's purge, or on a real udata the kit's
// purge with the site admin's key. A site that offers neither (data.gouv.fr
// itself) skips the test, which must then call Purger before resource.Test.
func Purger(t *testing.T) func() {
	t.Helper()
	PreCheck(t)
	if site.Emulated() {
		return site.Emulator.Purge
	}
	adminKey := RequireAdminKey(t)
	// The kit answers 403 to anyone but the site admin; a udata without it,
	// 404.
	if err := send(site.BaseURL, "", http.MethodGet, oraclePurgePath, nil, nil, http.StatusForbidden); err != nil {
		t.Skipf("needs a portal whose purge of deleted objects can be run on request (the emulator or the udata-oracle kit): %v", err)
	}
	return func() {
		if err := send(site.BaseURL, adminKey, http.MethodPost, oraclePurgePath, nil, nil, http.StatusOK); err != nil {
			t.Fatalf("purge of the deleted objects: %v", err)
		}
	}
}
