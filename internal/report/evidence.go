package report

import (
	"fmt"

	"github.com/mamori-project/mamori/internal/monitor"
)

// The bounds of the evidence a person is shown under Details (the status
// window, `mamori check --details`): a screenful, each line no longer than
// a long path.
const (
	// MaxEvidenceLines lines are shown at most, the last of them counting
	// the entries left out when there are more.
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
func EvidenceLines(c Check) []string {
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
		lines = append(lines[:MaxEvidenceLines-1], fmt.Sprintf("… (+%d)", left))
	}
	return lines
}
