package main

import (
	"github.com/mamori-project/mamori/internal/agent"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/tray"
)

// nativeNotifier is the tray icon's balloon, which Windows 10 and 11 show
// as a toast.
func nativeNotifier(t *tray.Systray, log *logfmt.Logger) agent.Notifier {
	return &tray.Balloons{Tray: t, Log: log}
}
