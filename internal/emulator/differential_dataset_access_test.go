package emulator

import "testing"

// dfDatasetAccess: a dataset's access rules and contact points through the
// v1 form (POST and PUT), as TestDifferentialCatalog's sequence
// "dataset_access".
func dfDatasetAccess(t *testing.T, d *differ) {
	d.contactPoint(t, "dacp", nil)
	d.contactPoint(t, "dacp_user", jo{"organization": nil, "role": "creator", "email": nil})
	d.dataset(t, "dsa", jo{
		"license": "lov2", "access_type": "restricted",
		"access_audiences":            []any{jo{"role": "private", "condition": "no"}},
		"authorization_request_url":   "https://example.org/ask",
		"access_type_reason_category": "confidentiality_of_proceedings_of_public_authorities",
		"access_type_reason":          "why", "contact_points": []any{"{{dacp}}"},
	})
	ds := dfDS + "{{dsa}}/"
	put := func(extra jo) jo {
		b := jo{"title": "Dataset dsa {{run}}", "description": "Some description"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	d.each(t, []dfCase{
		{"get restricted", dfGet(ds, "main")},
		{"get v2", dfGet("/api/2/datasets/{{dsa}}/", "main")},
		{"open keeps audiences, licence back", dfPut(ds, "main", put(jo{"access_type": "open", "license": "lov2"}))},
		{"open with account clears licence", dfPut(ds, "main", put(jo{"access_type": "open_with_account", "license": "lov2"}))},
		{"empty lists keep", dfPut(ds, "main", put(jo{"access_audiences": []any{}, "contact_points": []any{}}))},
		{"null access type and strings", dfPut(ds, "main", put(jo{"access_type": nil, "authorization_request_url": nil,
			"access_type_reason_category": nil, "access_type_reason": ""}))},
		{"null contact points clear", dfPut(ds, "main", put(jo{"contact_points": nil}))},
		{"audiences replaced", dfPut(ds, "main", put(jo{"access_type": "restricted",
			"access_audiences": []any{jo{"role": "company_and_association", "condition": "yes"}}}))},
		{"absent fields kept", dfPut(ds, "main", put(nil))},
		{"bad access type", dfPut(ds, "main", put(jo{"access_type": "closed"}))},
		{"bad reason category", dfPut(ds, "main", put(jo{"access_type_reason_category": "personal_data"}))},
		{"two conditions for a role", dfPut(ds, "main", put(jo{"access_audiences": []any{
			jo{"role": "private", "condition": "no"}, jo{"role": "private", "condition": "yes"}}}))},
		{"null audiences", dfPut(ds, "main", put(jo{"access_audiences": nil}))},
		{"bad request URL", dfPut(ds, "main", put(jo{"authorization_request_url": "not a url"}))},
		{"unknown contact point", dfPut(ds, "main", put(jo{"contact_points": []any{"0123456789abcdef01234567"}}))},
		{"contact point of another owner", dfPut(ds, "main", put(jo{"contact_points": []any{"{{dacp_user}}"}}))},
		{"after failures", dfGet(ds, "main")},
	})
}
