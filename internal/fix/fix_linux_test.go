package fix

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestFixScreenLockAndUndo turns screen lock off and the idle delay to
// never with the real gsettings on a private dconf, fixes it, sees the
// check say OK, then undoes it and finds the old values.
func TestFixScreenLockAndUndo(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	s.Run(t, "gsettings", "set", "org.gnome.desktop.session", "idle-delay", "0")
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-delay", "600")
	lock := &check.ScreenLock{Sys: sys}
	if r := lock.Run(context.Background()); r.Status != monitor.Critical {
		t.Fatalf("before: %s %v", r.Status, r.Finding)
	}
	ctx := context.Background()
	plan, err := For(ctx, sys, "screen-lock")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{"lock-enabled": {"false", "true"}, "idle-delay": {"uint32 0", "uint32 300"}, "lock-delay": {"uint32 600", "uint32 0"}}
	if len(plan.Changes) != len(want) {
		t.Fatalf("plan %+v", plan)
	}
	for _, c := range plan.Changes {
		if w := want[c.Key]; c.From != w[0] || c.To != w[1] {
			t.Errorf("%s: %s → %s, want %s → %s", c.Key, c.From, c.To, w[0], w[1])
		}
	}
	start := time.Now()
	if err := plan.Apply(ctx, sys.Cmd); err != nil {
		t.Fatal(err)
	}
	if r := lock.Run(ctx); r.Status != monitor.OK {
		t.Errorf("after the fix: %s %v", r.Status, r.Finding)
	} else {
		t.Logf("fixed and re-checked in %v", time.Since(start))
	}
	if again, _ := For(ctx, sys, "screen-lock"); len(again.Changes) != 0 {
		t.Errorf("after the fix the plan still changes %+v", again.Changes)
	}
	if err := plan.Undo(ctx, sys.Cmd); err != nil {
		t.Fatal(err)
	}
	for key, w := range want {
		schema := "org.gnome.desktop.screensaver"
		if key == "idle-delay" {
			schema = "org.gnome.desktop.session"
		}
		if got := s.Run(t, "gsettings", "get", schema, key); got != w[0]+"\n" {
			t.Errorf("after Undo %s is %q, want %q", key, got, w[0])
		}
	}
}

func TestNoFixElsewhere(t *testing.T) {
	sys := host.System{Getenv: func(k string) string {
		if k == "XDG_CURRENT_DESKTOP" {
			return "KDE"
		}
		return ""
	}}
	for _, c := range []string{"os-updates", "screen-lock"} {
		if _, err := For(context.Background(), sys, c); err != ErrNoFix {
			t.Errorf("%s on KDE: %v, want ErrNoFix", c, err)
		}
	}
}

// A setting an administrator locked is not offered as a fix: gsettings
// could not change it, and the advice says whom to ask.
func TestNoFixForALockedSetting(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	s = s.AdminPolicy(t, "[org/gnome/desktop/screensaver]\nlock-enabled=false\n", "/org/gnome/desktop/screensaver/lock-enabled")
	sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	_, err := For(context.Background(), sys, "screen-lock")
	if !errors.Is(err, ErrManaged) || !errors.Is(err, ErrNoFix) {
		t.Fatalf("For: %v, want ErrManaged (an ErrNoFix)", err)
	}
	if !strings.Contains(err.Error(), "lock-enabled") {
		t.Errorf("%v does not name the locked setting", err)
	}
}
