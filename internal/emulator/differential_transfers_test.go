package emulator

import "testing"

// dfTransfers moves a dataset and a dataservice between owners through
// udata's transfers: to a second organization the main user creates (and
// so administers), then back to the user themself. Refusals on the way:
// no key, a user who administers neither side, the current owner as
// recipient, an unknown subject, an answer that is neither accept nor
// refuse, a transfer answered twice.
func dfTransfers(t *testing.T, d *differ) {
	org2 := d.call(t, "create organization", dfPost("/api/1/organizations/", "main", jo{"name": "Transfer {{run}}", "description": "d"}))
	d.bind(t, "org2", org2, "id")
	// Deleted at the end: the main user's organizations are compared
	// elsewhere, and the oracle may serve other runs.
	t.Cleanup(func() { d.call(t, "delete organization", dfDel("/api/1/organizations/{{org2}}/", "main")) })
	d.call(t, "create organization without name", dfPost("/api/1/organizations/", "main", jo{"description": "d"}))
	d.dataset(t, "tr", nil)
	toOrg2 := jo{"subject": jo{"class": "Dataset", "id": "{{tr}}"}, "recipient": jo{"class": "Organization", "id": "{{org2}}"}, "comment": "c"}
	d.each(t, []dfCase{
		{"request without key", dfPost("/api/1/transfer/", "", toOrg2)},
		{"request as other", dfPost("/api/1/transfer/", "other", toOrg2)},
		{"request to the owner", dfPost("/api/1/transfer/", "main", jo{"subject": jo{"class": "Dataset", "id": "{{tr}}"}, "recipient": jo{"class": "Organization", "id": "{{org}}"}})},
		{"request unknown subject", dfPost("/api/1/transfer/", "main", jo{"subject": jo{"class": "Dataset", "id": "0123456789abcdef01234567"}, "recipient": jo{"class": "Organization", "id": "{{org2}}"}})},
	})
	req := d.call(t, "request", dfPost("/api/1/transfer/", "main", toOrg2))
	d.bind(t, "transfer", req, "id")
	d.each(t, []dfCase{
		{"get pending", dfGet("/api/1/transfer/{{transfer}}/", "")},
		{"accept as other", dfPost("/api/1/transfer/{{transfer}}/", "other", jo{"response": "accept"})},
		{"answer neither", dfPost("/api/1/transfer/{{transfer}}/", "main", jo{"response": "maybe"})},
		{"accept", dfPost("/api/1/transfer/{{transfer}}/", "main", jo{"response": "accept", "comment": "ok"})},
		{"accept again", dfPost("/api/1/transfer/{{transfer}}/", "main", jo{"response": "accept"})},
		{"dataset in the new organization", dfGet(dfDS+"{{tr}}/", "main")},
	})
	back := d.call(t, "request to the user", dfPost("/api/1/transfer/", "main", jo{"subject": jo{"class": "Dataset", "id": "{{tr}}"}, "recipient": jo{"class": "User", "id": "{{main.id}}"}, "comment": "c"}))
	d.bind(t, "transfer_back", back, "id")
	d.call(t, "accept to the user", dfPost("/api/1/transfer/{{transfer_back}}/", "main", jo{"response": "accept"}))
	d.call(t, "dataset owned by the user", dfGet(dfDS+"{{tr}}/", "main"))

	dsv := d.call(t, "create dataservice", dfPost("/api/1/dataservices/", "main", jo{"title": "Transfer {{run}}", "base_api_url": "https://example.com/api", "organization": "{{org}}"}))
	d.bind(t, "tr_dsv", dsv, "id")
	dreq := d.call(t, "request dataservice", dfPost("/api/1/transfer/", "main", jo{"subject": jo{"class": "Dataservice", "id": "{{tr_dsv}}"}, "recipient": jo{"class": "Organization", "id": "{{org2}}"}, "comment": "c"}))
	d.bind(t, "transfer_dsv", dreq, "id")
	d.call(t, "accept dataservice", dfPost("/api/1/transfer/{{transfer_dsv}}/", "main", jo{"response": "accept"}))
	d.call(t, "dataservice in the new organization", dfGet("/api/1/dataservices/{{tr_dsv}}/", "main"))
}
