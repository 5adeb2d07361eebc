package check

import (
	"context"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestFixMeetsThePolicy: with an organisation's 3 minutes to lock and 20
// to sleep, a screen that locks after 4 minutes and a machine that sleeps
// after 25 are "attention"; Fix it, with the real gsettings on a private
// dconf, leaves both checks OK, and nothing more to fix.
func TestFixMeetsThePolicy(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	s.Run(t, "gsettings", "set", "org.gnome.desktop.session", "idle-delay", "240")
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-delay", "0")
	s.Run(t, "gsettings", "set", "org.gnome.settings-daemon.plugins.power", "sleep-inactive-ac-timeout", "1500")
	s.Run(t, "gsettings", "set", "org.gnome.settings-daemon.plugins.power", "sleep-inactive-battery-timeout", "1500")
	policy := config.Defaults()
	policy.ScreenLockMinutes, policy.IdleSleepMinutes = 3, 20
	deps := Deps{Sys: sys, Limits: func() Limits { return LimitsOf(policy) }}
	checks, err := Build(deps)
	if err != nil {
		t.Fatal(err)
	}
	fixes := FixesOf(checks)
	ctx := context.Background()
	for _, c := range checks {
		id := c.Spec().ID
		if id != "screen-lock" && id != "idle-power" {
			continue
		}
		t.Run(id, func(t *testing.T) {
			if r := c.Run(ctx); r.Status != monitor.Warn {
				t.Fatalf("before: %s %s %v", r.Status, r.Advice, r.Evidence)
			}
			plan, err := fixes.For(ctx, sys, id)
			if err != nil {
				t.Fatal(err)
			}
			if err := plan.Apply(ctx, sys.Cmd); err != nil {
				t.Fatal(err)
			}
			if r := c.Run(ctx); r.Status != monitor.OK {
				t.Errorf("after the fix %+v: %s %s %v", plan.Changes, r.Status, r.Advice, r.Evidence)
			}
			if again, err := fixes.For(ctx, sys, id); err != nil || len(again.Changes) != 0 {
				t.Errorf("after the fix the plan still changes %+v (%v)", again.Changes, err)
			}
		})
	}
}
