package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// mamori.exe is a GUI program (-H=windowsgui, scripts/windows-build), so
// that starting it at login opens no console window. Windows then gives it
// no console: `mamori check` typed in a Command Prompt or PowerShell writes
// to the console it was typed in, which it attaches to here. Output
// redirected to a file or pipe arrives as valid handles and is kept.
func init() {
	if h, err := windows.GetStdHandle(windows.STD_OUTPUT_HANDLE); err == nil && h != 0 && h != windows.InvalidHandle {
		return
	}
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	if r, _, _ := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole").Call(attachParentProcess); r == 0 {
		return // started without a console: the agent, from the Run key
	}
	if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = f, f
	}
}
