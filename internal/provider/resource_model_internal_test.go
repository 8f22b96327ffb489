package provider

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// udata answers a write with microseconds (…16.987149+00:00) and every read
// after it with what MongoDB stored, milliseconds (…16.987000+00:00): both
// must give the same state, or import verification fails and each refresh
// reports a change made outside of Terraform.
func TestResourceFromAPI_timestampsAtTheMillisecond(t *testing.T) {
	written := &client.Resource{ID: "r1", Filetype: "remote", URL: "https://example.org/a.csv",
		CreatedAt: "2026-12-01T10:36:16.987149+00:00", LastModified: "2026-12-01T10:40:01.000999+00:00"}
	read := *written
	read.CreatedAt, read.LastModified = "2026-12-01T10:36:16.987000+00:00", "2026-12-01T10:40:01.000000+00:00"

	var a, b resourceModel
	a.fromAPI(written, "d1", readOptions{})
	b.fromAPI(&read, "d1", readOptions{})
	if !a.CreatedAt.Equal(b.CreatedAt) || !a.LastModified.Equal(b.LastModified) {
		t.Errorf("write answer gives %s / %s, read gives %s / %s", a.CreatedAt, a.LastModified, b.CreatedAt, b.LastModified)
	}
	if got := a.CreatedAt.ValueString(); got != "2026-12-01T10:36:16.987Z" {
		t.Errorf("created_at = %q, want RFC 3339 UTC at the millisecond", got)
	}
}

// A hosted file's metadata PUT carries only what the uploader owns: udata
// before 17.0.2 wiped the checksum and size on an explicit null, and the
// web front end never sends them. A remote link's PUT carries them all
// (null clears a value removed from the configuration).
func TestMetadataInput_hostedLeavesPortalFieldsOut(t *testing.T) {
	ctx := context.Background()
	m := resourceModel{
		Title: types.StringValue("T"), Description: types.StringNull(), Type: types.StringValue("main"),
		Schema: types.ObjectNull(resourceSchemaAttrTypes), Extras: types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("v")}),
		URL: types.StringValue("https://example.org/a.csv"), Format: types.StringNull(), Mime: types.StringNull(),
		Filesize: types.Int64Null(), Checksum: types.ObjectNull(resourceChecksumAttrTypes),
		FilePath: types.StringNull(), Filetype: types.StringValue("remote"),
	}
	body := func(m resourceModel) map[string]any {
		in, diags := m.metadataInput(ctx)
		if diags.HasError() {
			t.Fatal(diags)
		}
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]any{}
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	remote := body(m)
	for _, k := range []string{"url", "format", "mime", "filesize", "checksum"} {
		if _, ok := remote[k]; !ok {
			t.Errorf("remote PUT lacks %q: %v", k, remote)
		}
	}
	m.FilePath, m.Filetype = types.StringValue("data.csv"), types.StringValue("file")
	hosted := body(m)
	for _, k := range []string{"url", "format", "mime", "filesize", "checksum", "filetype"} {
		if _, ok := hosted[k]; ok {
			t.Errorf("hosted file's PUT carries %q: %v", k, hosted)
		}
	}
	for _, body := range []map[string]any{remote, hosted} {
		if _, ok := body["extras"]; ok {
			t.Errorf("a metadata PUT carries extras (written through the v2 endpoint instead): %v", body)
		}
		if body["title"] != "T" {
			t.Errorf("title = %v", body["title"])
		}
	}
}

// A Read that finds the resource as the state has it leaves the state
// alone (state_unchanged.go): the comparison must see a change in any field,
// nested values and null against empty included.
func TestModelsEqual_seesEveryField(t *testing.T) {
	extras := func(v string) types.Map {
		return types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue(v)})
	}
	// As Read has it: the prior state's model, then what the portal says.
	base := func() resourceModel {
		m := resourceModel{Extras: extras("v")}
		m.fromAPI(&client.Resource{ID: "r1", Title: "A", Filetype: "remote", URL: "https://example.org/a.csv",
			Extras: map[string]any{"k": "v"}, Checksum: &client.Checksum{Type: "sha1", Value: "abc"}}, "d1", readOptions{})
		return m
	}
	a, b := base(), base()
	if !modelsEqual(&a, &b) {
		t.Fatal("two reads of the same resource differ")
	}
	changes := map[string]func(m *resourceModel){
		"title":          func(m *resourceModel) { m.Title = types.StringValue("B") },
		"description":    func(m *resourceModel) { m.Description = types.StringValue("") },
		"extras element": func(m *resourceModel) { m.Extras = extras("w") },
		"checksum":       func(m *resourceModel) { m.Checksum = types.ObjectNull(resourceChecksumAttrTypes) },
		"file_path":      func(m *resourceModel) { m.FilePath = types.StringValue("a.csv") },
		"last field": func(m *resourceModel) {
			m.Timeouts.Object = types.ObjectValueMust(map[string]attr.Type{"read": types.StringType}, map[string]attr.Value{"read": types.StringValue("5m")})
		},
	}
	for name, change := range changes {
		c := base()
		change(&c)
		if modelsEqual(&a, &c) {
			t.Errorf("a change of %s is not seen", name)
		}
	}
}
