package provider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// catalogPortal serves a schema catalogue like data.gouv.fr's (udata with
// SCHEMA_CATALOG_URL), and counts its fetches.
func catalogPortal(t *testing.T, catalog string) (*providerData, *int) {
	t.Helper()
	fetches := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/1/datasets/schemas/" {
			http.NotFound(w, r)
			return
		}
		fetches++
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(catalog))
	}))
	t.Cleanup(srv.Close)
	return checkProviderData(t, srv.URL, "udata_key"), &fetches
}

const irveCatalog = `[{"name": "etalab/schema-irve-statique", "title": "IRVE statique", "schema_type": "tableschema",
 "schema_url": "https://schema.data.gouv.fr/schemas/etalab/schema-irve-statique/latest/schema-statique.json",
 "versions": [{"version_name": "2.2.0", "schema_url": "https://schema.data.gouv.fr/schemas/etalab/schema-irve-statique/2.2.0/schema-statique.json"},
              {"version_name": "2.3.1", "schema_url": "https://schema.data.gouv.fr/schemas/etalab/schema-irve-statique/2.3.1/schema-statique.json"}]},
 {"name": "etalab/schema-lieux-covoiturage", "title": "Covoiturage", "schema_type": "tableschema", "schema_url": "https://example.org/covoit.json", "versions": []}]`

func schemaValue(name, version, url string) types.Object {
	v := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(s)
	}
	return types.ObjectValueMust(resourceSchemaAttrTypes, map[string]attr.Value{"name": v(name), "version": v(version), "url": v(url)})
}

func TestCheckResourceSchema(t *testing.T) {
	tests := []struct {
		name, catalog       string
		schemaName, version string
		url                 string
		summary, at         string // "" summary: no diagnostic
		detail              []string
	}{
		{name: "catalogue schema and version", catalog: irveCatalog, schemaName: "etalab/schema-irve-statique", version: "2.3.1"},
		{name: "catalogue schema, latest", catalog: irveCatalog, schemaName: "etalab/schema-irve-statique", version: "latest"},
		{name: "catalogue schema without version", catalog: irveCatalog, schemaName: "etalab/schema-lieux-covoiturage"},
		{name: "any url outside the catalogue", catalog: irveCatalog, url: "https://example.org/my-schema.json", version: "1.0"},
		{name: "no catalogue: names are not checked (as udata)", catalog: `[]`, schemaName: "anything", version: "9"},
		{
			name: "version without a schema", catalog: irveCatalog, version: "2.3.1",
			summary: "Schema version without a schema", at: "version",
		},
		{
			name: "unknown name", catalog: irveCatalog, schemaName: "etalab/schema-irve-statiqe",
			summary: "Unknown schema", at: "name",
			detail: []string{`Did you mean "etalab/schema-irve-statique"`, `"etalab/schema-lieux-covoiturage"`},
		},
		{
			name: "unknown version", catalog: irveCatalog, schemaName: "etalab/schema-irve-statique", version: "2.3.2",
			summary: "Unknown schema version", at: "version", detail: []string{`"2.3.1"`, `"latest"`},
		},
		{
			// udata would store name and version instead: the plan would
			// never converge.
			name: "catalogue version given by its url", catalog: irveCatalog,
			url:     "https://schema.data.gouv.fr/schemas/etalab/schema-irve-statique/2.2.0/schema-statique.json",
			summary: "Schema of the portal's catalogue given by its url", at: "url",
			detail: []string{`name = "etalab/schema-irve-statique", version = "2.2.0"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, _ := catalogPortal(t, tt.catalog)
			var diags diag.Diagnostics
			checkResourceSchema(context.Background(), data, schemaValue(tt.schemaName, tt.version, tt.url), &diags)
			if tt.summary == "" {
				if len(diags) != 0 {
					t.Fatalf("want no diagnostic, got %v", diags)
				}
				return
			}
			if len(diags) != 1 || diags[0].Summary() != tt.summary {
				t.Fatalf("want one %q, got %v", tt.summary, diags)
			}
			if p, ok := diags[0].(diag.DiagnosticWithPath); !ok || p.Path().String() != "schema."+tt.at {
				t.Errorf("diagnostic not on schema.%s: %v", tt.at, diags[0])
			}
			for _, want := range tt.detail {
				if !strings.Contains(diags[0].Detail(), want) {
					t.Errorf("detail lacks %s:\n%s", want, diags[0].Detail())
				}
			}
		})
	}
}

// However many resources name a schema, the catalogue is fetched once per
// configured provider.
func TestCheckResourceSchema_catalogueFetchedOnce(t *testing.T) {
	data, fetches := catalogPortal(t, irveCatalog)
	for range 30 {
		var diags diag.Diagnostics
		checkResourceSchema(context.Background(), data, schemaValue("etalab/schema-irve-statique", "2.3.1", ""), &diags)
	}
	if *fetches != 1 {
		t.Errorf("catalogue fetched %d times for 30 checks, want 1", *fetches)
	}
}
