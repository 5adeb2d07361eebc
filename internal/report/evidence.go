package report

import (
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
)

// The bounds of the evidence a person is shown under Details (the status
// window, `mamori check --details`): a screenful, each line no longer than
// a long path.
const (
	// MaxEvidenceLines lines are shown at most, the last of them counting
	// the entries left out when there are more, in the person's language
	// (…ほか3件, not (+3)).
	MaxEvidenceLines = 20
	// MaxEvidenceLine runes of a line are shown; a cut is marked with "…".
	MaxEvidenceLine = 200
)

// EvidenceLines is what a check saw, for whoever helps the person: the
// reason a check could not tell as the system said it, then each
// observation as "key: value" (the paths, the tools, the certificates a
// finding refers to), in the check's order. At most MaxEvidenceLines,
// each cut to MaxEvidenceLine runes. The text is shown as Build left it:
// escaped there once (safe.Text), not again here, so a name reads the same
// in the window, the table and the JSON document.
func EvidenceLines(p *i18n.Printer, c Check) []string {
	var lines []string
	if reason := c.Get("reason"); reason != "" {
		lines = append(lines, monitor.Cut(reason, MaxEvidenceLine))
	}
	reasonSeen := false
	for _, e := range c.Evidence {
		if e.Key == "reason" && !reasonSeen && e.More == 0 {
			reasonSeen = true // shown first, alone
			continue
		}
		lines = append(lines, monitor.Cut(e.Key+": "+e.Value, MaxEvidenceLine))
	}
	if len(lines) > MaxEvidenceLines {
		left := len(lines) - (MaxEvidenceLines - 1)
		lines = append(lines[:MaxEvidenceLines-1], p.T("report.evidence.more", map[string]any{"Count": left}))
	}
	return lines
}
