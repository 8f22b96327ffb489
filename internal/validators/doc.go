// Package validators holds the provider's attribute validators that are more
// than a line: each checks at plan time a rule that data.gouv.fr would
// otherwise enforce (or silently "fix") at apply time.
package validators
