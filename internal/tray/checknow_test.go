package tray

import (
	"strings"
	"testing"
	"time"
)

// TestLastCheckedSaysWhen: the Check now item's "last checked" is a time
// of day, so it is said only on the day of the click; later the item is
// plain Check now again (red team).
func TestLastCheckedSaysWhen(t *testing.T) {
	p := printer(t, "en")
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.Local)
	clicked := now.AddDate(0, 0, -2).Add(-3 * time.Hour) // two days ago, 06:00:00
	st := BuildAt(nil, p, time.Time{}, now)
	st.CheckNowSays(p, false, clicked, now)
	if l := st.Labels.CheckNow; l != "Check now" {
		t.Errorf("two days after the click, the menu says %q: read as this morning", l)
	}
	st.CheckNowSays(p, false, now.Add(-time.Minute), now)
	if l := st.Labels.CheckNow; !strings.Contains(l, "08:59:00") {
		t.Errorf("a minute after the click, the menu says %q", l)
	}
}
