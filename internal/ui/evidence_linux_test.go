package ui_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestEvidenceUnderDetailsUnderXvfb: the real agent finds password files
// in the person's folders, one of them named to deceive (a right-to-left
// override, a terminal escape); the real status window, in Japanese,
// opened at that check, shows under 詳細 the technical heading and the
// files' paths, escaped. The screenshot, which a person looks at, is
// test-artifacts/status-window-evidence-ja.png, and scrolled down to the
// rest of the paths and the 詳細 button, status-window-evidence-ja-2.png.
func TestEvidenceUnderDetailsUnderXvfb(t *testing.T) {
	testenv.Require(t, "xdotool")
	display := testenv.XvfbSized(t, "1280x800")
	s := testenv.DBusSession(t).Setenv("DISPLAY", display).Setenv("LANG", "ja_JP.UTF-8").Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	home := s.Getenv("HOME")
	for _, f := range []string{
		"Desktop/パスワード一覧.txt",
		"Documents/銀行/口座番号.xlsx",
		"Downloads/\u202Etxt.exe\x1b[31m_passwords.txt",
	} {
		p := filepath.Join(home, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	windowBin := build(t, dir, "mamori-window", "../../cmd/window")
	runQuickAgent(t, s, build(t, dir, "mamori", "../../cmd/agent"))
	id, logs := openWindow(t, windowBin, s.Env, "Mamori — 状態", "status", "--check", "password-files")
	time.Sleep(2 * time.Second) // let it draw
	img := shot(t, s.Env, id)
	saveArtifact(t, "status-window-evidence-ja.png", img)
	if n := distinctColors(img); n < 50 {
		t.Errorf("only %d colours: a blank window\n%s", n, logs.String())
	}
	// The wheel over the list, as a person scrolls it.
	s.Run(t, "xdotool", "mousemove", "--window", id, "300", "400")
	for range 3 {
		s.Run(t, "xdotool", "click", "5")
	}
	time.Sleep(time.Second)
	saveArtifact(t, "status-window-evidence-ja-2.png", shot(t, s.Env, id))
}
