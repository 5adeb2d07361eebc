package ui_test

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/ui/portaltest"
)

// build compiles a command of this module into dir.
func build(t *testing.T, dir, name, pkg string) string {
	t.Helper()
	out, err := testenv.Build(dir, name, pkg)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// windowID finds a mapped top-level window by its exact title.
func windowID(env []string, title string) string {
	cmd := exec.Command("xwininfo", "-root", "-tree")
	// A UTF-8 locale that every Debian has, so the title prints as it is.
	cmd.Env = append(append([]string(nil), env...), "LC_ALL=C.UTF-8")
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	re := regexp.MustCompile(`(0x[0-9a-f]+) "` + regexp.QuoteMeta(title) + `"`)
	if m := re.FindStringSubmatch(string(out)); m != nil {
		return m[1]
	}
	return ""
}

// xdotool runs xdotool with args in env, bounded: --sync waits for a
// window that may never change.
func xdotool(env []string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// nearColor counts pixels within a small distance of c.
func nearColor(img image.Image, c color.NRGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			dr, dg, db := int(r>>8)-int(c.R), int(g>>8)-int(c.G), int(bl>>8)-int(c.B)
			if dr*dr+dg*dg+db*db < 400 {
				n++
			}
		}
	}
	return n
}

func distinctColors(img image.Image) int {
	seen := map[color.Color]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			seen[img.At(x, y)] = true
		}
	}
	return len(seen)
}

// TestStatusWindowUnderXvfb runs the real agent and the real window process
// on a virtual X server, and checks the window the person would see: mapped
// with its title, drawn (not blank), with the status icons on it.
func TestStatusWindowUnderXvfb(t *testing.T) {
	display := testenv.Xvfb(t)
	s := testenv.DBusSession(t).Setenv("DISPLAY", display).Setenv("LANG", "en_US.UTF-8")
	dir := t.TempDir()
	agentBin := build(t, dir, "mamori", "../../cmd/agent")
	windowBin := build(t, dir, "mamori-window", "../../cmd/window")

	ag := exec.Command(agentBin)
	ag.Env = s.Env
	if err := ag.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ag.Process.Kill(); ag.Wait() })
	addr := ipc.Address(s.Getenv)
	// Every check answers within its own deadline: the package manager's
	// simulation, at the lowest priority, may take its 2 minutes on a busy
	// machine.
	deadline := time.Now().Add(2*time.Minute + 10*time.Second)
	for {
		r, err := ipc.Call(context.Background(), addr, ipc.Request{Cmd: ipc.CmdStatus})
		if err == nil {
			if doc, derr := report.Decode(r.Status); derr == nil && len(doc.Checks) == len(check.IDs()) {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the agent has no results: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}

	for _, tc := range []struct {
		args            []string
		title, artifact string
	}{
		{[]string{"status"}, "Mamori — Status", "status-window.png"},
		{[]string{"settings"}, "Mamori — Settings", "settings-window.png"},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			// Each window on an X server of its own (see
			// TestWindowsFitSmallScreens).
			env := append(append([]string(nil), s.Env...), "DISPLAY="+testenv.Xvfb(t))
			id, _ := openWindow(t, windowBin, env, tc.title, tc.args...)
			time.Sleep(1500 * time.Millisecond) // let it draw
			img := shot(t, env, id)
			saveArtifact(t, tc.artifact, img)
			t.Logf("screenshot: test-artifacts/%s (%dx%d)", tc.artifact, img.Bounds().Dx(), img.Bounds().Dy())

			if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 400 {
				t.Errorf("window is %dx%d", b.Dx(), b.Dy())
			}
			if n := distinctColors(img); n < 50 {
				t.Errorf("only %d colours: a blank window, not the drawn one", n)
			}
			// Docks group and icon the window by its class: the app's
			// name, which the .desktop file names as StartupWMClass.
			xprop := exec.Command("xprop", "-id", id, "WM_CLASS")
			xprop.Env = env
			if out, err := xprop.Output(); err != nil || !strings.Contains(string(out), `"mamori-window", "Mamori"`) {
				t.Errorf("WM_CLASS: %s %v", out, err)
			}
			if tc.args[0] == "status" {
				// The status icons are drawn: at least one check's shield
				// colour appears (on this machine: warn and critical).
				icons := 0
				for _, c := range []color.NRGBA{{0x2e, 0x7d, 0x32, 255}, {0xc7, 0x7c, 0x02, 255}, {0xc6, 0x28, 0x28, 255}, {0x61, 0x61, 0x61, 255}} {
					icons += nearColor(img, c)
				}
				if icons < 200 {
					t.Errorf("the status icons are not in the window (%d pixels of their colours)", icons)
				}
			}
		})
	}

	// The agent quits while the status window is open: without a click,
	// the window stops showing results (the amber and red of findings go)
	// and says Mamori is not running (the grey icon and a Start button).
	t.Run("agent quits", func(t *testing.T) {
		env := append(append([]string(nil), s.Env...), "DISPLAY="+testenv.Xvfb(t))
		id, logs := openWindow(t, windowBin, env, "Mamori — Status", "status")
		time.Sleep(1500 * time.Millisecond)
		amberRed := func(img image.Image) int {
			return nearColor(img, color.NRGBA{0xc7, 0x7c, 0x02, 255}) + nearColor(img, color.NRGBA{0xc6, 0x28, 0x28, 255})
		}
		before := shot(t, env, id)
		if amberRed(before) < 100 {
			t.Fatalf("no findings drawn before the agent quit (%d pixels)", amberRed(before))
		}
		ag.Process.Signal(os.Interrupt)
		ag.Wait()
		for end := time.Now().Add(10 * time.Second); time.Now().Before(end) && !strings.Contains(logs.String(), "not following the agent"); time.Sleep(100 * time.Millisecond) {
		}
		time.Sleep(1500 * time.Millisecond) // let it draw
		after := shot(t, env, id)
		saveArtifact(t, "status-window-agent-gone.png", after)
		if n := amberRed(after); n > 20 {
			t.Errorf("the window still shows findings after the agent quit (%d pixels)\n%s", n, logs.String())
		}
		if n := nearColor(after, color.NRGBA{0x61, 0x61, 0x61, 255}); n < 50 {
			t.Errorf("the not-running icon is not drawn (%d pixels)", n)
		}
	})
}

// shot takes a screenshot of window id.
func shot(t *testing.T, env []string, id string) image.Image {
	t.Helper()
	return testenv.Screenshot(t, env, id)
}

func saveArtifact(t *testing.T, name string, img image.Image) { testenv.SaveArtifact(t, name, img) }

// syncLog is a log buffer written by a process and read by the test.
type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestWindowsFitSmallScreens opens both windows on screens of 1366x768 and
// 1280x800, in English and Japanese: each must fit with room for a panel
// and a title bar (80 px), so that Save and Check now, which stay outside
// the scrolled body, are on screen. Screenshots go to test-artifacts/.
func TestWindowsFitSmallScreens(t *testing.T) {
	dir := t.TempDir()
	windowBin := build(t, dir, "mamori-window", "../../cmd/window")
	for _, screen := range []struct {
		size string
		w, h int
	}{{"1366x768", 1366, 768}, {"1280x800", 1280, 800}} {
		for _, lang := range []string{"en_US.UTF-8", "ja_JP.UTF-8"} {
			for _, which := range []struct{ arg, en, ja string }{
				{"status", "Mamori — Status", "Mamori — 状態"},
				{"settings", "Mamori — Settings", "Mamori — 設定"},
			} {
				// Each window on an X server of its own: a GL client killed
				// on a shared server once took the server down with it.
				t.Run(screen.size+"/"+lang[:2]+"/"+which.arg, func(t *testing.T) {
					display := testenv.XvfbSized(t, screen.size)
					s := testenv.DBusSession(t).Setenv("DISPLAY", display).Setenv("LANG", lang)
					title := which.en
					if strings.HasPrefix(lang, "ja") {
						title = which.ja
					}
					id, _ := openWindow(t, windowBin, s.Env, title, which.arg)
					time.Sleep(time.Second)
					img := shot(t, s.Env, id)
					saveArtifact(t, fmt.Sprintf("%s-%s-%s.png", which.arg, screen.size, lang[:2]), img)
					b := img.Bounds()
					if b.Dx() > screen.w || b.Dy() > screen.h-80 {
						t.Errorf("the %s window is %dx%d, too big for %s less a panel and a title bar", which.arg, b.Dx(), b.Dy(), screen.size)
					}
				})
			}
		}
	}
}

// TestStatusWindowFollowsASettingChange: the status window is open while
// the person turns screen lock off in the desktop's settings (gsettings,
// with the real dconf): without a click the window shows the new critical
// finding (the red of its icon appears).
func TestStatusWindowFollowsASettingChange(t *testing.T) {
	display := testenv.XvfbSized(t, "1280x800")
	s := testenv.DBusSession(t).Setenv("DISPLAY", display).Setenv("LANG", "en_US.UTF-8").Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	dir := t.TempDir()
	windowBin := build(t, dir, "mamori-window", "../../cmd/window")
	// Only this machine's pending updates are red otherwise: the package
	// checks are off, so red means screen lock.
	runQuickAgent(t, s, build(t, dir, "mamori", "../../cmd/agent"))
	id, logs := openWindow(t, windowBin, s.Env, "Mamori — Status", "status")
	time.Sleep(1500 * time.Millisecond)
	red := color.NRGBA{0xc6, 0x28, 0x28, 255}
	if n := nearColor(shot(t, s.Env, id), red); n > 20 {
		t.Fatalf("red before the change (%d pixels)", n)
	}
	t.Logf("%s setting lock-enabled false", time.Now().Format("15:04:05.000"))
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	t.Logf("%s set", time.Now().Format("15:04:05.000"))
	var n int
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(250 * time.Millisecond) {
		if n = nearColor(shot(t, s.Env, id), red); n > 100 {
			break
		}
	}
	saveArtifact(t, "status-window-after-change.png", shot(t, s.Env, id))
	if n <= 100 {
		t.Errorf("the window did not show the critical finding after the change (%d red pixels)\n%s", n, logs.String())
	}
}

// runQuickAgent runs the agent in s without its package checks (whose
// simulation can take minutes on a loaded machine, and makes this
// machine's pending updates red), until it answers; it ends with the test,
// and its log is shown if the test failed.
func runQuickAgent(t *testing.T, s *testenv.Session, bin string) *syncLog {
	t.Helper()
	settings := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "mamori", "settings.json")
	os.MkdirAll(filepath.Dir(settings), 0o700)
	os.WriteFile(settings, []byte(`{"disabled_checks": ["os-updates", "browser-updates"]}`), 0o600)
	ag := exec.Command(bin)
	ag.Env = s.Env
	logs := &syncLog{}
	ag.Stdout, ag.Stderr = logs, logs
	// A window the agent started holds its output open after it is
	// killed.
	ag.WaitDelay = 2 * time.Second
	if err := ag.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ag.Process.Kill()
		ag.Wait()
		if t.Failed() {
			t.Logf("agent log:\n%s", logs.String())
		}
	})
	for end := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if _, err := ipc.Call(context.Background(), ipc.Address(s.Getenv), ipc.Request{Cmd: ipc.CmdStatus}); err == nil {
			return logs
		} else if time.Now().After(end) {
			t.Fatal(err)
		}
	}
}

// openWindow starts the window program with args in env and waits for its
// window titled title; the process ends with the test.
func openWindow(t *testing.T, bin string, env []string, title string, args ...string) (string, *syncLog) {
	t.Helper()
	id, _, logs := startWindow(t, bin, env, title, args...)
	return id, logs
}

// startWindow is openWindow, with the process, for a test that ends it.
func startWindow(t *testing.T, bin string, env []string, title string, args ...string) (string, *exec.Cmd, *syncLog) {
	t.Helper()
	win := exec.Command(bin, args...)
	win.Env = env
	logs := &syncLog{}
	win.Stdout, win.Stderr = logs, logs
	if err := win.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { win.Process.Kill(); win.Wait() })
	var id string
	// Mapping is the event waited for; the bound only guards against a
	// window that never comes, generous for a busy machine (Fyne starts
	// OpenGL in software under Xvfb).
	for end := time.Now().Add(90 * time.Second); time.Now().Before(end) && id == ""; time.Sleep(200 * time.Millisecond) {
		id = windowID(env, title)
	}
	if id == "" {
		t.Fatalf("no window titled %q was mapped\nwindow log:\n%s", title, logs.String())
	}
	return id, win, logs
}

// TestWindowSizeFitsAndIsRemembered: on a 1024x600 screen the status window
// opens shrunk to the work area; the person resizes it (xdotool, as a
// window manager would on a drag); it keeps that size and opens at it next
// time.
func TestWindowSizeFitsAndIsRemembered(t *testing.T) {
	testenv.Require(t, "xdotool")
	display := testenv.XvfbSized(t, "1024x600")
	s := testenv.DBusSession(t).Setenv("DISPLAY", display).Setenv("LANG", "en_US.UTF-8")
	bin := build(t, t.TempDir(), "mamori-window", "../../cmd/window")
	open := func() (string, *exec.Cmd, *syncLog) {
		id, win, logs := startWindow(t, bin, s.Env, "Mamori — Status", "status")
		time.Sleep(time.Second)
		return id, win, logs
	}
	id, win, logs := open()
	b := shot(t, s.Env, id).Bounds()
	// No window manager here: the work area is the whole screen, less the
	// room kept for a frame (16x48).
	if b.Dx() != 680 || b.Dy() != 600-48 {
		t.Errorf("first open on 1024x600: %dx%d, want 680x552\n%s", b.Dx(), b.Dy(), logs.String())
	}
	s.Run(t, "xdotool", "windowsize", id, "520", "410")
	kept := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "mamori", "window-status.json")
	var data []byte
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		if data, _ = os.ReadFile(kept); len(data) > 0 {
			break
		}
	}
	if string(data) != `{"width":520,"height":410}`+"\n" {
		t.Fatalf("kept size %q, want 520x410\n%s", data, logs.String())
	}
	win.Process.Kill()
	win.Wait()
	id, _, logs = open()
	if b := shot(t, s.Env, id).Bounds(); b.Dx() != 520 || b.Dy() != 410 {
		t.Errorf("reopened at %dx%d, want the kept 520x410\n%s", b.Dx(), b.Dy(), logs.String())
	}
}

// TestWindowsFollowDarkAndLight: the desktop prefers dark (the portal's
// color-scheme, as GNOME and KDE publish it): the window opens dark; the
// person switches the desktop to light and the open window follows.
func TestWindowsFollowDarkAndLight(t *testing.T) {
	display := testenv.XvfbSized(t, "1280x800")
	s := testenv.DBusSession(t).Setenv("DISPLAY", display).Setenv("LANG", "en_US.UTF-8")
	portal, err := portaltest.Start(testenv.Connect(t, s.Address), portaltest.Dark)
	if err != nil {
		t.Fatal(err)
	}
	bin := build(t, t.TempDir(), "mamori-window", "../../cmd/window")
	id, logs := openWindow(t, bin, s.Env, "Mamori — Settings", "settings")
	time.Sleep(1500 * time.Millisecond)
	dark := shot(t, s.Env, id)
	saveArtifact(t, "settings-window-dark.png", dark)
	if l := luminance(dark); l > 80 {
		t.Fatalf("the desktop prefers dark, the window's mean luminance is %.0f\n%s", l, logs.String())
	}
	if err := portal.Set(portaltest.Light); err != nil {
		t.Fatal(err)
	}
	var l float64
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(250 * time.Millisecond) {
		if l = luminance(shot(t, s.Env, id)); l > 170 {
			break
		}
	}
	if l <= 170 {
		t.Errorf("after the switch to light the window's mean luminance is %.0f\n%s", l, logs.String())
	}
}

// luminance is an image's mean luma, 0 (black) to 255 (white).
func luminance(img image.Image) float64 {
	var sum float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			sum += float64(c.Y)
		}
	}
	return sum / float64(b.Dx()*b.Dy())
}
