//go:build (!darwin || cgo) && !windows

package tray

import "fyne.io/systray"

// runLoop starts the tray and returns what ends it. On Linux the library
// speaks D-Bus from its own goroutines; on macOS the application's loop
// serves it.
func runLoop(onReady func()) (end func()) {
	start, end := systray.RunWithExternalLoop(onReady, func() {})
	start()
	return end
}
