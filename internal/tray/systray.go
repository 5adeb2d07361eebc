//go:build !darwin || cgo

package tray

import (
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
	fixed   struct {
		status, checkNow, snooze, hour, tomorrow, settings, quit *systray.MenuItem
	}
	end func()
	// readyCh is closed once the icon is there (Ready).
	readyOnce, readyClose sync.Once
	readyCh               chan struct{}
}

var _ View = (*Systray)(nil)

// Start registers the tray icon. It does not block.
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
	systray.SetIcon(mamori.TrayIcon("unknown"))
	systray.SetTitle(mamori.App().Name)
	s.mu.Lock()
	for range s.Slots {
		item := systray.AddMenuItem("", "")
		item.Hide()
		s.slots = append(s.slots, item)
		s.slotIDs = append(s.slotIDs, "")
	}
	systray.AddSeparator()
	f := &s.fixed
	f.status = systray.AddMenuItem("Status…", "")
	f.checkNow = systray.AddMenuItem("Check now", "")
	f.snooze = systray.AddMenuItem("Snooze notifications", "")
	f.hour = f.snooze.AddSubMenuItem("For 1 hour", "")
	f.tomorrow = f.snooze.AddSubMenuItem("Until tomorrow", "")
	f.settings = systray.AddMenuItem("Settings…", "")
	systray.AddSeparator()
	f.quit = systray.AddMenuItem("Quit", "")
	s.ready = true
	pending := s.pending
	s.mu.Unlock()
	s.readyClose.Do(func() { close(s.Ready()) })

	for i, item := range s.slots {
		go s.forward(item, func() Event {
			s.mu.Lock()
			defer s.mu.Unlock()
			return Event{Kind: OpenCheck, Check: s.slotIDs[i]}
		})
	}
	for item, kind := range map[*systray.MenuItem]EventKind{
		f.status: OpenStatus, f.checkNow: CheckNow, f.hour: SnoozeHour, f.tomorrow: SnoozeTomorrow,
		f.settings: OpenSettings, f.quit: Quit,
	} {
		go s.forward(item, func() Event { return Event{Kind: kind} })
	}
	if pending != nil {
		s.Show(*pending)
	}
}

func (s *Systray) forward(item *systray.MenuItem, event func() Event) {
	for range item.ClickedCh {
		s.Events <- event()
	}
}

// Show updates the icon, tooltip and menu.
func (s *Systray) Show(st State) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ready {
		s.pending = &st
		return
	}
	systray.SetIcon(mamori.TrayIcon(string(st.Status)))
	systray.SetTooltip(st.Tooltip)
	for i, item := range s.slots {
		if i < len(st.Entries) {
			s.slotIDs[i] = st.Entries[i].Check
			item.SetTitle(st.Entries[i].Label)
			item.Show()
		} else {
			s.slotIDs[i] = ""
			item.Hide()
		}
	}
	l, f := st.Labels, &s.fixed
	f.status.SetTitle(l.Status)
	f.checkNow.SetTitle(l.CheckNow)
	f.snooze.SetTitle(l.Snooze)
	if st.Snoozed {
		f.snooze.Check()
	} else {
		f.snooze.Uncheck()
	}
	f.hour.SetTitle(l.SnoozeHour)
	f.tomorrow.SetTitle(l.SnoozeTomorrow)
	f.settings.SetTitle(l.Settings)
	f.quit.SetTitle(l.Quit)
}
