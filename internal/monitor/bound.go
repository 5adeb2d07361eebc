package monitor

import (
	"fmt"
	"unicode/utf8"
)

// The bounds a result keeps to once it leaves a check. Evidence is for
// whoever helps the person, and a few entries say as much as 300,000 (a
// hosts file of an ad blocker's size); the status document the window
// reads must stay small whatever a check found.
const (
	// MaxEvidencePerKey entries of one key are kept; the rest are counted.
	MaxEvidencePerKey = 20
	// MaxEvidence entries are kept in all, counts aside.
	MaxEvidence = 40
	// maxCounts is how many keys get a count of their own; the others'
	// counts are added up under the key "more".
	maxCounts = 5
	// MaxValue runes of a value or a finding's text argument are kept.
	MaxValue = 200
	// MaxKey runes of an evidence key are kept.
	MaxKey = 60
	// MaxListed items of a finding's list argument are kept; the number
	// cut is added to the argument named after it with "More" (NamesMore
	// for Names), which the printer counts in ("… and 13 more").
	MaxListed = 20
)

// Bounded returns r with at most MaxEvidencePerKey evidence entries of
// each key and MaxEvidence in all, in their order, each left-out key
// followed by one entry counting what was left out (Evidence.More); values
// and the finding's text arguments cut at MaxValue runes, keys at MaxKey.
// Nothing is escaped here: report.Build does that, once. Bounded(Bounded(r))
// is Bounded(r), so the engine and report.Build may both apply it.
func (r Result) Bounded() Result {
	kept := make([]Evidence, 0, min(len(r.Evidence), MaxEvidence))
	perKey := map[string]int{}
	more := map[string]int{}
	var order []string // keys with a count, in the order of their first
	count := func(key string, n int) {
		if more[key] == 0 {
			order = append(order, key)
		}
		more[key] += n
	}
	for _, e := range r.Evidence {
		key := Cut(e.Key, MaxKey)
		switch {
		case e.More > 0:
			count(key, e.More)
		case perKey[key] >= MaxEvidencePerKey || len(kept) >= MaxEvidence:
			count(key, 1)
		default:
			perKey[key]++
			kept = append(kept, Evidence{Key: key, Value: Cut(e.Value, MaxValue)})
		}
	}
	rest := 0
	for i, key := range order {
		if i < maxCounts {
			kept = append(kept, Evidence{Key: key, Value: fmt.Sprintf("… and %d more", more[key]), More: more[key]})
		} else {
			rest += more[key]
		}
	}
	if rest > 0 {
		kept = append(kept, Evidence{Key: "more", Value: fmt.Sprintf("… and %d more of other kinds", rest), More: rest})
	}
	r.Evidence = kept
	if len(r.Finding.Args) > 0 {
		args := make(map[string]any, len(r.Finding.Args))
		for k, v := range r.Finding.Args {
			switch x := v.(type) {
			case string:
				v = Cut(x, MaxValue)
			case []string:
				v = cutList(x, func(s string) string { return s })
			case []any:
				v = cutList(x, func(a any) string { return fmt.Sprint(a) })
			}
			args[k] = v
		}
		for k, v := range r.Finding.Args {
			if n := listLen(v); n > MaxListed {
				args[k+"More"] = asCount(r.Finding.Args[k+"More"]) + n - MaxListed
			}
		}
		r.Finding.Args = args
	}
	return r
}

// Cut returns s cut to at most max runes, at a rune boundary, a cut marked
// with "…". Bytes that are not UTF-8 count one each and are kept as they
// are, for whatever shows s to escape.
func Cut(s string, max int) string {
	n := 0
	for i := 0; i < len(s); n++ {
		if n == max {
			return s[:i] + "…"
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s
}

// cutList returns the first MaxListed items of list, each cut to MaxValue.
func cutList[E any](list []E, str func(E) string) []string {
	out := make([]string, 0, min(len(list), MaxListed))
	for _, e := range list[:min(len(list), MaxListed)] {
		out = append(out, Cut(str(e), MaxValue))
	}
	return out
}

func listLen(v any) int {
	switch x := v.(type) {
	case []string:
		return len(x)
	case []any:
		return len(x)
	}
	return 0
}

// asCount reads a count that may have crossed as JSON (a float64).
func asCount(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case float64:
		return int(x)
	}
	return 0
}
