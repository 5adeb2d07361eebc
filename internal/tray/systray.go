//go:build !darwin || cgo

package tray

import (
	"reflect"
	"sync"

	"fyne.io/systray"

	"github.com/mamori-project/mamori"
)

// Systray shows the State with fyne.io/systray: on Linux a
// StatusNotifierItem and a dbusmenu on the session bus, re-registered
// whenever the tray host restarts. Without a session bus or tray host it
// logs and the agent goes on without an icon.
type Systray struct {
	// Slots is how many failing checks the menu can list (one per check).
	Slots  int
	Events chan<- Event

	mu      sync.Mutex
	ready   bool
	pending *State
	slots   []*systray.MenuItem
	slotIDs []string
	// shown is what the items show now, and slotShown each slot's entry
	// ("" Label: hidden): the library announces every call to the tray
	// host as a change of the whole menu, even one that changes nothing,
	// so Show calls it only for what changed (and all in one batch).
	shown     State
	slotShown []Entry
	iconShown bool
	fixed     struct {
		status, checkNow, snooze, hour, tomorrow, settings, quit *systray.MenuItem
		// paused says until when a snooze lasts (not clickable), resume
		// ends it; both hidden while none lasts.
		paused, resume *systray.MenuItem
	}
	end func()
	// readyCh is closed once the icon is there (Ready).
	readyOnce, readyClose sync.Once
	readyCh               chan struct{}
}

var _ View = (*Systray)(nil)

// Start registers the tray icon. It does not block.
// SetSlots sets how many failing checks the menu can list, before Start.
func (s *Systray) SetSlots(n int) { s.Slots = n }

func (s *Systray) Start() {
	// Before the item exists: the library reads whether a left click is
	// taken (ItemIsMenu false) when it exports the item, which it may do
	// before onReady has run. Set inside onReady, a left click opened the
	// menu instead of the status window on 2 starts in 26.
	systray.SetOnTapped(func() { s.Events <- Event{Kind: OpenStatus} })
	s.end = runLoop(s.onReady)
}

// Stop removes the tray icon.
func (s *Systray) Stop() {
	if s.end != nil {
		s.end()
	}
}

// Ready is closed once the icon and its menu are there.
func (s *Systray) Ready() chan struct{} {
	s.readyOnce.Do(func() { s.readyCh = make(chan struct{}) })
	return s.readyCh
}

func (s *Systray) onReady() {
	systray.SetTitle(mamori.App().Name)
	s.mu.Lock()
	// The menu is built, and the state already asked for shown in it, in
	// one batch: the tray host hears of it once, however many items
	// there are.
	systray.Batch(func() {
		s.build()
		if s.pending != nil {
			s.show(*s.pending)
		} else {
			systray.SetIcon(mamori.TrayIcon("unknown"))
			s.shown.Status, s.iconShown = "unknown", true
		}
	})
	s.ready = true
	s.mu.Unlock()
	s.readyClose.Do(func() { close(s.Ready()) })

	f := &s.fixed
	var clicks []clicked
	for i, item := range s.slots {
		clicks = append(clicks, clicked{item, func() Event {
			s.mu.Lock()
			defer s.mu.Unlock()
			return Event{Kind: OpenCheck, Check: s.slotIDs[i]}
		}})
	}
	for item, kind := range map[*systray.MenuItem]EventKind{
		f.status: OpenStatus, f.checkNow: CheckNow, f.hour: SnoozeHour, f.tomorrow: SnoozeTomorrow,
		f.settings: OpenSettings, f.quit: Quit, f.resume: Resume,
	} {
		clicks = append(clicks, clicked{item, func() Event { return Event{Kind: kind} }})
	}
	go s.forward(clicks)
}

// build adds the menu's items, with the labels of the state already asked
// for, so that showing it changes none of them. s.mu is held.
func (s *Systray) build() {
	var l Labels
	if s.pending != nil {
		l = s.pending.Labels
	}
	for range s.Slots {
		item := systray.AddMenuItem("", "")
		item.Hide()
		s.slots = append(s.slots, item)
		s.slotIDs = append(s.slotIDs, "")
		s.slotShown = append(s.slotShown, Entry{})
	}
	systray.AddSeparator()
	f := &s.fixed
	f.status = systray.AddMenuItem(l.Status, "")
	f.checkNow = systray.AddMenuItem(l.CheckNow, "")
	f.snooze = systray.AddMenuItem(l.Snooze, "")
	f.hour = f.snooze.AddSubMenuItem(l.SnoozeHour, "")
	f.tomorrow = f.snooze.AddSubMenuItem(l.SnoozeTomorrow, "")
	f.paused = systray.AddMenuItem(l.Paused, "")
	f.paused.Disable()
	f.resume = systray.AddMenuItem(l.Resume, "")
	if l.Paused == "" {
		f.paused.Hide()
		f.resume.Hide()
	}
	f.settings = systray.AddMenuItem(l.Settings, "")
	systray.AddSeparator()
	f.quit = systray.AddMenuItem(l.Quit, "")
	s.shown = State{Labels: l}
}

// clicked is a menu item and the event its click makes.
type clicked struct {
	item  *systray.MenuItem
	event func() Event
}

// forward passes the items' clicks on as events, all from one goroutine:
// the library gives each item a channel of its own, and a goroutine for
// each of the menu's twenty items kept 160 kB of stacks in the resident
// agent. The library drops a click that finds nobody receiving, as it
// would with one goroutine per item that is busy passing the last one on.
func (s *Systray) forward(clicks []clicked) {
	cases := make([]reflect.SelectCase, len(clicks))
	for i, c := range clicks {
		cases[i] = reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c.item.ClickedCh)}
	}
	for {
		i, _, ok := reflect.Select(cases)
		if !ok {
			return // the library closed the item's channel: the tray is gone
		}
		s.Events <- clicks[i].event()
	}
}

// Show updates the icon, tooltip and menu, touching only what changed: a
// result that changes nothing shown sends the tray host nothing, and one
// that changes several lines tells it once (systray.Batch).
func (s *Systray) Show(st State) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ready {
		s.pending = &st
		return
	}
	systray.Batch(func() { s.show(st) })
}

// show is Show once the menu is there. s.mu is held.
func (s *Systray) show(st State) {
	old := s.shown
	if !s.iconShown || st.Status != old.Status {
		systray.SetIcon(mamori.TrayIcon(string(st.Status)))
		s.iconShown = true
	}
	if st.Tooltip != old.Tooltip {
		systray.SetTooltip(st.Tooltip)
	}
	for i, item := range s.slots {
		var want Entry
		if i < len(st.Entries) {
			want = st.Entries[i]
		}
		s.slotIDs[i] = want.Check
		have := s.slotShown[i]
		if want.Label != "" && want.Label != have.Label {
			item.SetTitle(want.Label)
		}
		switch {
		case want.Label != "" && have.Label == "":
			item.Show()
		case want.Label == "" && have.Label != "":
			item.Hide()
		}
		s.slotShown[i] = want
	}
	l, f := st.Labels, &s.fixed
	for _, it := range []struct {
		item      *systray.MenuItem
		want, had string
	}{
		{f.status, l.Status, old.Labels.Status}, {f.checkNow, l.CheckNow, old.Labels.CheckNow},
		{f.snooze, l.Snooze, old.Labels.Snooze}, {f.hour, l.SnoozeHour, old.Labels.SnoozeHour},
		{f.tomorrow, l.SnoozeTomorrow, old.Labels.SnoozeTomorrow}, {f.settings, l.Settings, old.Labels.Settings},
		{f.quit, l.Quit, old.Labels.Quit},
		{f.paused, l.Paused, old.Labels.Paused}, {f.resume, l.Resume, old.Labels.Resume},
	} {
		if it.want != it.had && it.want != "" {
			it.item.SetTitle(it.want)
		}
	}
	for _, it := range []struct {
		item      *systray.MenuItem
		want, had string
	}{{f.paused, l.Paused, old.Labels.Paused}, {f.resume, l.Resume, old.Labels.Resume}} {
		switch {
		case it.want != "" && it.had == "":
			it.item.Show()
		case it.want == "" && it.had != "":
			it.item.Hide()
		}
	}
	if st.Snoozed != old.Snoozed {
		if st.Snoozed {
			f.snooze.Check()
		} else {
			f.snooze.Uncheck()
		}
	}
	s.shown = st
}
