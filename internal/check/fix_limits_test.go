package check

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/command/commandtest"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/host"
)

// TestFixPlansToTheLimitInForce: each desktop's planner sets the limit the
// check judges by: an organisation's (3 minutes to lock, 20 to sleep), or
// Mamori's own with no policy. A limit that is not a whole number of the
// unit a desktop stores is rounded down, so the fix never leaves the check
// unhappy.
func TestFixPlansToTheLimitInForce(t *testing.T) {
	limits := []struct {
		name   string
		limits func() Limits // nil: no policy
	}{
		{"no policy", nil},
		{"3 and 20 minutes", func() Limits { return Limits{LockDelay: 3 * time.Minute, IdleSleep: 20 * time.Minute} }},
		{"3.5 and 20.5 minutes", func() Limits {
			return Limits{LockDelay: 3*time.Minute + 30*time.Second, IdleSleep: 20*time.Minute + 30*time.Second}
		}},
		// 14 is what xfce4-power-manager reads as never.
		{"14 minutes to sleep", func() Limits { return Limits{IdleSleep: 14 * time.Minute} }},
	}
	// Each row is a desktop whose lock or sleep is off or too late; want
	// is, per limits above, the values its plan sets.
	for _, tt := range []struct {
		name, check string
		sys         host.System
		want        [4]map[string]string
	}{
		{"GNOME lock", "screen-lock", gsettingsSys("GNOME", map[string]string{
			"org.gnome.desktop.screensaver": "lock-enabled true\nlock-delay uint32 0",
			"org.gnome.desktop.session":     "idle-delay uint32 0",
		}), [4]map[string]string{{"idle-delay": "uint32 300"}, {"idle-delay": "uint32 180"}, {"idle-delay": "uint32 210"}, {"idle-delay": "uint32 300"}}},
		{"GNOME lock, a lock delay", "screen-lock", gsettingsSys("GNOME", map[string]string{
			"org.gnome.desktop.screensaver": "lock-enabled true\nlock-delay uint32 60",
			"org.gnome.desktop.session":     "idle-delay uint32 180",
		}), [4]map[string]string{{}, {"lock-delay": "uint32 0"}, {"lock-delay": "uint32 0"}, {}}},
		{"Cinnamon lock", "screen-lock", gsettingsSys("X-Cinnamon", map[string]string{
			"org.cinnamon.desktop.screensaver": "lock-enabled true\nlock-delay uint32 0",
			"org.cinnamon.desktop.session":     "idle-delay uint32 900",
		}), [4]map[string]string{{"idle-delay": "uint32 300"}, {"idle-delay": "uint32 180"}, {"idle-delay": "uint32 210"}, {"idle-delay": "uint32 300"}}},
		{"MATE lock (minutes)", "screen-lock", gsettingsSys("MATE", map[string]string{
			"org.mate.screensaver": "lock-enabled true\nidle-activation-enabled true\nlock-delay 0",
			"org.mate.session":     "idle-delay 10",
		}), [4]map[string]string{{"idle-delay": "5"}, {"idle-delay": "3"}, {"idle-delay": "3"}, {"idle-delay": "5"}}},
		{"Xfce lock (minutes)", "screen-lock", xfconfSys("xfce4-screensaver", "/saver/idle-activation/delay  10\n/lock/saver-activation/delay  0\n"),
			[4]map[string]string{{"/saver/idle-activation/delay": "5"}, {"/saver/idle-activation/delay": "3"}, {"/saver/idle-activation/delay": "3"}, {"/saver/idle-activation/delay": "5"}}},
		{"KDE lock (minutes)", "screen-lock", kdeSys("", "kscreenlockerrc", "[Daemon]\nTimeout=15\n"),
			[4]map[string]string{{"Daemon/Timeout": "5"}, {"Daemon/Timeout": "3"}, {"Daemon/Timeout": "3"}, {"Daemon/Timeout": "5"}}},
		// 2 minutes and a grace of 90 seconds lock in 3.5 minutes.
		{"KDE lock, a grace", "screen-lock", kdeSys("", "kscreenlockerrc", "[Daemon]\nTimeout=2\nLockGrace=90\n"),
			[4]map[string]string{{}, {"Daemon/LockGrace": "5"}, {}, {}}},
		{"Windows lock", "screen-lock", host.System{Registry: host.MapRegistry{WinDesktopKey + `\ScreenSaveTimeOut`: "900"}, Getenv: windowsEnv(`C:\Windows`)},
			[4]map[string]string{{"ScreenSaveTimeOut": "300"}, {"ScreenSaveTimeOut": "180"}, {"ScreenSaveTimeOut": "210"}, {"ScreenSaveTimeOut": "300"}}},
		{"GNOME sleep", "idle-power", gsettingsSys("GNOME", map[string]string{
			"org.gnome.settings-daemon.plugins.power": "sleep-inactive-ac-type 'suspend'\nsleep-inactive-ac-timeout 0\nsleep-inactive-battery-type 'suspend'\nsleep-inactive-battery-timeout 7200",
			"org.gnome.desktop.screensaver":           "lock-enabled true",
		}), [4]map[string]string{
			{"sleep-inactive-ac-timeout": "1800", "sleep-inactive-battery-timeout": "1800"},
			{"sleep-inactive-ac-timeout": "1200", "sleep-inactive-battery-timeout": "1200"},
			{"sleep-inactive-ac-timeout": "1230", "sleep-inactive-battery-timeout": "1230"},
			{"sleep-inactive-ac-timeout": "840", "sleep-inactive-battery-timeout": "840"}}},
		{"Cinnamon sleep", "idle-power", gsettingsSys("X-Cinnamon", map[string]string{
			"org.cinnamon.settings-daemon.plugins.power": "sleep-inactive-ac-timeout 0\nsleep-inactive-battery-timeout 1500\nlock-on-suspend true",
		}), [4]map[string]string{
			{"sleep-inactive-ac-timeout": "1800"},
			{"sleep-inactive-ac-timeout": "1200", "sleep-inactive-battery-timeout": "1200"},
			{"sleep-inactive-ac-timeout": "1230", "sleep-inactive-battery-timeout": "1230"},
			{"sleep-inactive-ac-timeout": "840", "sleep-inactive-battery-timeout": "840"}}},
		{"MATE sleep", "idle-power", gsettingsSys("MATE", map[string]string{
			"org.mate.power-manager": "sleep-computer-ac 3600\nsleep-computer-battery 0\nlock-suspend true",
		}), [4]map[string]string{
			{"sleep-computer-ac": "1800", "sleep-computer-battery": "1800"},
			{"sleep-computer-ac": "1200", "sleep-computer-battery": "1200"},
			{"sleep-computer-ac": "1230", "sleep-computer-battery": "1230"},
			{"sleep-computer-ac": "840", "sleep-computer-battery": "840"}}},
		{"Xfce sleep (minutes)", "idle-power", xfconfSys("xfce4-power-manager", "/xfce4-power-manager/inactivity-on-ac  14\n/xfce4-power-manager/inactivity-on-battery  60\n"),
			[4]map[string]string{
				{"/xfce4-power-manager/inactivity-on-ac": "30", "/xfce4-power-manager/inactivity-on-battery": "30"},
				{"/xfce4-power-manager/inactivity-on-ac": "20", "/xfce4-power-manager/inactivity-on-battery": "20"},
				{"/xfce4-power-manager/inactivity-on-ac": "20", "/xfce4-power-manager/inactivity-on-battery": "20"},
				{"/xfce4-power-manager/inactivity-on-ac": "13", "/xfce4-power-manager/inactivity-on-battery": "13"}}},
		{"Plasma 6 sleep (seconds)", "idle-power", kdeSys("6", "powerdevilrc", "[AC][SuspendAndShutdown]\nAutoSuspendAction=1\nAutoSuspendIdleTimeoutSec=3600\n\n[Battery][SuspendAndShutdown]\nAutoSuspendAction=1\nAutoSuspendIdleTimeoutSec=1500\n"),
			[4]map[string]string{
				{"AC/SuspendAndShutdown/AutoSuspendIdleTimeoutSec": "1800"},
				{"AC/SuspendAndShutdown/AutoSuspendIdleTimeoutSec": "1200", "Battery/SuspendAndShutdown/AutoSuspendIdleTimeoutSec": "1200"},
				{"AC/SuspendAndShutdown/AutoSuspendIdleTimeoutSec": "1230", "Battery/SuspendAndShutdown/AutoSuspendIdleTimeoutSec": "1230"},
				{"AC/SuspendAndShutdown/AutoSuspendIdleTimeoutSec": "840", "Battery/SuspendAndShutdown/AutoSuspendIdleTimeoutSec": "840"}}},
		{"Plasma 5 sleep (milliseconds)", "idle-power", kdeSys("5", "powermanagementprofilesrc", "[AC][SuspendSession]\nidleTime=7200000\nsuspendType=1\n\n[Battery][SuspendSession]\nidleTime=1500000\nsuspendType=1\n"),
			[4]map[string]string{
				{"AC/SuspendSession/idleTime": "1800000"},
				{"AC/SuspendSession/idleTime": "1200000", "Battery/SuspendSession/idleTime": "1200000"},
				{"AC/SuspendSession/idleTime": "1230000", "Battery/SuspendSession/idleTime": "1230000"},
				{"AC/SuspendSession/idleTime": "840000", "Battery/SuspendSession/idleTime": "840000"}}},
	} {
		for i, l := range limits {
			t.Run(tt.name+"/"+l.name, func(t *testing.T) {
				fixes := Fixes(Deps{Limits: l.limits})
				plan, err := fixes.For(context.Background(), tt.sys, tt.check)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]string{}
				for _, c := range plan.Changes {
					if c.Kind == fix.Seconds || c.Kind == fix.Minutes || c.Kind == fix.Millis {
						got[c.Key] = c.To
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(tt.want[i]) {
					t.Errorf("sets %v, want %v", got, tt.want[i])
				}
			})
		}
	}
}

// gsettingsSys is a GSettings desktop whose gsettings answers with the
// keys of each schema ("key value" lines), its lockdown allowing the
// screen to lock and every key writable.
func gsettingsSys(desk string, schemas map[string]string) host.System {
	run := commandtest.Runner{command.Gsettings: func(args []string) ([]byte, error) {
		switch {
		case args[0] == "list-recursively" && strings.HasSuffix(args[1], "lockdown"):
			return []byte(args[1] + " disable-lock-screen false\n"), nil
		case args[0] == "list-recursively":
			keys, ok := schemas[args[1]]
			if !ok {
				return nil, fmt.Errorf("unexpected schema %s", args[1])
			}
			var out strings.Builder
			for _, line := range strings.Split(keys, "\n") {
				out.WriteString(args[1] + " " + line + "\n")
			}
			return []byte(out.String()), nil
		case args[0] == "writable":
			return []byte("true\n"), nil
		}
		return nil, fmt.Errorf("unexpected gsettings %v", args)
	}}
	return host.System{Cmd: run, Getenv: func(k string) string { return map[string]string{"XDG_CURRENT_DESKTOP": desk}[k] }}
}

// xfconfSys is an Xfce session with xfce4-screensaver whose xfconf-query
// lists channel as given.
func xfconfSys(channel, listing string) host.System {
	run := commandtest.Runner{command.XfconfQuery: func(args []string) ([]byte, error) {
		if len(args) > 1 && args[1] == channel {
			return []byte(listing), nil
		}
		return nil, fmt.Errorf("unexpected xfconf-query %v", args)
	}}
	return host.System{Cmd: run, FS: fstest.MapFS{"usr/bin/xfce4-screensaver": {}},
		Getenv: func(k string) string { return map[string]string{"XDG_CURRENT_DESKTOP": "XFCE"}[k] }}
}

// kdeSys is a Plasma session (version as KDE_SESSION_VERSION) with the
// person's file as given.
func kdeSys(version, file, content string) host.System {
	env := map[string]string{"XDG_CURRENT_DESKTOP": "KDE", "KDE_SESSION_VERSION": version}
	return host.System{FS: fstest.MapFS{"home/me/.config/" + file: {Data: []byte(content)}}, Home: "/home/me",
		Getenv: func(k string) string { return env[k] }}
}

// A limit shorter than the unit a desktop stores has no fix there: the
// shortest value it holds would still be too long.
func TestFixBelowTheUnit(t *testing.T) {
	half := Deps{Limits: func() Limits { return Limits{LockDelay: 30 * time.Second} }}
	mate := gsettingsSys("MATE", map[string]string{
		"org.mate.screensaver": "lock-enabled true\nidle-activation-enabled true\nlock-delay 0",
		"org.mate.session":     "idle-delay 10",
	})
	if _, err := Fixes(half).For(context.Background(), mate, "screen-lock"); !errors.Is(err, fix.ErrNoFix) {
		t.Errorf("MATE (minutes) with a 30-second limit: %v, want ErrNoFix", err)
	}
	gnome := gsettingsSys("GNOME", map[string]string{
		"org.gnome.desktop.screensaver": "lock-enabled true\nlock-delay uint32 0",
		"org.gnome.desktop.session":     "idle-delay uint32 0",
	})
	if plan, err := Fixes(half).For(context.Background(), gnome, "screen-lock"); err != nil || len(plan.Changes) != 1 || plan.Changes[0].To != "uint32 30" {
		t.Errorf("GNOME (seconds) with a 30-second limit: %+v, %v; want idle-delay 30", plan.Changes, err)
	}
}
