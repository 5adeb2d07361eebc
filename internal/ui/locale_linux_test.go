package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/testenv"
)

// useJapanese makes the agent in s speak Japanese, as a save in the
// settings window does: the file, then reload.
func useJapanese(t *testing.T, s *testenv.Session) {
	t.Helper()
	settings := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "mamori", "settings.json")
	if err := os.WriteFile(settings, []byte(`{"language": "ja", "disabled_checks": ["os-updates", "browser-updates"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ipc.Call(context.Background(), ipc.Address(s.Getenv), ipc.Request{Cmd: ipc.CmdReload}); err != nil {
		t.Fatal(err)
	}
}

// TestWindowUnderTheCLocale: the window the real agent opens, in
// Japanese, under a C locale (plain, with a charset, and none at all),
// prints no "Fyne error" (it printed "Error parsing user locale C" at
// every start) and draws; the screenshots are in test-artifacts.
func TestWindowUnderTheCLocale(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, "mamori-window", "../../cmd/window")
	agentBin := build(t, dir, "mamori", "../../cmd/agent")
	for _, tc := range []struct{ name, lang string }{{"C", "C"}, {"C.UTF-8", "C.UTF-8"}, {"unset", ""}} {
		t.Run(tc.name, func(t *testing.T) {
			s := testenv.DBusSession(t).Setenv("DISPLAY", testenv.XvfbSized(t, "1280x800")).Setenv("LANG", tc.lang).Setenv("LC_ALL", "").Setenv("LC_MESSAGES", "").Setenv("LANGUAGE", "")
			logs := runQuickAgent(t, s, agentBin)
			useJapanese(t, s)
			if _, err := ipc.Call(context.Background(), ipc.Address(s.Getenv), ipc.Request{Cmd: ipc.CmdShowStatus}); err != nil {
				t.Fatal(err)
			}
			var id string
			for end := time.Now().Add(90 * time.Second); time.Now().Before(end) && id == ""; time.Sleep(200 * time.Millisecond) {
				id = windowID(s.Env, "Mamori — 状態")
			}
			if id == "" {
				t.Fatalf("no Japanese status window\n%s", logs.String())
			}
			time.Sleep(1500 * time.Millisecond) // let it draw
			img := shot(t, s.Env, id)
			saveArtifact(t, "status-window-ja-lang-"+strings.ReplaceAll(tc.name, ".", "-")+".png", img)
			if n := distinctColors(img); n < 50 {
				t.Errorf("only %d colours: a blank window", n)
			}
			// The window's output goes to the agent's.
			if strings.Contains(logs.String(), "Fyne error") {
				t.Errorf("the window printed Fyne's error:\n%s", logs.String())
			}
		})
	}
}

// TestLanguageChangeRedrawsTheWindow: the status window is open in
// English when the person switches Mamori to Japanese (the settings file
// and the agent's reload, as the settings window's Save does): without a
// click the whole window follows, its title (the window manager's, read
// back from X), its frame and its buttons, not only the results the agent
// sends (test-artifacts/status-window-relanguage-*.png).
func TestLanguageChangeRedrawsTheWindow(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("DISPLAY", testenv.XvfbSized(t, "1280x800")).Setenv("LANG", "en_US.UTF-8")
	dir := t.TempDir()
	windowBin := build(t, dir, "mamori-window", "../../cmd/window")
	runQuickAgent(t, s, build(t, dir, "mamori", "../../cmd/agent"))
	id, logs := openWindow(t, windowBin, s.Env, "Mamori — Status", "status")
	time.Sleep(1500 * time.Millisecond)
	saveArtifact(t, "status-window-relanguage-before.png", shot(t, s.Env, id))
	useJapanese(t, s)
	var now string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end) && now == ""; time.Sleep(200 * time.Millisecond) {
		now = windowID(s.Env, "Mamori — 状態")
	}
	if now != id {
		t.Fatalf("the window's title did not follow the language (window %q, was %q)\n%s", now, id, logs.String())
	}
	time.Sleep(1500 * time.Millisecond)
	saveArtifact(t, "status-window-relanguage-after.png", shot(t, s.Env, id))
}
