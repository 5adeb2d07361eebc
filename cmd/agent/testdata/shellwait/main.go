// shellwait brings up the Windows session's shell in the Wine tests: it
// asks for the desktop window, which starts Wine's explorer.exe /desktop in
// a session that has none, and waits, for up to a minute, until the
// taskbar's window (Shell_TrayWnd, where tray icons go) answers. On
// Windows the shell is up before a person's programs start; in a fresh Wine
// session the agent and its worker, starting side by side, would each start
// an explorer, and under load the one left owning the desktop can have no
// notification area at all. It prints "ready" once the shell answers and
// then stays, until killed, as a user of the desktop: Wine's explorer
// leaves with the desktop's last user.
package main

import (
	"fmt"
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32             = windows.NewLazySystemDLL("user32.dll")
	getDesktopWindow   = user32.NewProc("GetDesktopWindow")
	findWindowEx       = user32.NewProc("FindWindowExW")
	sendMessageTimeout = user32.NewProc("SendMessageTimeoutW")
)

func main() {
	getDesktopWindow.Call()
	class, _ := windows.UTF16PtrFromString("Shell_TrayWnd")
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if h, _, _ := findWindowEx.Call(0, 0, uintptr(unsafe.Pointer(class)), 0); h != 0 {
			var result uintptr
			const smtoAbortIfHung = 0x2
			if r, _, _ := sendMessageTimeout.Call(h, 0, 0, 0, smtoAbortIfHung, 5000, uintptr(unsafe.Pointer(&result))); r != 0 {
				fmt.Println("ready")
				time.Sleep(time.Hour)
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	fmt.Fprintln(os.Stderr, "the shell's taskbar (Shell_TrayWnd) did not answer within a minute")
	os.Exit(1)
}
