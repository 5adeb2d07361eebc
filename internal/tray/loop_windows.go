package tray

import (
	"runtime"

	"fyne.io/systray"
)

// runLoop starts the tray and returns what ends it. A window's messages
// reach only the thread that created it, so the library's hidden window is
// made, and its messages pumped, on one thread of its own: with the
// library's external loop the window was made on the caller's thread and
// pumped on another, and its menu never opened.
func runLoop(onReady func()) (end func()) {
	go func() {
		// Never unlocked: the thread ends with the loop.
		runtime.LockOSThread()
		systray.Run(onReady, func() {})
	}()
	return systray.Quit
}
