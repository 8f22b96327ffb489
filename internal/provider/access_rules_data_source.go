package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// accessRulesDataSourceAttributes are the access attributes (access_rules.go)
// as the data sources of an object with access rules read them ("dataset",
// "dataservice"): the same names and values as the resource's, computed.
func accessRulesDataSourceAttributes(object string) map[string]schema.Attribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Description: desc}
	}
	return map[string]schema.Attribute{
		"access_type": str(fmt.Sprintf("Who may use the %s: `open`, `open_with_account` or `restricted`.", object)),
		"access_audiences": schema.SetNestedAttribute{Computed: true,
			Description: "The audiences of a restricted access, one condition per role; empty unless `access_type` is `restricted`.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"role":      str("The audience: `local_authority_and_administration`, `company_and_association` or `private`."),
				"condition": str("Whether it may be granted access: `yes`, `no` or `under_condition`."),
			}}},
		"authorization_request_url":   str("URL of the form to ask for access; null when none."),
		"access_type_reason_category": str("Why the access is not open, as a category of the portal; null when none."),
		"access_type_reason":          str("Why the access is not open, in the producer's words; null when none."),
	}
}

// extrasDataSourceAttribute is the extras of an object as its data source
// reads them (extrasFromAPI without a prior: what an import adopts).
func extrasDataSourceAttribute(object string) schema.MapAttribute {
	return schema.MapAttribute{Computed: true, ElementType: types.StringType,
		Description: fmt.Sprintf("Extra metadata of the %s, but the portal's own keys, as an import of the %s adopts them: "+
			"a value that is not a string (number, boolean, list, object) as its JSON text.", object, object)}
}
