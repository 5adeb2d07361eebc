package words

import (
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
)

// TestBuildSaysTheSnooze: while notifications are snoozed the menu says
// until when, in the person's language, with an item that resumes them;
// without a snooze neither is there.
func TestBuildSaysTheSnooze(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	now := time.Date(2026, 12, 6, 14, 30, 0, 0, tokyo)
	results := []monitor.Result{result("screen-lock", monitor.Critical, "screen-lock.off")}
	for _, tc := range []struct {
		name, lang     string
		until          time.Time
		paused, resume string
	}{
		{"not snoozed", "en", time.Time{}, "", ""},
		{"an hour", "en", now.Add(time.Hour), "Notifications paused until 15:30", "Resume notifications"},
		{"an hour, in UTC, said in local time", "en", now.Add(time.Hour).UTC(), "Notifications paused until 15:30", "Resume notifications"},
		{"until tomorrow", "en", time.Date(2026, 12, 7, 8, 0, 0, 0, tokyo), "Notifications paused until tomorrow 08:00", "Resume notifications"},
		{"an hour, Japanese", "ja", now.Add(time.Hour), "15:30まで通知を一時停止中", "通知を再開"},
		{"until tomorrow, Japanese", "ja", time.Date(2026, 12, 7, 8, 0, 0, 0, tokyo), "明日の08:00まで通知を一時停止中", "通知を再開"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := BuildAt(results, printer(t, tc.lang), tc.until, now)
			if st.Labels.Paused != tc.paused || st.Labels.Resume != tc.resume {
				t.Errorf("paused %q, resume %q; want %q, %q", st.Labels.Paused, st.Labels.Resume, tc.paused, tc.resume)
			}
			if st.Snoozed != !tc.until.IsZero() {
				t.Errorf("Snoozed = %v", st.Snoozed)
			}
		})
	}
}
