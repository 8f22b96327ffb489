package main

import (
	"path"
	"strings"
)

// Terraform and OpenTofu read a provider's logs from its stderr and show
// them only when TF_LOG or TF_LOG_PROVIDER asks for them; otherwise they
// are parsed and dropped. The plugin libraries, left alone, log at trace
// level: dozens of JSON lines per resource and per call (every attribute
// walked by the framework), which cost a plan more CPU than the provider's
// own work, on both sides of the pipe (issue 12: a refresh of 500 files).
// So when the CLI will not show them, they are not written.

// libraryLogLevels set the levels of the provider's loggers: the SDK's
// (terraform-plugin-go), its protocol and framework subsystems, and the
// provider's own (tflog), which terraform-plugin-go names after the type in
// the provider's address (TF_LOG_PROVIDER_DATAGOUV). One set explicitly is
// kept.
var libraryLogLevels = []string{
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
	"TF_LOG_PROVIDER_" + strings.ToUpper(strings.ReplaceAll(path.Base(providerAddress), "-", "_")),
}

// unreadLogLevels returns the variables to set to "off" so that the
// provider writes no log the CLI would drop; none when the CLI shows them.
// getenv is os.Getenv.
func unreadLogLevels(getenv func(string) string) []string {
	// The CLI's rule: TF_LOG_PROVIDER when set, else TF_LOG; empty or "off"
	// is no log, any other value (an unknown one is trace) shows them.
	level := getenv("TF_LOG_PROVIDER")
	if level == "" {
		level = getenv("TF_LOG")
	}
	if level != "" && !strings.EqualFold(level, "off") {
		return nil
	}
	var off []string
	for _, name := range libraryLogLevels {
		if getenv(name) == "" {
			off = append(off, name)
		}
	}
	return off
}
