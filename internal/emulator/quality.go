package emulator

import (
	"encoding/json"
	"strings"
	"time"
)

// udata's dataset quality (Dataset.compute_quality, recomputed on every save
// and resource change, and .quality at read time): which recommendations a
// dataset follows, and their share of the nine criteria.

// closedFormats are udata's CLOSED_FORMATS.
var closedFormats = map[string]bool{"pdf": true, "doc": true, "docx": true, "word": true, "xls": true, "excel": true, "xlsx": true}

func quality(d *dataset, now time.Time) map[string]any {
	hasFrequency := d.Frequency != nil && *d.Frequency != "unknown"
	q := map[string]any{
		"license":                     d.License != nil || d.ClearedLicense,
		"temporal_coverage":           d.TemporalCoverage != nil,
		"spatial":                     d.Spatial != nil,
		"update_frequency":            hasFrequency,
		"dataset_description_quality": len([]rune(d.Description)) > 100,
	}
	if hasFrequency {
		// next_update is last_update plus the frequency's period; one day
		// late is still in time (timedelta.days rounds down).
		q["update_fulfilled_in_time"] = true
		if delta := frequencyDelta[*d.Frequency]; delta > 0 {
			late := d.lastUpdate().Add(delta).Sub(now)
			days := int(late / (24 * time.Hour))
			if late < 0 && late%(24*time.Hour) != 0 {
				days--
			}
			q["update_fulfilled_in_time"] = days >= -1
		}
	}
	if len(d.Resources) > 0 {
		open, available, documented := false, true, false
		for _, r := range d.Resources {
			if r.Format != nil && *r.Format != "" && !closedFormats[strings.ToLower(*r.Format)] {
				open = true
			}
			// Only remote resources are checked; "unknown" counts as available.
			if v, ok := r.Extras["check:available"]; ok && r.Filetype == "remote" && !pyTruthy(v) {
				available = false
			}
			if r.Type == "documentation" || (r.Description != nil && *r.Description != "") {
				documented = true
			}
		}
		q["has_resources"], q["has_open_format"] = true, open
		q["all_resources_available"], q["resources_documentation"] = available, documented
	}
	score := 0
	for _, k := range []string{"license", "temporal_coverage", "spatial", "update_frequency", "update_fulfilled_in_time",
		"dataset_description_quality", "has_open_format", "all_resources_available", "resources_documentation"} {
		if q[k] == true {
			score++
		}
	}
	q["score"] = float64(score) / 9
	return q
}

// pyTruthy is Python's bool() on a decoded JSON value.
func pyTruthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case map[string]any:
		return len(x) > 0
	case []any:
		return len(x) > 0
	case json.Number:
		f, err := x.Float64()
		return err != nil || f != 0
	case float64:
		return x != 0
	}
	return true
}

const day = 24 * time.Hour

// frequencyDelta is each UpdateFrequency's period (none: no expected date).
var frequencyDelta = map[string]time.Duration{
	"oneMinute": time.Minute, "fiveMinutes": 5 * time.Minute, "tenMinutes": 10 * time.Minute,
	"fifteenMinutes": 15 * time.Minute, "thirtyMinutes": 30 * time.Minute, "hourly": time.Hour,
	"bihourly": 2 * time.Hour, "trihourly": 3 * time.Hour, "twelveHours": 12 * time.Hour,
	"severalTimesADay": day, "threeTimesADay": day, "semidaily": day, "daily": day,
	"fiveTimesAWeek": 7 * day, "threeTimesAWeek": 7 * day, "semiweekly": 7 * day, "weekly": 7 * day,
	"biweekly": 14 * day, "threeTimesAMonth": 31 * day, "semimonthly": 31 * day, "monthly": 31 * day,
	"bimonthly": 62 * day, "quarterly": 93 * day, "threeTimesAYear": 365 * day, "semiannual": 365 * day,
	"annual": 365 * day, "biennial": 2 * 365 * day, "triennial": 3 * 365 * day, "quadrennial": 4 * 365 * day,
	"quinquennial": 5 * 365 * day, "decennial": 10 * 365 * day, "bidecennial": 20 * 365 * day,
	"tridecennial": 30 * 365 * day,
}
