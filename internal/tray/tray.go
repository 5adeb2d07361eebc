// Package tray shows the tray icon: an icon for the worst status, a one-line
// summary and a menu with each failing check, as a State says them. Its
// words are chosen elsewhere (tray/words, run by the judge); systray.go is
// the only file that imports the tray library.
package tray

import "github.com/mamori-project/mamori/internal/monitor"

// Event is something the person did in the tray menu.
type Event struct {
	Kind EventKind
	// Check is the check an OpenCheck event is about.
	Check string
}

// EventKind names a menu action.
type EventKind string

// The menu actions.
const (
	OpenStatus     EventKind = "status"
	OpenCheck      EventKind = "check"
	CheckNow       EventKind = "check-now"
	SnoozeHour     EventKind = "snooze-hour"
	SnoozeTomorrow EventKind = "snooze-tomorrow"
	// Resume ends a snooze.
	Resume       EventKind = "resume"
	OpenSettings EventKind = "settings"
	Quit         EventKind = "quit"
)

// Entry is a failing check in the menu.
type Entry struct {
	Check string
	Label string
}

// State is everything the tray shows.
type State struct {
	Status  monitor.Status
	Tooltip string
	Entries []Entry
	// Labels of the fixed items, in the person's language.
	Labels Labels
	// Snoozed is shown next to the snooze items while a snooze lasts.
	Snoozed bool
}

// Labels are the fixed menu items' texts.
type Labels struct {
	Status, CheckNow, Snooze, SnoozeHour, SnoozeTomorrow, Settings, Quit string
	// Paused says until when notifications are snoozed, and Resume ends
	// the snooze; both are "" (hidden) while none lasts.
	Paused, Resume string
}

// View shows a State. The systray adapter implements it; tests record it.
type View interface {
	Show(State)
}
