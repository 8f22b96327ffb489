package provider_test

import (
	"os"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// TestMain starts the emulator (or points at the real portal) once for all
// acceptance tests of this package.
func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }
