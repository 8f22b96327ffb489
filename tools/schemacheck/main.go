// Command schemacheck reads the output of `terraform providers schema -json`
// for the docs scripts (scripts/docs.sh, scripts/docs-check.sh), so that the
// checks parse JSON with Go rather than depend on jq being installed.
//
//	schemacheck descriptions SCHEMA.json ADDRESS   # fails when an attribute or block has no description
//	schemacheck names SCHEMA.json ADDRESS KIND     # KIND: resources | data-sources; one name per line
//	schemacheck rekey SCHEMA.json ADDRESS KEY OUT  # writes the schema keyed by KEY, as tfplugindocs expects
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage:
  schemacheck descriptions SCHEMA.json ADDRESS
  schemacheck names SCHEMA.json ADDRESS resources|data-sources
  schemacheck rekey SCHEMA.json ADDRESS KEY OUT.json`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) < 3 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	cmd, file, address := args[0], args[1], args[2]
	raw, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	var doc providersSchema
	if err := json.Unmarshal(raw, &doc); err != nil {
		fmt.Fprintf(stderr, "%s: not the output of `terraform providers schema -json`: %v\n", file, err)
		return 2
	}
	ps, ok := doc.ProviderSchemas[address]
	if !ok {
		fmt.Fprintf(stderr, "%s holds no schema for %s (found: %v)\n", file, address, keys(doc.ProviderSchemas))
		return 2
	}

	switch {
	case cmd == "descriptions" && len(args) == 3:
		missing := ps.missingDescriptions()
		for _, m := range missing {
			fmt.Fprintln(stdout, m)
		}
		if len(missing) > 0 {
			fmt.Fprintf(stderr, "%d schema element(s) without a description: say what each means on data.gouv.fr, its default, and whether changing it updates in place or replaces\n", len(missing))
			return 1
		}
		return 0
	case cmd == "names" && len(args) == 4:
		var m map[string]schema
		switch args[3] {
		case "resources":
			m = ps.Resources
		case "data-sources":
			m = ps.DataSources
		default:
			fmt.Fprintln(stderr, usage)
			return 2
		}
		for _, name := range keys(m) {
			fmt.Fprintln(stdout, name)
		}
		return 0
	case cmd == "rekey" && len(args) == 5:
		// Keep the provider's JSON untouched (RawMessage), only rename its key.
		var loose struct {
			FormatVersion   string                     `json:"format_version"`
			ProviderSchemas map[string]json.RawMessage `json:"provider_schemas"`
		}
		if err := json.Unmarshal(raw, &loose); err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		loose.ProviderSchemas = map[string]json.RawMessage{args[3]: loose.ProviderSchemas[address]}
		out, err := json.Marshal(loose)
		if err == nil {
			err = os.WriteFile(args[4], out, 0o644)
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		return 0
	}
	fmt.Fprintln(stderr, usage)
	return 2
}

// The subset of the CLI's JSON format (format_version 1.0) the checks read.
type providersSchema struct {
	ProviderSchemas map[string]providerSchema `json:"provider_schemas"`
}

type providerSchema struct {
	Provider    schema            `json:"provider"`
	Resources   map[string]schema `json:"resource_schemas"`
	DataSources map[string]schema `json:"data_source_schemas"`
}

type schema struct {
	Block block `json:"block"`
}

type block struct {
	Attributes  map[string]attribute `json:"attributes"`
	BlockTypes  map[string]blockType `json:"block_types"`
	Description string               `json:"description"`
}

type blockType struct {
	Block block `json:"block"`
}

type attribute struct {
	Description string      `json:"description"`
	NestedType  *nestedType `json:"nested_type"`
}

type nestedType struct {
	Attributes map[string]attribute `json:"attributes"`
}

// missingDescriptions lists, sorted, every provider, resource, data source,
// attribute (nested ones included) and block whose description is empty,
// as "resource datagouv_dataset: temporal_coverage.start".
func (ps providerSchema) missingDescriptions() []string {
	var out []string
	walk := func(kind, name string, s schema) {
		if s.Block.Description == "" {
			out = append(out, fmt.Sprintf("%s %s: (the %s itself)", kind, name, kind))
		}
		s.Block.walk("", func(path string) { out = append(out, fmt.Sprintf("%s %s: %s", kind, name, path)) })
	}
	walk("provider", "datagouv", ps.Provider)
	for _, name := range keys(ps.Resources) {
		walk("resource", name, ps.Resources[name])
	}
	for _, name := range keys(ps.DataSources) {
		walk("data source", name, ps.DataSources[name])
	}
	return out
}

func (b block) walk(prefix string, missing func(path string)) {
	for _, name := range keys(b.Attributes) {
		walkAttribute(prefix+name, b.Attributes[name], missing)
	}
	for _, name := range keys(b.BlockTypes) {
		nested := b.BlockTypes[name].Block
		if nested.Description == "" {
			missing(prefix + name + " (block)")
		}
		nested.walk(prefix+name+".", missing)
	}
}

func walkAttribute(path string, a attribute, missing func(path string)) {
	if a.Description == "" {
		missing(path)
	}
	if a.NestedType != nil {
		for _, name := range keys(a.NestedType.Attributes) {
			walkAttribute(path+"."+name, a.NestedType.Attributes[name], missing)
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
