package ui_test

import (
	"image"
	"image/color"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

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

// TestTaskbarGroupUnderXfcePanel: the two windows on a virtual X server
// with Xfce's window manager and a real xfce4-panel whose task list groups
// windows (grouping on, as in the report): the panel names the group by
// what libwnck gives it, the class group's name, which for two windows
// of different titles is WM_CLASS's class, "Mamori". The panel is in
// test-artifacts/taskbar-group.png (the group's button, and its menu of
// the two windows after a click), to look at.
func TestTaskbarGroupUnderXfcePanel(t *testing.T) {
	testenv.Require(t, "xfwm4", "xfce4-panel", "xfconf-query", "xdotool")
	display := testenv.XvfbSized(t, "1280x800")
	s := testenv.DBusSession(t).Setenv("DISPLAY", display).Setenv("LANG", "en_US.UTF-8")
	s.Activatable(t, "org.xfce.Xfconf")
	for _, p := range [][]string{
		{"-p", "/panels", "-n", "-a", "-t", "int", "-s", "1"},
		{"-p", "/panels/panel-1/position", "-n", "-t", "string", "-s", "p=8;x=640;y=784"},
		{"-p", "/panels/panel-1/size", "-n", "-t", "uint", "-s", "32"},
		{"-p", "/panels/panel-1/length", "-n", "-t", "uint", "-s", "100"},
		{"-p", "/panels/panel-1/position-locked", "-n", "-t", "bool", "-s", "true"},
		{"-p", "/panels/panel-1/plugin-ids", "-n", "-a", "-t", "int", "-s", "1"},
		{"-p", "/plugins/plugin-1", "-n", "-t", "string", "-s", "tasklist"},
		{"-p", "/plugins/plugin-1/grouping", "-n", "-t", "bool", "-s", "true"},
	} {
		s.Run(t, "xfconf-query", append([]string{"-c", "xfce4-panel"}, p...)...)
	}
	for _, prog := range []string{"xfwm4", "xfce4-panel"} {
		args := map[string][]string{"xfwm4": {"--compositor=off"}}[prog]
		cmd := exec.Command(prog, args...)
		cmd.Env = s.Env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	}
	dir := t.TempDir()
	windowBin := build(t, dir, "mamori-window", "../../cmd/window")
	runQuickAgent(t, s, build(t, dir, "mamori", "../../cmd/agent"))
	var ids []string
	for _, w := range []struct{ which, title string }{{"status", "Mamori — Status"}, {"settings", "Mamori — Settings"}} {
		id, _ := openWindow(t, windowBin, s.Env, w.title, w.which)
		ids = append(ids, id)
	}
	// The window manager lists both for the panel.
	var list string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		xprop := exec.Command("xprop", "-root", "_NET_CLIENT_LIST")
		xprop.Env = s.Env
		out, _ := xprop.Output()
		if list = string(out); listed(list, ids) {
			break
		}
	}
	if !listed(list, ids) {
		t.Fatalf("the window manager does not list the windows %v: %s", ids, list)
	}
	time.Sleep(2 * time.Second) // let the panel draw
	img := shot(t, s.Env, rootID(t, s.Env))
	saveArtifact(t, "taskbar-group.png", img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(0, 700, 1280, 800)))
	// The group's button is at the panel's left: its icon, then its
	// label. "Mamori" ends a third of the way into the button; the
	// application ID it read before ran to the button's end
	// ("io.github.mamori_proje…"). Read as the dark text's rightmost
	// column in the panel (the 32 pixels at the bottom).
	right := 0
	for y := 800 - 28; y < 800-4; y++ {
		for x := 0; x < 1280; x++ {
			if c := color.GrayModel.Convert(img.At(x, y)).(color.Gray); c.Y < 90 {
				right = max(right, x)
			}
		}
	}
	if right < 60 || right > 130 {
		t.Errorf("the panel's text ends at x=%d: not the group's label \"Mamori\" alone (test-artifacts/taskbar-group.png)", right)
	}
}

// listed reports whether xprop's _NET_CLIENT_LIST holds every window.
func listed(list string, ids []string) bool {
	for _, id := range ids {
		if !strings.Contains(list, strings.TrimPrefix(strings.TrimLeft(id, "0x"), "0")) {
			return false
		}
	}
	return true
}

// rootID is the root window's id on env's display.
func rootID(t *testing.T, env []string) string {
	t.Helper()
	cmd := exec.Command("xwininfo", "-root")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Window id: (0x[0-9a-f]+)`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("xwininfo -root: %s", out)
	}
	return m[1]
}
