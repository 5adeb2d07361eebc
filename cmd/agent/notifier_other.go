//go:build !windows

package main

import (
	"runtime"

	"github.com/mamori-project/mamori/internal/agent"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/tray"
)

// nativeNotifier is where there is no D-Bus notification server: AppleScript
// on macOS.
func nativeNotifier(*tray.Systray, *logfmt.Logger) agent.Notifier {
	return &notify.Script{Runner: &command.Exec{}, System: runtime.GOOS}
}
