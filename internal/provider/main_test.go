package provider_test

import (
	"os"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

// TestMain starts the emulator (or points at the real portal) once for all
// acceptance tests of this package. Listings are read in pages of two, so
// that their tests read several pages.
func TestMain(m *testing.M) {
	provider.SetListingPageSize(2)
	os.Exit(acctest.Run(m))
}
