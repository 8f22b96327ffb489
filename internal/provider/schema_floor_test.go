package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// The floor is only fair if it serves exactly this provider's resource
// types with exactly their attributes.
func TestSchemaFloor_servesTheSameSchemas(t *testing.T) {
	ctx := context.Background()
	ours, floor := New("test")().(*DatagouvProvider), NewSchemaFloor("test")()
	realResources, floorResources := ours.Resources(ctx), floor.Resources(ctx)
	if len(realResources) != len(floorResources) {
		t.Fatalf("floor serves %d resource types, the provider %d", len(floorResources), len(realResources))
	}
	for i := range realResources {
		a, b := describe(ctx, realResources[i]()), describe(ctx, floorResources[i]())
		if a.name != b.name || !slices.Equal(a.attributes, b.attributes) {
			t.Errorf("floor resource %s %v, provider's %s %v", b.name, b.attributes, a.name, a.attributes)
		}
	}
	var rp, fp provider.SchemaResponse
	ours.Schema(ctx, provider.SchemaRequest{}, &rp)
	floor.Schema(ctx, provider.SchemaRequest{}, &fp)
	if len(rp.Schema.Attributes) != len(fp.Schema.Attributes) {
		t.Errorf("floor provider schema has %d attributes, the provider's %d", len(fp.Schema.Attributes), len(rp.Schema.Attributes))
	}
}

type resourceDescription struct {
	name       string
	attributes []string
}

func describe(ctx context.Context, r resource.Resource) resourceDescription {
	var m resource.MetadataResponse
	r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "datagouv"}, &m)
	var s resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &s)
	var names []string
	for name := range s.Schema.Attributes {
		names = append(names, name)
	}
	for name := range s.Schema.Blocks {
		names = append(names, name+" (block)")
	}
	slices.Sort(names)
	return resourceDescription{m.TypeName, names}
}
