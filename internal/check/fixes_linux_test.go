package check

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/command/commandtest"
	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/fix"
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
	lock := &ScreenLock{Sys: sys}
	if r := lock.Run(context.Background()); r.Status != monitor.Critical {
		t.Fatalf("before: %s %v", r.Status, r.Finding)
	}
	ctx := context.Background()
	plan, err := Fixes(Deps{}).For(ctx, sys, "screen-lock")
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
	if again, _ := Fixes(Deps{}).For(ctx, sys, "screen-lock"); len(again.Changes) != 0 {
		t.Errorf("after the fix the plan still changes %+v", again.Changes)
	}
	if kept, err := plan.Undo(ctx, sys, Fixes(Deps{})); err != nil || len(kept) != 0 {
		t.Fatalf("Undo: kept %+v, %v", kept, err)
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
	for _, tt := range []struct{ desktop, check string }{
		{"KDE", "os-updates"}, {"Hyprland", "idle-power"}, {"Hyprland", "screen-lock"}, {"", "screen-lock"},
	} {
		sys := host.System{Getenv: func(k string) string { return map[string]string{"XDG_CURRENT_DESKTOP": tt.desktop}[k] }}
		if _, err := Fixes(Deps{}).For(context.Background(), sys, tt.check); err != fix.ErrNoFix {
			t.Errorf("%s on %q: %v, want ErrNoFix", tt.check, tt.desktop, err)
		}
	}
}

// kdeDaemons stands in for kscreenlocker and PowerDevil on the bus, counting
// the calls that tell them to read their settings again.
func kdeDaemons(t *testing.T, s *testenv.Session) (locker, power *atomic.Int32) {
	t.Helper()
	locker, power = new(atomic.Int32), new(atomic.Int32)
	for _, d := range []struct {
		name, path, iface, method string
		n                         *atomic.Int32
	}{
		{"org.kde.screensaver", "/ScreenSaver", "org.kde.screensaver", "configure", locker},
		{"org.kde.Solid.PowerManagement", "/org/kde/Solid/PowerManagement", "org.kde.Solid.PowerManagement", "refreshStatus", power},
	} {
		conn := testenv.Connect(t, s.Address)
		n := d.n
		if err := conn.ExportMethodTable(map[string]any{d.method: func() *dbus.Error { n.Add(1); return nil }}, dbus.ObjectPath(d.path), d.iface); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.RequestName(d.name, dbus.NameFlagDoNotQueue); err != nil {
			t.Fatal(err)
		}
	}
	return locker, power
}

// TestFixKDEPowerAndUndo: Plasma 6 and Plasma 5 each keep their power
// profiles in a file of their own; the real kwriteconfig5 writes them,
// PowerDevil and kscreenlocker are told, the check says OK, Undo restores.
func TestFixKDEPowerAndUndo(t *testing.T) {
	testenv.Require(t, "kwriteconfig5", "dbus-send")
	for _, tt := range []struct {
		version, file, content string
		changes                int
	}{
		{"6", "powerdevilrc", "[AC][SuspendAndShutdown]\nAutoSuspendAction=0\nAutoSuspendIdleTimeoutSec=3600\n\n[Battery][SuspendAndShutdown]\nAutoSuspendIdleTimeoutSec=600\n", 2},
		{"5", "powermanagementprofilesrc", "[AC][SuspendSession]\nidleTime=7200000\nsuspendType=1\n\n[Battery][SuspendSession]\nidleTime=600000\nsuspendType=1\n", 1},
	} {
		t.Run("Plasma "+tt.version, func(t *testing.T) {
			s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "KDE").Setenv("KDE_SESSION_VERSION", tt.version)
			locker, power := kdeDaemons(t, s)
			dir := s.Getenv("XDG_CONFIG_HOME")
			os.MkdirAll(dir, 0o700)
			os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.content), 0o600)
			os.WriteFile(filepath.Join(dir, "kscreenlockerrc"), []byte("[Daemon]\nLockOnResume=false\n"), 0o600)
			sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
			idle := &IdlePower{Sys: sys}
			ctx := context.Background()
			if r := idle.Run(ctx); r.Status != monitor.Warn {
				t.Fatalf("before: %s %s %v", r.Status, r.Advice, r.Evidence)
			}
			plan, err := Fixes(Deps{}).For(ctx, sys, "idle-power")
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Changes) != tt.changes+1 { // and LockOnResume
				t.Fatalf("plan %+v", plan.Changes)
			}
			if err := plan.Apply(ctx, sys.Cmd); err != nil {
				t.Fatal(err)
			}
			if r := idle.Run(ctx); r.Status != monitor.OK {
				data, _ := os.ReadFile(filepath.Join(dir, tt.file))
				t.Errorf("after the fix: %s %s %v\n%s", r.Status, r.Advice, r.Evidence, data)
			}
			if locker.Load() != 1 || power.Load() != 1 {
				t.Errorf("told kscreenlocker %d times and PowerDevil %d, want 1 and 1", locker.Load(), power.Load())
			}
			if kept, err := plan.Undo(ctx, sys, Fixes(Deps{})); err != nil || len(kept) != 0 {
				t.Fatalf("Undo: kept %+v, %v", kept, err)
			}
			if r := idle.Run(ctx); r.Status != monitor.Warn {
				t.Errorf("after Undo: %s %s", r.Status, r.Advice)
			}
			got, _ := os.ReadFile(filepath.Join(dir, tt.file))
			if want := desktop.ParseKConfig([]byte(tt.content)); fmt.Sprint(desktop.ParseKConfig(got)) != fmt.Sprint(want) {
				t.Errorf("after Undo %s is\n%s\nwant the values of\n%s", tt.file, got, tt.content)
			}
		})
	}
}

// TestFixKDEScreenLockAndUndo: the real kwriteconfig5 writes the person's
// kscreenlockerrc, kscreenlocker (a stand-in on a private bus) is told to
// read it again each time, the check says OK, and Undo puts the file's
// values back.
func TestFixKDEScreenLockAndUndo(t *testing.T) {
	testenv.Require(t, "kwriteconfig5", "dbus-send")
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "KDE").Setenv("KDE_SESSION_VERSION", "5")
	configured, _ := kdeDaemons(t, s)
	rc := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "kscreenlockerrc")
	os.MkdirAll(filepath.Dir(rc), 0o700)
	before := "[Daemon]\nAutolock=false\nTimeout=15\n"
	os.WriteFile(rc, []byte(before), 0o600)
	sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	lock := &ScreenLock{Sys: sys}
	ctx := context.Background()
	if r := lock.Run(ctx); r.Status != monitor.Critical {
		t.Fatalf("before: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	plan, err := Fixes(Deps{}).For(ctx, sys, "screen-lock")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(plan.Changes); got != fmt.Sprint([]fix.Change{
		{Tool: fix.KConfig, Schema: "kscreenlockerrc", Key: "Daemon/Autolock", From: "false", To: "true", Kind: fix.Switch, FromShown: "false", Text: "fix.lock-enabled"},
		{Tool: fix.KConfig, Schema: "kscreenlockerrc", Key: "Daemon/Timeout", From: "15", To: "5", Kind: fix.Minutes, Never: true, FromShown: "15", Text: "fix.idle-delay"},
	}) {
		t.Fatalf("plan %s", got)
	}
	if err := plan.Apply(ctx, sys.Cmd); err != nil {
		t.Fatal(err)
	}
	if r := lock.Run(ctx); r.Status != monitor.OK {
		data, _ := os.ReadFile(rc)
		t.Errorf("after the fix: %s %s %v\n%s", r.Status, r.Advice, r.Evidence, data)
	}
	if n := configured.Load(); n != 1 {
		t.Errorf("kscreenlocker told to reconfigure %d times after the fix, want 1", n)
	}
	if kept, err := plan.Undo(ctx, sys, Fixes(Deps{})); err != nil || len(kept) != 0 {
		t.Fatalf("Undo: kept %+v, %v", kept, err)
	}
	cfg := desktop.ParseKConfig(func() []byte { b, _ := os.ReadFile(rc); return b }())
	if cfg["Daemon"]["Autolock"] != "false" || cfg["Daemon"]["Timeout"] != "15" {
		t.Errorf("after Undo: %v", cfg)
	}
	if n := configured.Load(); n != 2 {
		t.Errorf("kscreenlocker told to reconfigure %d times in all, want 2", n)
	}
}

// A setting an administrator locked is not offered as a fix: gsettings
// could not change it, and the advice says whom to ask.
func TestNoFixForALockedSetting(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	s = s.AdminPolicy(t, "[org/gnome/desktop/screensaver]\nlock-enabled=false\n", "/org/gnome/desktop/screensaver/lock-enabled")
	sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	_, err := Fixes(Deps{}).For(context.Background(), sys, "screen-lock")
	if !errors.Is(err, fix.ErrManaged) || !errors.Is(err, fix.ErrNoFix) {
		t.Fatalf("For: %v, want fix.ErrManaged (an fix.ErrNoFix)", err)
	}
	if !strings.Contains(err.Error(), "lock-enabled") {
		t.Errorf("%v does not name the locked setting", err)
	}
}

// TestFixIdlePowerAndUndo: an idle machine that never sleeps on mains
// power, sleeps after two hours on battery and does not lock on waking is
// fixed with the real gsettings, the check says OK, and Undo puts back the
// old values.
func TestFixIdlePowerAndUndo(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	const power = "org.gnome.settings-daemon.plugins.power"
	s.Run(t, "gsettings", "set", power, "sleep-inactive-ac-type", "nothing")
	s.Run(t, "gsettings", "set", power, "sleep-inactive-battery-timeout", "7200")
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	ctx := context.Background()
	idle := &IdlePower{Sys: sys}
	if r := idle.Run(ctx); r.Status != monitor.Warn {
		t.Fatalf("before: %s %s", r.Status, r.Advice)
	}
	plan, err := Fixes(Deps{}).For(ctx, sys, "idle-power")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"sleep-inactive-ac-type":         {"'nothing'", "'suspend'"},
		"sleep-inactive-battery-timeout": {"7200", "1800"},
		"lock-enabled":                   {"false", "true"},
	}
	if len(plan.Changes) != len(want) {
		t.Fatalf("plan %+v", plan)
	}
	for _, c := range plan.Changes {
		if w := want[c.Key]; c.From != w[0] || c.To != w[1] {
			t.Errorf("%s: %s → %s, want %s → %s", c.Key, c.From, c.To, w[0], w[1])
		}
	}
	if err := plan.Apply(ctx, sys.Cmd); err != nil {
		t.Fatal(err)
	}
	if r := idle.Run(ctx); r.Status != monitor.OK {
		t.Errorf("after the fix: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	if kept, err := plan.Undo(ctx, sys, Fixes(Deps{})); err != nil || len(kept) != 0 {
		t.Fatalf("Undo: kept %+v, %v", kept, err)
	}
	for key, w := range want {
		schema := power
		if key == "lock-enabled" {
			schema = "org.gnome.desktop.screensaver"
		}
		if got := s.Run(t, "gsettings", "get", schema, key); got != w[0]+"\n" {
			t.Errorf("after Undo %s is %q, want %q", key, got, w[0])
		}
	}
}

// Cinnamon and MATE keep one timeout per power source, int32 seconds
// printed bare; the plan writes them back in the same type. (Their schemas
// are not installed here: gsettings answers from a recording, their
// lockdowns allowing the screen to lock.)
func TestPowerPlanCinnamonAndMATE(t *testing.T) {
	for _, tt := range []struct {
		desktop, schema, listing string
		want                     []fix.Change
	}{
		{"X-Cinnamon", "org.cinnamon.settings-daemon.plugins.power",
			"org.cinnamon.settings-daemon.plugins.power sleep-inactive-ac-timeout 0\norg.cinnamon.settings-daemon.plugins.power sleep-inactive-battery-timeout 900\norg.cinnamon.settings-daemon.plugins.power lock-on-suspend false\n",
			[]fix.Change{
				{Schema: "org.cinnamon.settings-daemon.plugins.power", Key: "sleep-inactive-ac-timeout", From: "0", To: "1800", Kind: fix.Seconds, Never: true, Text: "fix.sleep-ac-after"},
				{Schema: "org.cinnamon.settings-daemon.plugins.power", Key: "lock-on-suspend", From: "false", To: "true", Kind: fix.Switch, Text: "fix.lock-on-wake"},
			}},
		{"MATE", "org.mate.power-manager",
			"org.mate.power-manager sleep-computer-ac 3600\norg.mate.power-manager sleep-computer-battery 0\norg.mate.power-manager lock-suspend true\n",
			[]fix.Change{
				{Schema: "org.mate.power-manager", Key: "sleep-computer-ac", From: "3600", To: "1800", Kind: fix.Seconds, Never: true, Text: "fix.sleep-ac-after"},
				{Schema: "org.mate.power-manager", Key: "sleep-computer-battery", From: "0", To: "1800", Kind: fix.Seconds, Never: true, Text: "fix.sleep-battery-after"},
			}},
	} {
		t.Run(tt.desktop, func(t *testing.T) {
			run := commandtest.Runner{command.Gsettings: func(args []string) ([]byte, error) {
				switch {
				case args[0] == "list-recursively" && args[1] == tt.schema:
					return []byte(tt.listing), nil
				case args[0] == "list-recursively" && strings.HasSuffix(args[1], "lockdown"):
					return []byte(args[1] + " disable-lock-screen false\n"), nil
				case args[0] == "writable":
					return []byte("true\n"), nil
				}
				return nil, fmt.Errorf("unexpected gsettings %v", args)
			}}
			sys := host.System{Cmd: run, Getenv: func(k string) string { return map[string]string{"XDG_CURRENT_DESKTOP": tt.desktop}[k] }}
			plan, err := Fixes(Deps{}).For(context.Background(), sys, "idle-power")
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(plan.Changes) != fmt.Sprint(tt.want) {
				t.Errorf("changes\n got %+v\nwant %+v", plan.Changes, tt.want)
			}
			if err := plan.Verify(Fixes(Deps{})); err != nil {
				t.Errorf("Undo would refuse the plan: %v", err)
			}
		})
	}
}

// TestFixXfceAndUndo: Xfce's settings go through the real xfconfd on a
// private bus. The fix sets what is wrong, the checks (which read xfconfd)
// say OK at once, and Undo puts back each value, or removes a property
// that was not set, back to its default.
func TestFixXfceAndUndo(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "XFCE")
	s.Activatable(t, "org.xfce.Xfconf")
	testenv.Require(t, "xfconf-query")
	fsys := fstest.MapFS{"usr/bin/xfce4-screensaver": {Data: []byte{}}}
	sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: fsys, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	get := func(channel, prop string) string {
		cmd := exec.Command("xfconf-query", "-c", channel, "-p", prop)
		cmd.Env = s.Env
		out, err := cmd.Output()
		if err != nil {
			return "(unset)"
		}
		return strings.TrimSpace(string(out))
	}
	s.Run(t, "xfconf-query", "-c", "xfce4-screensaver", "-p", "/lock/enabled", "-n", "-t", "bool", "-s", "false")
	s.Run(t, "xfconf-query", "-c", "xfce4-screensaver", "-p", "/saver/idle-activation/delay", "-n", "-t", "int", "-s", "20")
	s.Run(t, "xfconf-query", "-c", "xfce4-power-manager", "-p", "/xfce4-power-manager/lock-screen-suspend-hibernate", "-n", "-t", "bool", "-s", "false")
	ctx := context.Background()
	for _, tt := range []struct {
		check  monitor.Check
		id     string
		before monitor.Status
		want   map[string][2]string // property: before, after
	}{
		{&ScreenLock{Sys: sys}, "screen-lock", monitor.Critical, map[string][2]string{
			"/lock/enabled": {"false", "true"}, "/saver/idle-activation/delay": {"20", "5"}}},
		{&IdlePower{Sys: sys}, "idle-power", monitor.Warn, map[string][2]string{
			"/xfce4-power-manager/inactivity-on-ac": {"(unset)", "30"}, "/xfce4-power-manager/inactivity-on-battery": {"(unset)", "30"},
			"/xfce4-power-manager/lock-screen-suspend-hibernate": {"false", "true"}}},
	} {
		t.Run(tt.id, func(t *testing.T) {
			if r := tt.check.Run(ctx); r.Status != tt.before {
				t.Fatalf("before: %s %s %v", r.Status, r.Advice, r.Evidence)
			}
			plan, err := Fixes(Deps{}).For(ctx, sys, tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Changes) != len(tt.want) {
				t.Fatalf("plan %+v", plan.Changes)
			}
			channel := plan.Changes[0].Schema
			if err := plan.Apply(ctx, sys.Cmd); err != nil {
				t.Fatal(err)
			}
			for prop, w := range tt.want {
				if got := get(channel, prop); got != w[1] {
					t.Errorf("after the fix %s = %q, want %q", prop, got, w[1])
				}
			}
			if r := tt.check.Run(ctx); r.Status != monitor.OK {
				t.Errorf("after the fix: %s %s %v", r.Status, r.Advice, r.Evidence)
			}
			if kept, err := plan.Undo(ctx, sys, Fixes(Deps{})); err != nil || len(kept) != 0 {
				t.Fatalf("Undo: kept %+v, %v", kept, err)
			}
			for prop, w := range tt.want {
				if got := get(channel, prop); got != w[0] {
					t.Errorf("after Undo %s = %q, want %q", prop, got, w[0])
				}
			}
		})
	}
}

// TestFixRefusesSettingsNotTheDesktops: with gsettings on its memory or
// null backend (or the keyfile one, where dconf's module is missing) the
// fix would read the schemas' defaults and write where the desktop never
// looks, and say it was done. Reading and writing both fail instead.
func TestFixRefusesSettingsNotTheDesktops(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	ctx := context.Background()
	desk := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
	plan, err := Fixes(Deps{}).For(ctx, desk, "screen-lock")
	if err != nil || len(plan.Changes) == 0 {
		t.Fatalf("through dconf: plan %+v, %v", plan, err)
	}
	for _, backend := range []string{"memory", "null", "keyfile"} {
		t.Run(backend, func(t *testing.T) {
			other := s.Setenv("GSETTINGS_BACKEND", backend)
			sys := desk
			sys.Cmd, sys.Getenv = &command.Exec{Env: other.Env}, other.Getenv
			var nd *command.NotDesktopError
			for _, check := range []string{"screen-lock", "idle-power"} {
				if p, err := Fixes(Deps{}).For(ctx, sys, check); !errors.As(err, &nd) {
					t.Errorf("%s: plan %+v, %v; want a NotDesktopError", check, p, err)
				}
			}
			if err := plan.Apply(ctx, sys.Cmd); !errors.As(err, &nd) {
				t.Errorf("Apply: %v, want a NotDesktopError", err)
			}
		})
	}
	if got := s.Run(t, "gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled"); got != "false\n" {
		t.Errorf("the desktop's lock-enabled is %q after the failed fixes, want false", got)
	}
}

// TestFixLockdown: where the desktop's lockdown forbids locking, Fix it
// changing only the screensaver's keys would leave a screen that still
// never locks. The person's own lockdown is part of the fix (and of its
// Undo); an administrator's locked one is not offered at all.
func TestFixLockdown(t *testing.T) {
	ctx := context.Background()
	t.Run("the person's own", func(t *testing.T) {
		s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
		s.Run(t, "gsettings", "set", "org.gnome.desktop.lockdown", "disable-lock-screen", "true")
		sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
		lock := &ScreenLock{Sys: sys}
		r := lock.Run(ctx)
		r.CheckID = "screen-lock"
		if r.Status != monitor.Critical || !Fixes(Deps{}).Offered(sys.Getenv, r) {
			t.Fatalf("before: %s %s, offered %v", r.Status, r.Advice, Fixes(Deps{}).Offered(sys.Getenv, r))
		}
		for _, id := range []string{"screen-lock", "idle-power"} {
			plan, err := Fixes(Deps{}).For(ctx, sys, id)
			if err != nil || len(plan.Changes) != 1 || plan.Changes[0].Key != "disable-lock-screen" || plan.Changes[0].To != "false" {
				t.Fatalf("%s: plan %+v, %v; want disable-lock-screen → false", id, plan, err)
			}
		}
		plan, _ := Fixes(Deps{}).For(ctx, sys, "screen-lock")
		if err := plan.Apply(ctx, sys.Cmd); err != nil {
			t.Fatal(err)
		}
		if r := lock.Run(ctx); r.Status != monitor.OK {
			t.Errorf("after the fix: %s %s %v", r.Status, r.Advice, r.Evidence)
		}
		if kept, err := plan.Undo(ctx, sys, Fixes(Deps{})); err != nil || len(kept) != 0 {
			t.Fatalf("Undo: kept %v, %v", kept, err)
		}
		if got := s.Run(t, "gsettings", "get", "org.gnome.desktop.lockdown", "disable-lock-screen"); got != "true\n" {
			t.Errorf("after Undo disable-lock-screen is %q, want true", got)
		}
	})
	t.Run("an administrator's lock", func(t *testing.T) {
		s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
		s = s.AdminPolicy(t, "[org/gnome/desktop/lockdown]\ndisable-lock-screen=true\n", "/org/gnome/desktop/lockdown/disable-lock-screen")
		sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
		for _, c := range []monitor.Check{&ScreenLock{Sys: sys}, &IdlePower{Sys: sys}} {
			id := c.Spec().ID
			r := c.Run(ctx)
			r.CheckID = id
			if Fixes(Deps{}).Offered(sys.Getenv, r) {
				t.Errorf("%s: Fix it offered for %s/%s %v", id, r.Status, r.Advice, r.Evidence)
			}
			if plan, err := Fixes(Deps{}).For(ctx, sys, id); !errors.Is(err, fix.ErrManaged) {
				t.Errorf("%s: plan %+v, %v; want ErrManaged", id, plan, err)
			}
		}
	})
}
