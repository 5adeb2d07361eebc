package i18n

import (
	"strconv"
	"time"
)

// isoLayouts are the ways a date reaches the catalogues as text: a check's
// Args cross from the worker as JSON, and the windows format times before
// they ask for a text.
var isoLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"}

// dateArgs writes the dates among args as p's language writes them.
// Japanese reads 2025年1月1日 (and 15:04:05 after it when there is a time
// to the second, as the English shows it, so that a check run again
// within the minute shows a new time; 15:04 when it is given to the
// minute), not 2025-01-01; English keeps what it was given.
func (p *Printer) dateArgs(args map[string]any) map[string]any {
	if p.Lang != "ja" {
		return args
	}
	return rewriteArgs(args, func(_ string, v any) (any, bool) { return jaDate(v) })
}

// jaDate is v in Japanese if v is a date: a time.Time, or text in one of
// isoLayouts and nothing else.
func jaDate(v any) (string, bool) {
	var t time.Time
	withTime, withSeconds := true, true
	switch x := v.(type) {
	case time.Time:
		t = x
	case string:
		if len(x) < len("2006-01-02") || x[4] != '-' {
			return "", false
		}
		parsed := false
		for _, l := range isoLayouts {
			if p, err := time.Parse(l, x); err == nil {
				t, parsed, withTime, withSeconds = p, true, l != "2006-01-02", l == "2006-01-02 15:04:05"
				break
			}
		}
		if !parsed {
			return "", false
		}
	default:
		return "", false
	}
	s := strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
	if withTime {
		s += " " + strconv.Itoa(t.Hour()) + ":" + t.Format("04")
		if withSeconds {
			s += ":" + t.Format("05")
		}
	}
	return s, true
}
