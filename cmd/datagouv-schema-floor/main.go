// Command datagouv-schema-floor serves the provider's schemas with none of
// its behaviour (provider.NewSchemaFloor): the floor a plan of the provider
// is compared with in scripts/bench-scale.sh. Not released.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

func main() {
	// The plugin libraries' logs stay at their level: the benchmark sets
	// them off as the provider's main does when the CLI drops them.
	err := providerserver.Serve(context.Background(), provider.NewSchemaFloor("floor"), providerserver.ServeOpts{
		Address: "registry.terraform.io/datagouv-community/datagouv",
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
