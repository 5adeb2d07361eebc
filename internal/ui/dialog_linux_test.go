package ui_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestFixQuestionInJapaneseUnderXvfb: the real agent and the real window
// program in Japanese (LANG=ja_JP.UTF-8) on a virtual X server, screen
// lock off on a private dconf, the status window narrowed by the person
// to 440 pixels. A notification's Fix it opens the window with the fix
// question (test-artifacts/fix-question-ja-*.png: its text broken by
// Japanese rules, as TestDialogsWrapByJapaneseRules reads it laid out;
// はい and いいえ). Enter answers はい and the screen locks again;
// Escape answers いいえ and nothing changes.
func TestFixQuestionInJapaneseUnderXvfb(t *testing.T) {
	testenv.Require(t, "xdotool", "gsettings")
	dir := t.TempDir()
	windowBin := build(t, dir, "mamori-window", "../../cmd/window")
	agentBin := build(t, dir, "mamori", "../../cmd/agent")
	for _, tc := range []struct{ key, want string }{{"Return", "true\n"}, {"Escape", "false\n"}} {
		t.Run(tc.key, func(t *testing.T) {
			s := testenv.DBusSession(t).Setenv("DISPLAY", testenv.XvfbSized(t, "1280x800")).
				Setenv("LANG", "ja_JP.UTF-8").Setenv("XDG_CURRENT_DESKTOP", "GNOME")
			s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
			runQuickAgent(t, s, agentBin)
			kept := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "mamori", "window-status.json")
			if err := os.WriteFile(kept, []byte(`{"width":440,"height":600}`+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			id, logs := openWindow(t, windowBin, s.Env, "Mamori — 状態", "status", "--check", "screen-lock", "--fix")
			time.Sleep(2 * time.Second) // let it draw
			saveArtifact(t, "fix-question-ja-"+tc.key+".png", shot(t, s.Env, id))

			xdo := func(args ...string) {
				if out, err := xdotool(s.Env, args...); err != nil {
					t.Fatalf("xdotool %v: %v\n%s", args, err, out)
				}
			}
			xdo("windowfocus", "--sync", id)
			xdo("key", tc.key)
			var got string
			// The answer is an event; the bound guards against none.
			for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
				if got = s.Run(t, "gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled"); got != "false\n" {
					break
				}
			}
			time.Sleep(time.Second)
			saveArtifact(t, "fix-question-ja-"+tc.key+"-after.png", shot(t, s.Env, id))
			if got != tc.want {
				t.Errorf("after %s lock-enabled is %q, want %q\n%s", tc.key, got, tc.want, logs.String())
			}
		})
	}
}
