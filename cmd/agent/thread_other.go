//go:build !darwin

package main

import "runtime"

// fyne.io/systray locks the main goroutine to the main thread when it is
// initialised, for the native loops of Windows and macOS. On Linux it
// speaks D-Bus from any thread, and on Windows its loop runs on a thread of
// its own (internal/tray); a locked main thread would only sit idle, with
// its stacks, for the agent's whole life.
func init() { runtime.UnlockOSThread() }
