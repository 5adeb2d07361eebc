package tray

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/tray/traytest"
)

// TestShowSignalsOnlyWhatChanged runs the real tray (fyne.io/systray) on a
// private session bus with a tray host, and counts the dbusmenu signals
// each Show sends. The library announces every call on an item as a change
// of the whole menu (one LayoutUpdated, even for a call that changes
// nothing; systray_menu_unix.go), so Show calls it only for an item whose
// text or visibility changed: one signal for one changed item, none for a
// state shown again.
func TestShowSignalsOnlyWhatChanged(t *testing.T) {
	s := testenv.DBusSession(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", s.Address) // the library's shared connection
	host := testenv.Connect(t, s.Address)
	w, err := traytest.Start(host)
	if err != nil {
		t.Fatal(err)
	}
	counter := testenv.Connect(t, s.Address)
	if err := counter.AddMatchSignal(dbus.WithMatchInterface("com.canonical.dbusmenu"), dbus.WithMatchMember("LayoutUpdated")); err != nil {
		t.Fatal(err)
	}
	sigs := make(chan *dbus.Signal, 1024)
	counter.Signal(sigs)
	var layouts atomic.Int64
	go func() {
		for range sigs {
			layouts.Add(1)
		}
	}()

	labels := Labels{Status: "Status…", CheckNow: "Check now", Snooze: "Snooze", SnoozeHour: "For an hour", SnoozeTomorrow: "Until tomorrow", Settings: "Settings…", Quit: "Quit"}
	entry := func(id, label string) Entry { return Entry{Check: id, Label: label} }
	st := State{Status: monitor.Warn, Tooltip: "Mamori: 1 to look at", Labels: labels, Entries: []Entry{entry("wifi", "Wi-Fi: open network")}}
	events := make(chan Event, 16)
	tr := &Systray{Slots: 3, Events: events}
	tr.Show(st) // before the icon: made with these labels
	tr.Start()
	defer tr.Stop()
	if _, err := w.Next(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	select {
	case <-tr.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("the tray never became ready")
	}

	// settled waits until no signal has come for a while and returns the
	// count since before.
	settled := func(before int64) int64 {
		last, quiet := layouts.Load(), time.Now()
		for time.Since(quiet) < 700*time.Millisecond {
			time.Sleep(50 * time.Millisecond)
			if n := layouts.Load(); n != last {
				last, quiet = n, time.Now()
			}
		}
		return last - before
	}
	settled(0) // the start-up's

	next := func(f func(*State)) State {
		c := st
		c.Entries = append([]Entry(nil), st.Entries...)
		f(&c)
		return c
	}
	steps := []struct {
		name string
		st   State
		want int64
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
	}
	for _, step := range steps {
		before := layouts.Load()
		tr.Show(step.st)
		if got := settled(before); got != step.want {
			t.Errorf("%s: %d layout updates, want %d", step.name, got, step.want)
		}
	}
}
