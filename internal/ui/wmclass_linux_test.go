package ui_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestTaskbarGroupIsMamori: with the status and the settings windows open,
// both carry WM_CLASS "mamori-window", "Mamori". A task bar groups windows
// by that class and, where their titles differ (Xfce's, through libwnck),
// names the group by it: "Mamori", not "io.github.mamori_proje…". The
// .desktop file names the same class (packaging's test).
func TestTaskbarGroupIsMamori(t *testing.T) {
	testenv.Require(t, "xprop")
	display := testenv.XvfbSized(t, "1280x800")
	s := testenv.DBusSession(t).Setenv("DISPLAY", display).Setenv("LANG", "en_US.UTF-8")
	dir := t.TempDir()
	windowBin := build(t, dir, "mamori-window", "../../cmd/window")
	runQuickAgent(t, s, build(t, dir, "mamori", "../../cmd/agent"))
	for _, w := range []struct{ which, title string }{{"status", "Mamori — Status"}, {"settings", "Mamori — Settings"}} {
		id, _ := openWindow(t, windowBin, s.Env, w.title, w.which)
		xprop := exec.Command("xprop", "-id", id, "WM_CLASS")
		xprop.Env = s.Env
		out, err := xprop.Output()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(out)); got != `WM_CLASS(STRING) = "mamori-window", "Mamori"` {
			t.Errorf("%s window: %s", w.which, got)
		}
	}
}
