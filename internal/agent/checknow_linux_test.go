package agent_test

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestCheckNowFromTheTraySaysItRan: the person clicks Check now in the
// real agent's tray menu with no window open; the menu (read as a tray
// host reads it) then says when that check ran, to the second, which a
// second click a few seconds later changes. A trial found no sign at all
// from the tray.
func TestCheckNowFromTheTraySaysItRan(t *testing.T) {
	desktop, item, logs := agentInTray(t)
	done := regexp.MustCompile(`^Check now \(last checked (\d\d:\d\d:\d\d)\)$`)
	said := func() string {
		for _, l := range layout(t, desktop, item).Labels() {
			if m := done.FindStringSubmatch(l); m != nil {
				return m[1]
			}
		}
		return ""
	}
	if got := said(); got != "" {
		t.Fatalf("the menu says a check ran at %s before any was asked for", got)
	}
	var first string
	for round := range 2 {
		checkNow, ok := findPrefix(layout(t, desktop, item), "Check now")
		if !ok {
			t.Fatalf("no Check now item: %v", layout(t, desktop, item).Labels())
		}
		before := time.Now().Truncate(time.Second)
		click(t, desktop, item, checkNow.ID)
		var at string
		eventually(t, "the menu saying when Check now ran", 20*time.Second, func() bool {
			at = said()
			return at != "" && at != first
		})
		ran, err := time.ParseInLocation("15:04:05", at, time.Local)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		ran = time.Date(now.Year(), now.Month(), now.Day(), ran.Hour(), ran.Minute(), ran.Second(), 0, time.Local)
		if ran.Before(before) || ran.After(now) {
			t.Errorf("round %d: the menu says %s, not between the click (%s) and now (%s)", round, at, before.Format("15:04:05"), now.Format("15:04:05"))
		}
		first = at
		time.Sleep(1100 * time.Millisecond) // the next one is a second later at least
	}
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("agent log:\n%s", logs.String())
	}
}
