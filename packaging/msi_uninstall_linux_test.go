package packaging

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/testenv"
)

// winSession is the installer's Wine session: scripts/wine-test's prefix,
// its exec, and the person's profile in it.
type winSession struct {
	t      *testing.T
	exec   string
	home   string   // the profile, on this machine's file system
	winDir string   // the install folder as Windows names it
	env    []string // added to the environment of what runs (LC_ALL)
}

func newWinSession(t *testing.T) *winSession {
	t.Helper()
	prefix := os.Getenv("MAMORI_WINEPREFIX")
	if prefix == "" {
		t.Skip("runs from scripts/wine-test (make test), which makes a Wine prefix")
	}
	if os.Getenv("DISPLAY") == "" {
		testenv.Unavailable(t, "no X display for Wine (scripts/wine-test starts one)")
	}
	testenv.Require(t, "xdotool", "msiinfo")
	exe, err := filepath.Abs("../scripts/wine/go_windows_amd64_exec")
	if err != nil {
		t.Fatal(err)
	}
	s := &winSession{t: t, exec: exe}
	// The exec makes the prefix on first use.
	s.must("cmd", "/c", "echo")
	users := filepath.Join(prefix, "drive_c", "users")
	entries, _ := os.ReadDir(users)
	for _, e := range entries {
		if e.IsDir() && e.Name() != "Public" {
			s.home = filepath.Join(users, e.Name())
			s.winDir = `C:\users\` + e.Name() + `\AppData\Local\Programs\Mamori`
		}
	}
	if s.home == "" {
		t.Fatalf("no user profile under %s", users)
	}
	return s
}

// run runs a Windows program to its end and returns its output.
func (s *winSession) run(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.exec, args...)
	cmd.Env = append(os.Environ(), s.env...)
	// A program it starts (msiexec starting Mamori) keeps its output open.
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil
	}
	return string(out), err
}

func (s *winSession) must(args ...string) string {
	s.t.Helper()
	out, err := s.run(args...)
	if err != nil {
		s.t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// path is a file in the profile, from its AppData-relative Windows path.
func (s *winSession) path(rel string) string {
	return filepath.Join(s.home, filepath.FromSlash(strings.ReplaceAll(rel, `\`, "/")))
}

// regHas reports whether key (and value, when not "") exists.
func (s *winSession) regHas(key, value string) bool {
	args := []string{"reg", "query", key}
	if value != "" {
		args = append(args, "/v", value)
	}
	_, err := s.run(args...)
	return err == nil
}

// startAgent starts the installed agent as a login would, and returns once
// it says it runs. done is closed when its process has ended.
func (s *winSession) startAgent() (done <-chan struct{}, stop func()) {
	s.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, s.exec, s.winDir+`\mamori.exe`)
	cmd.Env = append(os.Environ(), s.env...)
	// The window processes it starts write to the same stderr.
	cmd.WaitDelay = 5 * time.Second
	s.t.Cleanup(func() { s.run("taskkill", "/F", "/IM", "mamori-window.exe") })
	started := make(chan struct{})
	cmd.Stderr = &watchFor{text: "agent started", seen: started}
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	ended := make(chan struct{})
	go func() {
		cmd.Wait()
		close(ended)
	}()
	select {
	case <-started:
	case <-ended:
		s.t.Fatal("the installed agent ended before it started")
	case <-time.After(90 * time.Second):
		cancel()
		s.t.Fatal("the installed agent did not start in 90 s")
	}
	return ended, func() { cancel(); <-ended }
}

// watchFor is a process's output that closes seen once text was written.
type watchFor struct {
	mu   sync.Mutex
	buf  []byte
	text string
	seen chan struct{}
}

func (w *watchFor) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) > 1<<20 {
		return len(p), nil
	}
	had := strings.Contains(string(w.buf), w.text)
	w.buf = append(w.buf, p...)
	if !had && strings.Contains(string(w.buf), w.text) {
		close(w.seen)
	}
	return len(p), nil
}

// buildMSI builds the .msi at version ("" for FyneApp.toml's) into dir.
func buildMSI(t *testing.T, dir, version string) string {
	t.Helper()
	cmd := exec.Command("../scripts/package-msi", dir)
	if version != "" {
		cmd.Env = append(os.Environ(), "MAMORI_VERSION="+version)
	} else {
		version = mamori.App().Version
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/package-msi: %v\n%s", err, out)
	}
	return `Z:` + strings.ReplaceAll(filepath.Join(dir, "mamori-"+version+"-x64.msi"), "/", `\`)
}

const runKeyPath = `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`

// TestMSIUninstallUnderWine uninstalls Mamori while it runs, as a person
// would from Windows' Apps list: the agent is running with its status
// window open (the real mamori-window.exe, which leaves Fyne's
// preferences and font index in the profile), and after `msiexec /x` no
// process, file or registry key of Mamori's is left: the agent has ended
// (it was asked to, over its pipe, before the files went), its window is
// gone, the install folder, Fyne's files, the Run value and
// HKCU\Software\Mamori are gone; the person's settings stay.
func TestMSIUninstallUnderWine(t *testing.T) {
	s := newWinSession(t)
	info := mamori.App()
	msi := buildMSI(t, t.TempDir(), "")
	settings := s.path(`AppData\Roaming\mamori\settings.json`)
	os.MkdirAll(filepath.Dir(settings), 0o755)
	os.WriteFile(settings, []byte(`{"language": "ja"}`), 0o644)
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(settings)) })

	s.must("msiexec", "/i", msi, "/qn", "ADDLOCAL=Main,StartAtLogin")
	if !s.regHas(runKeyPath, info.Name) {
		t.Error("ADDLOCAL=Main,StartAtLogin wrote no Run value")
	}
	ended, stop := s.startAgent()
	defer stop()
	// A second start opens the status window in the first agent's name.
	s.must(s.winDir + `\mamori.exe`)
	waitWindow(t, info.Name, true)
	fynePrefs := s.path(`AppData\Roaming\fyne\` + info.ID)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(fynePrefs); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the status window left no Fyne preferences (%s)", fynePrefs)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// Fyne's text library indexes the system's fonts into the cache
	// folder when it needs a fallback font; under Wine, with its few
	// fonts, it writes none, so one is put where it would be.
	fontIndex := s.path(`AppData\Local\font_index_v5.cache`)
	if err := os.WriteFile(fontIndex, []byte("index"), 0o644); err != nil {
		t.Fatal(err)
	}

	if out, err := s.run("msiexec", "/x", msi, "/qn"); err != nil {
		t.Fatalf("msiexec /x: %v\n%s", err, out)
	}
	select {
	case <-ended:
	case <-time.After(20 * time.Second):
		t.Error("the agent still runs after uninstalling")
	}
	waitWindow(t, info.Name, false)
	left := []string{
		s.path(`AppData\Local\Programs\Mamori`),
		fynePrefs,
		s.path(`AppData\Local\fyne\` + info.ID),
		s.path(`AppData\Roaming\Microsoft\Windows\Start Menu\Programs\` + info.Name + `.lnk`),
	}
	fonts, _ := filepath.Glob(s.path(`AppData\Local\font_index_v*.cache`))
	for _, f := range append(left, fonts...) {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s is left after uninstalling", f)
		}
	}
	if s.regHas(runKeyPath, info.Name) {
		t.Error("the Run value is left after uninstalling")
	}
	if s.regHas(`HKCU\Software\Mamori`, "") {
		t.Errorf("HKCU\\Software\\Mamori is left after uninstalling:\n%s", s.must("reg", "query", `HKCU\Software\Mamori`, "/s"))
	}
	if b, err := os.ReadFile(settings); err != nil || string(b) != `{"language": "ja"}` {
		t.Errorf("the person's settings after uninstalling: %q %v", b, err)
	}
}

// TestMSIUpgradeUnderWine installs a newer .msi over an older one while
// the older agent runs: the agent is ended before its programs are
// replaced, and the settings and the start-at-login choice stay as the
// person left them, on or off.
func TestMSIUpgradeUnderWine(t *testing.T) {
	s := newWinSession(t)
	info := mamori.App()
	dir := t.TempDir()
	older := buildMSI(t, dir, "0.0.1")
	newer := buildMSI(t, dir, "")
	settings := s.path(`AppData\Roaming\mamori\settings.json`)
	for _, tc := range []struct {
		name    string
		turnOff bool // the person turned start at login off after installing
	}{
		{"start at login on", false},
		{"start at login turned off since", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.MkdirAll(filepath.Dir(settings), 0o755)
			os.WriteFile(settings, []byte(`{"language": "ja", "interval_minutes": 90}`), 0o644)
			defer os.RemoveAll(filepath.Dir(settings))
			s.must("msiexec", "/i", older, "/qn", "ADDLOCAL=Main,StartAtLogin")
			defer s.run("msiexec", "/x", newer, "/qn")
			if tc.turnOff {
				s.must("reg", "delete", runKeyPath, "/v", info.Name, "/f")
			}
			ended, stop := s.startAgent()
			defer stop()
			if out, err := s.run("msiexec", "/i", newer, "/qn"); err != nil {
				t.Fatalf("msiexec /i (the upgrade): %v\n%s", err, out)
			}
			select {
			case <-ended:
			case <-time.After(20 * time.Second):
				t.Error("the older agent still runs after the upgrade")
			}
			if _, err := os.Stat(s.path(`AppData\Local\Programs\Mamori\mamori.exe`)); err != nil {
				t.Errorf("after the upgrade: %v", err)
			}
			if got := s.regHas(runKeyPath, info.Name); got == tc.turnOff {
				t.Errorf("after the upgrade the Run value is there: %v, want %v", got, !tc.turnOff)
			}
			if b, err := os.ReadFile(settings); err != nil || string(b) != `{"language": "ja", "interval_minutes": 90}` {
				t.Errorf("the settings after the upgrade: %q %v", b, err)
			}
		})
	}
}

// waitWindow waits until a window named name is on the display (present)
// or none is.
func waitWindow(t *testing.T, name string, present bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+name).Output()
		if (len(strings.TrimSpace(string(out))) > 0) == present {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for a window %q to be present: %v", name, present)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// TestMSIWelcomeUnderWine installs the .msi as a double-click does (msiexec
// with its window, no properties), in English and in Japanese: Mamori
// starts at the end and its welcome window asks, in the person's
// language, whether it starts at sign-in, checked. Answered with its
// default (the test clicks OK, as a person would), the Run value is
// written and the agent runs. Screenshots: test-artifacts/
// windows-welcome-en.png and windows-welcome-ja.png.
func TestMSIWelcomeUnderWine(t *testing.T) {
	s := newWinSession(t)
	testenv.Require(t, "xwininfo", "xwd")
	info := mamori.App()
	msi := buildMSI(t, t.TempDir(), "")
	for _, tc := range []struct {
		lang, locale, title string
	}{
		{"en", "en_US.UTF-8", "Welcome to Mamori"},
		{"ja", "ja_JP.UTF-8", "Mamori へようこそ"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			s.env = []string{"LC_ALL=" + tc.locale}
			defer func() { s.env = nil }()
			if tc.lang == "ja" {
				japaneseFont(t)
			}
			if s.regHas(runKeyPath, info.Name) {
				t.Fatal("a Run value is there before installing")
			}
			if out, err := s.run("msiexec", "/i", msi); err != nil {
				t.Fatalf("msiexec /i: %v\n%s", err, out)
			}
			defer s.run("msiexec", "/x", msi, "/qn")
			welcome := waitTitled(t, tc.title, 90*time.Second)
			// Fyne draws a moment after the window maps; the first
			// sweep's balloon (Wine's, at the top left like the window:
			// there is no window manager) goes after ten seconds.
			time.Sleep(3 * time.Second)
			waitNoBalloon(t, 30*time.Second)
			testenv.SaveArtifact(t, "windows-welcome-"+tc.lang+".png", testenv.Screenshot(t, nil, welcome.id))
			if s.regHas(runKeyPath, info.Name) {
				t.Error("start at login is on before the person answered")
			}
			// OK, at the bottom right; start at login left as it is.
			x, y := welcome.x+welcome.w-36, welcome.y+welcome.h-26
			if out, err := exec.Command("xdotool", "mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "1").CombinedOutput(); err != nil {
				t.Fatalf("xdotool: %v\n%s", err, out)
			}
			deadline := time.Now().Add(20 * time.Second)
			for !s.regHas(runKeyPath, info.Name) {
				if time.Now().After(deadline) {
					t.Fatal("answered with the default, the welcome window wrote no Run value")
				}
				time.Sleep(300 * time.Millisecond)
			}
			if got := s.must("reg", "query", runKeyPath, "/v", info.Name); !strings.Contains(got, `Programs\Mamori\mamori.exe`) {
				t.Errorf("the Run value: %s", got)
			}
			waitGone(t, welcome.id, 20*time.Second)
			// The agent runs: a second start finds it over its pipe.
			if out, _ := s.run(s.winDir + `\mamori.exe`); !strings.Contains(out, "already running") {
				t.Errorf("no agent runs after the install: %s", out)
			}
		})
	}
}

// japaneseFont puts IPA Gothic in the Wine prefix's Fonts folder for the
// test's time: a Japanese Windows has Japanese fonts (Yu Gothic, Meiryo),
// where Fyne and Windows' own message boxes find them; Wine's prefix has
// none.
func japaneseFont(t *testing.T) {
	t.Helper()
	font, err := os.ReadFile("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
	if err != nil {
		testenv.Unavailable(t, "no Japanese font (fonts-ipafont-gothic): %v", err)
	}
	dst := filepath.Join(os.Getenv("MAMORI_WINEPREFIX"), "drive_c", "windows", "Fonts", "ipag.ttf")
	if err := os.WriteFile(dst, font, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(dst) })
}

type xwindow struct {
	id         string
	x, y, w, h int
}

var xgeometry = regexp.MustCompile(`^\s*(0x[0-9a-f]+) "([^"]*)".*  ([0-9]+)x([0-9]+)\+(-?[0-9]+)\+(-?[0-9]+)`)

// waitTitled waits for a mapped top-level window titled title.
func waitTitled(t *testing.T, title string, within time.Duration) xwindow {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		out, _ := exec.Command("xwininfo", "-root", "-children").Output()
		for _, line := range strings.Split(string(out), "\n") {
			m := xgeometry.FindStringSubmatch(line)
			if m == nil || m[2] != title {
				continue
			}
			if state, _ := exec.Command("xwininfo", "-id", m[1]).Output(); !strings.Contains(string(state), "IsViewable") {
				continue
			}
			n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
			return xwindow{m[1], n(5), n(6), n(3), n(4)}
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for a window titled %q:\n%s", within, title, out)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitGone waits until window id is no longer mapped.
func waitGone(t *testing.T, id string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		if state, _ := exec.Command("xwininfo", "-id", id).Output(); !strings.Contains(string(state), "IsViewable") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("window %s is still on screen after %v", id, within)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

var balloon = regexp.MustCompile(`\(has no name\): \("explorer.exe" "explorer.exe"\)  [0-9]{3,4}x[0-9]{2,3}\+`)

var windowID = regexp.MustCompile(`^\s*(0x[0-9a-f]+) `)

// waitNoBalloon waits until no notification balloon is on screen.
func waitNoBalloon(t *testing.T, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		out, _ := exec.Command("xwininfo", "-root", "-children").Output()
		shown := false
		for _, line := range strings.Split(string(out), "\n") {
			if m := windowID.FindStringSubmatch(line); m != nil && balloon.MatchString(line) {
				if state, _ := exec.Command("xwininfo", "-id", m[1]).Output(); strings.Contains(string(state), "IsViewable") {
					shown = true
				}
			}
		}
		if !shown {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("a balloon is still on screen after %v", within)
		}
		time.Sleep(300 * time.Millisecond)
	}
}
