//go:build darwin && !cgo

package tray

import "log"

// Systray needs cgo on macOS; a build without it has no tray icon and says
// so once. (Release builds for macOS are made with cgo.)
type Systray struct {
	Slots  int
	Events chan<- Event
}

var _ View = (*Systray)(nil)

// Start reports that this build has no tray icon.
func (s *Systray) Start() { log.Print("mamori: this build has no tray icon (built without cgo)") }

// Stop does nothing: there is no icon.
func (s *Systray) Stop() {}

// Show does nothing: there is no icon.
func (s *Systray) Show(State) {}
