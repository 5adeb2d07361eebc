package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestFixItAndUndo: on a private dconf with screen lock off, the status
// window offers Fix it for screen lock; the confirmation lists each change
// from → to; after the click the real check says OK; Undo the fix puts the
// old values back.
func TestFixItAndUndo(t *testing.T) {
	test.NewTempApp(t)
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	ctx := context.Background()
	lock := &check.ScreenLock{Sys: sys}
	p := printer(t, "en")
	render := func(act StatusActions) *report.Document {
		r := lock.Run(ctx)
		r.CheckID = "screen-lock"
		doc := report.Build([]monitor.Result{r}, p, report.App{}, time.Now())
		return &doc
	}
	var applied *fix.Plan
	var asked string
	act := StatusActions{
		Fix: func(id string) (fix.Plan, bool) {
			plan, err := fix.For(ctx, sys, id)
			return plan, err == nil
		},
		ApplyFix: func(plan fix.Plan) error { applied = &plan; return plan.Apply(ctx, sys.Cmd) },
		CanUndo:  func(string) bool { return applied != nil },
		UndoFix:  func(string) error { return applied.Undo(ctx, sys.Cmd) },
		Confirm:  func(title, message string, ok func()) { asked = title + "\n" + message; ok() },
		Failed:   func(msg string) { t.Errorf("failed: %s", msg) },
	}
	doc := render(act)
	if doc.Checks[0].Status != monitor.Critical {
		t.Fatalf("before: %s", doc.Checks[0].Status)
	}
	view := StatusView(p, doc, "", act)
	test.Tap(button(t, view, "Fix it"))
	if !strings.Contains(asked, "Change these settings?") || !strings.Contains(asked, "Lock the screen when idle: off → on") || !strings.Contains(asked, "undo") {
		t.Errorf("the confirmation said %q", asked)
	}
	if r := lock.Run(ctx); r.Status != monitor.OK {
		t.Fatalf("right after Fix it the check says %s %v", r.Status, r.Finding)
	}
	view = StatusView(p, render(act), "", act)
	test.Tap(button(t, view, "Undo the fix"))
	if got := s.Run(t, "gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled"); got != "false\n" {
		t.Errorf("after Undo lock-enabled is %q", got)
	}
}
