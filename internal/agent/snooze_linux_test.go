package agent_test

import (
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestSnoozeShowsInTheMenu: the person snoozes notifications from the
// tray menu of the real agent; the menu (read as a tray host reads it,
// through com.canonical.dbusmenu GetLayout) then says until when, with
// Resume notifications, and that item ends the snooze: both go, and so
// does the tooltip's "(notifications snoozed)".
func TestSnoozeShowsInTheMenu(t *testing.T) {
	desktop, item, _ := agentInTray(t)
	if _, ok := find(layout(t, desktop, item), "Resume notifications"); ok {
		t.Fatal("Resume notifications is in the menu before any snooze")
	}
	hour, ok := find(layout(t, desktop, item), "For 1 hour")
	if !ok {
		t.Fatalf("no snooze item: %v", layout(t, desktop, item).Labels())
	}
	clicked := time.Now()
	click(t, desktop, item, hour.ID)
	// The end as the agent computed it: an hour from the click, to the
	// minute (the click and the agent may straddle a minute).
	want := []string{
		"Notifications paused until " + clicked.Add(time.Hour).Format("15:04"),
		"Notifications paused until " + clicked.Add(time.Hour+time.Minute).Format("15:04"),
	}
	var paused string
	eventually(t, "the menu saying until when notifications are paused", 5*time.Second, func() bool {
		for _, l := range layout(t, desktop, item).Labels() {
			if strings.HasPrefix(l, "Notifications paused until") {
				paused = l
			}
		}
		_, resume := find(layout(t, desktop, item), "Resume notifications")
		return paused != "" && resume
	})
	if paused != want[0] && paused != want[1] {
		t.Errorf("menu says %q, want %q", paused, want[0])
	}
	// The item's ToolTip property, (icon name, icon pixmaps, title, text).
	tooltip := func() string {
		v, err := desktop.Object(item, "/StatusNotifierItem").GetProperty("org.kde.StatusNotifierItem.ToolTip")
		if err != nil {
			return err.Error()
		}
		return v.String()
	}
	if !strings.Contains(tooltip(), "snoozed") {
		t.Errorf("tooltip while snoozed: %s", tooltip())
	}

	resume, _ := find(layout(t, desktop, item), "Resume notifications")
	click(t, desktop, item, resume.ID)
	eventually(t, "the snooze's items gone after Resume notifications", 5*time.Second, func() bool {
		got := strings.Join(layout(t, desktop, item).Labels(), " | ")
		return !strings.Contains(got, "paused until") && !strings.Contains(got, "Resume notifications")
	})
	eventually(t, "the tooltip without the snooze", 5*time.Second, func() bool { return !strings.Contains(tooltip(), "snoozed") })
}

// agentInTray starts the real agent in English on a private bus with a
// tray host, without the package checks, and returns the host's
// connection, the agent's tray item with its menu read once (the
// library's first answer is one level deep), and the agent's log.
func agentInTray(t *testing.T) (*dbus.Conn, string, *syncBuffer) {
	t.Helper()
	s := testenv.DBusSession(t).Setenv("LANG", "en_US.UTF-8")
	withoutPackageChecks(t, s)
	desktop, _, w, _ := startDesktop(t, s)
	_, logs := startAgent(t, s)
	item, err := w.Next(30 * time.Second)
	if err != nil {
		t.Fatalf("%v\n%s", err, logs.String())
	}
	layout(t, desktop, item)
	time.Sleep(300 * time.Millisecond)
	return desktop, item, logs
}
