package tray

import (
	"runtime"
	"sync"
	"time"
	"unsafe"

	"fyne.io/systray"
	"golang.org/x/sys/windows"
)

// runLoop starts the tray and returns what ends it. A window's messages
// reach only the thread that created it, so the library's hidden window is
// made, and its messages pumped, on one thread of its own: with the
// library's external loop the window was made on the caller's thread and
// pumped on another, and its menu never opened.
//
// The icon is added only once the shell's notification area is there and
// answering: at sign-in Mamori may start before Explorer has made its
// taskbar (and Wine's shell after the first window asks for it), and
// fyne.io/systray adds its icon once, giving up for good when the shell
// refuses it ("unable to init instance").
func runLoop(onReady func()) (end func()) {
	stop := make(chan struct{})
	var once sync.Once
	go func() {
		// Never unlocked: the thread ends with the loop.
		runtime.LockOSThread()
		for !shellTray() {
			select {
			case <-stop:
				return
			case <-time.After(shellPoll):
			}
		}
		systray.Run(onReady, func() {})
	}()
	return func() {
		once.Do(func() { close(stop) })
		systray.Quit()
	}
}

// shellPoll is how often runLoop looks for the shell's notification area.
const shellPoll = 250 * time.Millisecond

var (
	procSendMessageTimeout = user32.NewProc("SendMessageTimeoutW")
	procGetDesktopWindow   = user32.NewProc("GetDesktopWindow")
)

// shellTray reports whether the shell's taskbar window (Shell_TrayWnd,
// which Shell_NotifyIcon sends to, on Windows as on Wine) exists and
// answers a message within a few seconds.
func shellTray() bool {
	const (
		wmNull          = 0x0000
		smtoBlock       = 0x0001
		smtoAbortIfHung = 0x0002
	)
	// Asking for the desktop window starts Wine's shell (explorer.exe
	// /desktop) in a session that has none yet; on Windows it is there.
	procGetDesktopWindow.Call()
	class, _ := windows.UTF16PtrFromString("Shell_TrayWnd")
	h, _, _ := procFindWindowEx.Call(0, 0, uintptr(unsafe.Pointer(class)), 0)
	if h == 0 {
		return false
	}
	var result uintptr
	r, _, _ := procSendMessageTimeout.Call(h, wmNull, 0, 0, smtoBlock|smtoAbortIfHung, 5000, uintptr(unsafe.Pointer(&result)))
	return r != 0
}
