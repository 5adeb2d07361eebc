package tray

import (
	"fmt"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/tray/traytest"
)

// TestShowSignalsOnlyWhatChanged runs the real tray (fyne.io/systray, as
// patched under third_party/systray) on a private session bus with a tray
// host, and counts the dbusmenu signals that tell the host to read the
// whole menu again: LayoutUpdated, and the change of the menu's Version
// property that comes with it. The library sends both for every call on an
// item, even one that changes nothing (systray_menu_unix.go), so Show calls
// it only for an item whose text or visibility changed, and in one batch
// (systray.Batch): one Show sends at most one of each however many items
// it changes, building the menu at most one, a state shown again none.
func TestShowSignalsOnlyWhatChanged(t *testing.T) {
	s := testenv.DBusSession(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", s.Address) // the library's shared connection
	w, host, signals := traytest.Host(t, s.Address)

	labels := Labels{Status: "Status…", CheckNow: "Check now", Snooze: "Snooze", SnoozeHour: "For an hour", SnoozeTomorrow: "Until tomorrow", Settings: "Settings…", Quit: "Quit"}
	entry := func(id, label string) Entry { return Entry{Check: id, Label: label} }
	st := State{Status: monitor.Warn, Tooltip: "Mamori: 1 to look at", Labels: labels, Entries: []Entry{entry("wifi", "Wi-Fi: open network")}}
	events := make(chan Event, 16)
	tr := &Systray{Slots: 3, Events: events}
	tr.Show(st) // before the icon: made with these labels
	tr.Start()
	defer tr.Stop()
	item, err := w.Next(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-tr.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("the tray never became ready")
	}

	settled := func(before traytest.Counts) traytest.Counts { return signals.Settled(before, 700*time.Millisecond) }
	// Building the menu, with the state asked for before it: the host
	// has not read the menu yet, so the library adds no update of its
	// own (it does after the host's first GetLayout).
	if got := settled(traytest.Counts{}); got.Layouts > 1 || got.Versions > 1 {
		t.Errorf("building the menu: %d layout updates and %d version changes, want at most 1 of each", got.Layouts, got.Versions)
	}

	next := func(f func(*State)) State {
		c := st
		c.Entries = append([]Entry(nil), st.Entries...)
		f(&c)
		return c
	}
	// items is how many items a step changes: they are announced in one
	// ItemsPropertiesUpdated, with one layout update and one version
	// change.
	steps := []struct {
		name  string
		st    State
		items int64
	}{
		{"the same state again", st, 0},
		{"the tooltip and icon only", next(func(s *State) { s.Status, s.Tooltip = monitor.Critical, "Mamori: 1 to fix" }), 0},
		{"one entry's text", next(func(s *State) {
			s.Status, s.Tooltip = monitor.Critical, "Mamori: 1 to fix"
			s.Entries[0].Label = "Wi-Fi: WEP"
		}), 1},
		{"one fixed item's text", next(func(s *State) {
			s.Status, s.Tooltip = monitor.Critical, "Mamori: 1 to fix"
			s.Entries[0].Label = "Wi-Fi: WEP"
			s.Labels.CheckNow = "Check again"
		}), 1},
		{"the same again", next(func(s *State) {
			s.Status, s.Tooltip = monitor.Critical, "Mamori: 1 to fix"
			s.Entries[0].Label = "Wi-Fi: WEP"
			s.Labels.CheckNow = "Check again"
		}), 0},
		// A sweep that changes several lines: one update for all. Two
		// more entries, the snooze's check and its two lines.
		{"three entries and a snooze at once", next(func(s *State) {
			s.Status, s.Tooltip = monitor.Critical, "Mamori: 3 to fix"
			s.Labels.CheckNow = "Check again"
			s.Entries = []Entry{entry("wifi", "Wi-Fi: WEP"), entry("screen-lock", "Screen lock: off"), entry("firewall", "Firewall: off")}
			s.Snoozed = true
			s.Labels.Paused, s.Labels.Resume = "Notifications paused until 15:30", "Resume notifications"
		}), 5},
		{"all but one go", next(func(s *State) {
			s.Status, s.Tooltip = monitor.Warn, "Mamori: 1 to look at"
			s.Labels.CheckNow = "Check again"
			s.Entries = []Entry{entry("screen-lock", "Screen lock: after 30 minutes")}
		}), 6},
	}
	for _, step := range steps {
		before := signals.Counts()
		tr.Show(step.st)
		once := min(step.items, 1)
		if got := settled(before); got != (traytest.Counts{Layouts: once, Versions: once, Props: once, PropItems: step.items}) {
			t.Errorf("%s: %d layout updates, %d version changes, %d ItemsPropertiesUpdated naming %d items; want %d, %d, %d naming %d",
				step.name, got.Layouts, got.Versions, got.Props, got.PropItems, once, once, once, step.items)
		}
	}
	// What the host reads is what the last Show asked for. (The library
	// answers a host's first GetLayout without the submenus' items, for
	// libdbusmenu-gtk3's sake, so the host reads twice.)
	var m traytest.Item
	for range 2 {
		if m, err = traytest.Layout(host, item); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"Screen lock: after 30 minutes", "Status…", "Check again", "Snooze", "Snooze/For an hour", "Snooze/Until tomorrow", "Settings…", "Quit"}
	if got := m.Labels(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the menu reads %q, want %q", got, want)
	}
}
