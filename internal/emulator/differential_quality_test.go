package emulator

import (
	"strings"
	"testing"
)

// dfDatasetQuality: the dataset's quality object (Dataset.quality:
// compute_quality at the last save, update_fulfilled_in_time at read time,
// compute_quality_score), at the edges the provider's prediction relies on:
// a description of exactly 100 characters, "notspecified" as a licence, a
// granularity alone, a frequency without a period, closed formats in any
// case, files without a format, documentation and described files, and a
// licence cleared by a non-open access type.
func dfDatasetQuality(t *testing.T, d *differ) {
	ds := dfDS + "{{q_short}}/"
	quality := func(label, path string) {
		t.Helper()
		ans := d.call(t, label, dfGet(path, "main"))
		d.fact(t, label+": quality", dfShow(dfDig(ans[0].body, "quality")), dfShow(dfDig(ans[1].body, "quality")))
	}
	d.dataset(t, "q_short", jo{"description": strings.Repeat("x", 100)})
	quality("exactly 100 characters, no licence", ds)
	d.dataset(t, "q_long", jo{"description": strings.Repeat("é", 101), "license": "notspecified", "frequency": "irregular",
		"spatial": jo{"granularity": "country"}, "temporal_coverage": jo{"start": "2020-01-01"}})
	quality("every field, a granularity alone", dfDS+"{{q_long}}/")

	d.call(t, "daily, licence null", dfPut(ds, "main", jo{"frequency": "daily", "license": nil}))
	quality("daily without files", ds)
	d.remote(t, "q_short", "q_pdf", jo{"format": "pdf"})
	d.remote(t, "q_short", "q_xlsx", jo{"format": "XLSX"})
	d.remote(t, "q_short", "q_none", jo{"format": ""})
	quality("closed formats and no format", ds)
	d.remote(t, "q_short", "q_doc", jo{"format": "docx", "type": "documentation"})
	quality("a documentation file", ds)
	d.call(t, "documentation file becomes main", dfPut(ds+"resources/{{q_doc}}/", "main",
		jo{"title": "Resource q_doc", "url": "https://example.com/q_doc.csv", "type": "main"}))
	quality("no documentation", ds)
	d.remote(t, "q_short", "q_csv", jo{"format": "csv", "description": "Columns: a, b."})
	quality("a described file in an open format", ds)

	d.call(t, "restricted with a licence", dfPut(dfDS+"{{q_long}}/", "main",
		jo{"license": "lov2", "access_type": "restricted", "access_audiences": []any{}}))
	quality("licence cleared by the access type", dfDS+"{{q_long}}/")
	d.remote(t, "q_long", "q_after", jo{"format": "csv"})
	quality("licence cleared, after a file write", dfDS+"{{q_long}}/")
	d.call(t, "frequency unknown", dfPut(dfDS+"{{q_long}}/", "main", jo{"frequency": "unknown"}))
	quality("no frequency", dfDS+"{{q_long}}/")
}
