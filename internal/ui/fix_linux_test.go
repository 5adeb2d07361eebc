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
	s, sys, _ := lockOffOnGNOME(t)
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
			plan, err := check.Fixes(check.Deps{}).For(ctx, sys, id)
			return plan, err == nil
		},
		ApplyFix: func(plan fix.Plan) error { applied = &plan; return plan.Apply(ctx, sys.Cmd) },
		CanUndo:  func(string) bool { return applied != nil },
		Undoable: func(string) (fix.Plan, error) { return *applied, applied.Verify(check.Fixes(check.Deps{})) },
		UndoFix:  func(plan fix.Plan) ([]fix.Kept, error) { return plan.Undo(ctx, sys, check.Fixes(check.Deps{})) },
		Confirm:  func(title, message string, ok func()) { asked = title + "\n" + message; ok() },
		Failed:   func(msg string) { t.Errorf("failed: %s", msg) },
		Told:     func(title, msg string) { t.Errorf("told: %s %s", title, msg) },
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
	if !strings.Contains(asked, "Put these settings back?") || !strings.Contains(asked, "Lock the screen when idle: on → off") {
		t.Errorf("before undoing, the window asked %q", asked)
	}
	if got := s.Run(t, "gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled"); got != "false\n" {
		t.Errorf("after Undo lock-enabled is %q", got)
	}
}

// lockOffOnGNOME is a private dconf on a GNOME desktop with screen lock
// off, the system that reads it, and the runner that changes it.
func lockOffOnGNOME(t *testing.T) (*testenv.Session, host.System, *command.Exec) {
	t.Helper()
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	run := &command.Exec{Env: s.Env}
	sys := host.System{Cmd: run, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	return s, sys, run
}

// TestUndoAsksAndTellsWhatItLeft: after Fix it, the person chose a
// 1-minute idle delay of their own. Undo the fix lists what it puts back
// (setting: from → to) before it acts, puts locking back off, leaves the
// 1 minute, and says so. A record naming a proxy instead is refused with
// a message, nothing is asked and nothing changes. Real gsettings.
func TestUndoAsksAndTellsWhatItLeft(t *testing.T) {
	test.NewTempApp(t)
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	s.Run(t, "gsettings", "set", "org.gnome.desktop.session", "idle-delay", "0")
	ctx := context.Background()
	plan, err := check.Fixes(check.Deps{}).For(ctx, sys, "screen-lock")
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Apply(ctx, sys.Cmd); err != nil {
		t.Fatal(err)
	}
	s.Run(t, "gsettings", "set", "org.gnome.desktop.session", "idle-delay", "60") // the person
	p := printer(t, "en")
	r := (&check.ScreenLock{Sys: sys}).Run(ctx)
	r.CheckID = "screen-lock"
	doc := report.Build([]monitor.Result{r}, p, report.App{}, time.Now())
	record := plan
	var asked, told, failed string
	act := StatusActions{
		CanUndo:  func(string) bool { return true },
		Undoable: func(string) (fix.Plan, error) { return record, record.Verify(check.Fixes(check.Deps{})) },
		UndoFix:  func(plan fix.Plan) ([]fix.Kept, error) { return plan.Undo(ctx, sys, check.Fixes(check.Deps{})) },
		Confirm:  func(title, message string, ok func()) { asked = title + "\n" + message; ok() },
		Failed:   func(msg string) { failed = msg },
		Told:     func(title, msg string) { told = title + "\n" + msg },
	}

	record = fix.Plan{Check: "screen-lock", Changes: []fix.Change{{Schema: "org.gnome.system.proxy", Key: "mode", From: "'manual'", To: "'none'", Kind: fix.Action, Text: "fix.lock-enabled"}}}
	test.Tap(button(t, StatusView(p, &doc, "", act), "Undo the fix"))
	if asked != "" || !strings.Contains(failed, "Mamori did not undo the fix") || !strings.Contains(failed, "org.gnome.system.proxy") {
		t.Errorf("a planted record: asked %q, failed %q", asked, failed)
	}
	if got := s.Run(t, "gsettings", "get", "org.gnome.system.proxy", "mode"); got != "'none'\n" {
		t.Errorf("the proxy mode is %q after the refused undo", got)
	}

	record, failed = plan, ""
	test.Tap(button(t, StatusView(p, &doc, "", act), "Undo the fix"))
	if failed != "" {
		t.Errorf("failed: %s", failed)
	}
	for _, want := range []string{"Put these settings back?", "Lock the screen when idle: on → off", "Idle time before the screen blanks: 5 minutes → never", "leaves it as you set it"} {
		if !strings.Contains(asked, want) {
			t.Errorf("before undoing, the window asked %q; want %q in it", asked, want)
		}
	}
	if !strings.Contains(told, "Idle time before the screen blanks: 5 minutes → 1 minute") {
		t.Errorf("after undoing, the window told %q", told)
	}
	if got := s.Run(t, "gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled"); got != "false\n" {
		t.Errorf("lock-enabled after Undo: %q", got)
	}
	if got := s.Run(t, "gsettings", "get", "org.gnome.desktop.session", "idle-delay"); got != "uint32 60\n" {
		t.Errorf("idle-delay after Undo: %q, want the person's 1 minute", got)
	}
}
