//go:build !windows

package main

import (
	"github.com/mamori-project/mamori/internal/agent"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/tray"
)

// nativeNotes is where there is no D-Bus notification server: on macOS
// the judge shows notifications with AppleScript, and no click comes back.
func nativeNotes(*tray.Systray, *logfmt.Logger) agent.Notes { return nil }
