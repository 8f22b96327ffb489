package validators

import (
	"sort"
	"strings"
)

// Suggest returns the candidates closest to value (case-insensitive edit
// distance), best first, at most limit of them, and only those close enough
// to be a plausible typo: a distance of at most a third of the longer string,
// and at least 2.
func Suggest(value string, candidates []string, limit int) []string {
	type scored struct {
		s string
		d int
	}
	var near []scored
	v := strings.ToLower(value)
	for _, c := range candidates {
		d := editDistance(v, strings.ToLower(c))
		longest := max(len([]rune(v)), len([]rune(c)))
		if d > 0 && d <= max(2, longest/3) || d == 0 && c != value {
			near = append(near, scored{c, d})
		}
	}
	sort.SliceStable(near, func(i, j int) bool {
		if near[i].d != near[j].d {
			return near[i].d < near[j].d
		}
		return near[i].s < near[j].s
	})
	out := make([]string, 0, min(limit, len(near)))
	for i := 0; i < len(near) && i < limit; i++ {
		out = append(out, near[i].s)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// QuoteList renders values as "a", "b", "c" for diagnostics.
func QuoteList(values []string) string { return quoteJoin(values, ", ") }

// DidYouMean is the sentence a diagnostic appends for close matches
// (` Did you mean "a" or "b"?`), or "" when there are none.
func DidYouMean(value string, candidates []string) string {
	s := Suggest(value, candidates, 3)
	if len(s) == 0 {
		return ""
	}
	return " Did you mean " + quoteJoin(s, " or ") + "?"
}

func quoteJoin(values []string, sep string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = `"` + v + `"`
	}
	return strings.Join(q, sep)
}
