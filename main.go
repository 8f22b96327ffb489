// Command terraform-provider-datagouv serves the data.gouv.fr provider to
// Terraform and OpenTofu over plugin protocol 6.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

// version is stamped by the release build (-ldflags "-X main.version=…").
var version = "dev"

// providerAddress is the provider's source address; its type (the last
// part) also names its logger (log_levels.go).
const providerAddress = "registry.terraform.io/datagouv-community/datagouv"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()
	// In debug mode the provider's stderr is the user's terminal: its logs
	// are read there, whatever TF_LOG says (log_levels.go).
	if !debug {
		for _, name := range unreadLogLevels(os.Getenv) {
			if err := os.Setenv(name, "off"); err != nil {
				log.Fatal(err.Error())
			}
		}
	}

	stopProfile := startCPUProfile(os.Getenv)
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: providerAddress,
		Debug:   debug,
	})
	if stopProfile != nil {
		stopProfile()
	}
	if err != nil {
		log.Fatal(err.Error())
	}
}
