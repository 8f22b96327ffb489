// Command terraform-provider-datagouv serves the data.gouv.fr provider to
// Terraform and OpenTofu over plugin protocol 6.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

// version is stamped by the release build (-ldflags "-X main.version=…").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/datagouv-community/datagouv",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
