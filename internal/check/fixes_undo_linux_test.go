package check

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestUndoLeavesWhatWasChangedSince: Fix it set the idle delay to 5
// minutes and turned locking on; the person then chose 1 minute. Undo puts
// locking back off, leaves the 1 minute, and says so. GNOME with the real
// gsettings on a private dconf, Xfce with the real xfconfd.
func TestUndoLeavesWhatWasChangedSince(t *testing.T) {
	ctx := context.Background()
	t.Run("GNOME", func(t *testing.T) {
		s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
		sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
		s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
		s.Run(t, "gsettings", "set", "org.gnome.desktop.session", "idle-delay", "0")
		plan, err := Fixes(Deps{}).For(ctx, sys, "screen-lock")
		if err != nil {
			t.Fatal(err)
		}
		if err := plan.Apply(ctx, sys.Cmd); err != nil {
			t.Fatal(err)
		}
		s.Run(t, "gsettings", "set", "org.gnome.desktop.session", "idle-delay", "60") // the person
		kept, err := plan.Undo(ctx, sys, Fixes(Deps{}))
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Run(t, "gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled"); got != "false\n" {
			t.Errorf("lock-enabled after Undo: %q, want false", got)
		}
		if got := s.Run(t, "gsettings", "get", "org.gnome.desktop.session", "idle-delay"); got != "uint32 60\n" {
			t.Errorf("idle-delay after Undo: %q, want the person's uint32 60", got)
		}
		if len(kept) != 1 || kept[0].Change.Key != "idle-delay" || kept[0].Now != "uint32 60" {
			t.Errorf("Undo reported as kept %+v, want idle-delay at uint32 60", kept)
		}
	})
	t.Run("Xfce", func(t *testing.T) {
		s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "XFCE")
		s.Activatable(t, "org.xfce.Xfconf")
		testenv.Require(t, "xfconf-query")
		sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: fstest.MapFS{"usr/bin/xfce4-screensaver": {}}, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
		s.Run(t, "xfconf-query", "-c", "xfce4-screensaver", "-p", "/lock/enabled", "-n", "-t", "bool", "-s", "false")
		s.Run(t, "xfconf-query", "-c", "xfce4-screensaver", "-p", "/saver/idle-activation/delay", "-n", "-t", "int", "-s", "20")
		plan, err := Fixes(Deps{}).For(ctx, sys, "screen-lock")
		if err != nil {
			t.Fatal(err)
		}
		if err := plan.Apply(ctx, sys.Cmd); err != nil {
			t.Fatal(err)
		}
		s.Run(t, "xfconf-query", "-c", "xfce4-screensaver", "-p", "/saver/idle-activation/delay", "-s", "1") // the person
		kept, err := plan.Undo(ctx, sys, Fixes(Deps{}))
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Run(t, "xfconf-query", "-c", "xfce4-screensaver", "-p", "/lock/enabled"); got != "false\n" {
			t.Errorf("/lock/enabled after Undo: %q, want false", got)
		}
		if got := s.Run(t, "xfconf-query", "-c", "xfce4-screensaver", "-p", "/saver/idle-activation/delay"); got != "1\n" {
			t.Errorf("the idle delay after Undo: %q, want the person's 1", got)
		}
		if len(kept) != 1 || kept[0].Change.Key != "/saver/idle-activation/delay" || kept[0].Now != "1" {
			t.Errorf("Undo reported as kept %+v, want the idle delay at 1", kept)
		}
	})
}

// TestPlantedUndoIsRefused: an undo.json written by someone else names
// changes no fix makes: a system proxy pointed at another host, and
// kwriteconfig5 --file on a path of the writer's choosing. Undo refuses
// the record and changes nothing: the real gsettings still say no proxy,
// and the file is as it was.
func TestPlantedUndoIsRefused(t *testing.T) {
	testenv.Require(t, "kwriteconfig5")
	ctx := context.Background()
	victim := filepath.Join(t.TempDir(), "notes.txt")
	const content = "[Daemon]\nTimeout=5\nthe person's own words\n"
	for name, changes := range map[string][]fix.Change{
		"a system proxy": {
			{Schema: "org.gnome.system.proxy.http", Key: "host", From: "'attacker.example'", To: "''", Kind: fix.Action, Text: "fix.lock-enabled"},
			{Schema: "org.gnome.system.proxy.http", Key: "port", From: "3128", To: "0", Kind: fix.Seconds, Text: "fix.lock-enabled"},
			{Schema: "org.gnome.system.proxy", Key: "mode", From: "'manual'", To: "'none'", Kind: fix.Action, Text: "fix.lock-enabled"},
		},
		"kwriteconfig5 on any file": {
			{Tool: fix.KConfig, Schema: victim, Key: "Daemon/Timeout", From: "", To: "5", Kind: fix.Minutes, Text: "fix.idle-delay"},
		},
		"a real setting beside a foreign one": {
			{Schema: "org.gnome.desktop.screensaver", Key: "lock-enabled", From: "false", To: "true", Kind: fix.Switch, Text: "fix.lock-enabled"},
			{Schema: "org.gnome.system.proxy", Key: "mode", From: "'manual'", To: "'none'", Kind: fix.Action, Text: "fix.lock-enabled"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
			sys := host.System{Cmd: &command.Exec{Env: s.Env}, FS: host.Local().FS, Getenv: s.Getenv, Home: s.Home, Now: time.Now}
			if err := os.WriteFile(victim, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			u := fix.Undos{Path: filepath.Join(t.TempDir(), "undo.json")}
			data, _ := json.Marshal(map[string]fix.Plan{"screen-lock": {Check: "screen-lock", Changes: changes}})
			if err := os.WriteFile(u.Path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			plan, ok := u.Get("screen-lock")
			if !ok {
				t.Fatal("the planted record was not read at all")
			}
			if _, err := plan.Undo(ctx, sys, Fixes(Deps{})); err == nil || !strings.Contains(err.Error(), "no fix") {
				t.Errorf("Undo of the planted record: %v, want it refused", err)
			}
			for _, g := range [][2]string{{"org.gnome.system.proxy", "mode"}, {"org.gnome.system.proxy.http", "host"}, {"org.gnome.system.proxy.http", "port"}, {"org.gnome.desktop.screensaver", "lock-enabled"}} {
				want := map[string]string{"mode": "'none'", "host": "''", "port": "8080", "lock-enabled": "true"}[g[1]]
				if got := strings.TrimSpace(s.Run(t, "gsettings", "get", g[0], g[1])); got != want {
					t.Errorf("%s %s is %s after the planted Undo, want %s as it was", g[0], g[1], got, want)
				}
			}
			if got, _ := os.ReadFile(victim); string(got) != content {
				t.Errorf("the file is now %q", got)
			}
		})
	}
}
