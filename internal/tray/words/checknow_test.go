package words

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
	CheckNowSays(&st, p, false, clicked, now)
	if l := st.Labels.CheckNow; l != "Check now" {
		t.Errorf("two days after the click, the menu says %q: read as this morning", l)
	}
	CheckNowSays(&st, p, false, now.Add(-time.Minute), now)
	if l := st.Labels.CheckNow; !strings.Contains(l, "08:59:00") {
		t.Errorf("a minute after the click, the menu says %q", l)
	}
}

// TestLastCheckedAsTheWindowWritesIt: in Japanese the time has no leading
// zero and no space before the particle, as the status window writes it
// (ja review 4, polish): 今すぐ確認（最終確認：8:05:09）.
func TestLastCheckedAsTheWindowWritesIt(t *testing.T) {
	p := printer(t, "ja")
	now := time.Date(2026, 12, 6, 8, 6, 0, 0, time.Local)
	st := BuildAt(nil, p, time.Time{}, now)
	CheckNowSays(&st, p, false, time.Date(2026, 12, 6, 8, 5, 9, 0, time.Local), now)
	if l, want := st.Labels.CheckNow, "今すぐ確認（最終確認：8:05:09）"; l != want {
		t.Errorf("the menu says %q, want %q", l, want)
	}
}
