package main

import (
	"github.com/mamori-project/mamori/internal/agent"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/tray"
)

// nativeNotes is the tray icon's balloon, which Windows 10 and 11 show as a
// toast: the agent shows what the judge says, and hands the clicks back.
func nativeNotes(t *tray.Systray, log *logfmt.Logger) agent.Notes {
	return agent.Balloons{B: &tray.Balloons{Tray: t, Log: log}}
}
