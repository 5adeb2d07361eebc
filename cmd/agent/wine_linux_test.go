package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
)

// wine is a Wine session for these tests: scripts/wine-test's prefix and
// X display, and its exec, which runs Windows programs in that prefix.
type wine struct {
	prefix, exec string
}

func newWine(t *testing.T) wine {
	t.Helper()
	prefix := os.Getenv("MAMORI_WINEPREFIX")
	if prefix == "" || os.Getenv("DISPLAY") == "" {
		t.Skip("runs from scripts/wine-test (make test), which makes a Wine prefix and an X display")
	}
	testenv.Require(t, "xwininfo", "xwd", "xdotool")
	exec, err := filepath.Abs("../../scripts/wine/go_windows_amd64_exec")
	if err != nil {
		t.Fatal(err)
	}
	return wine{prefix: prefix, exec: exec}
}

// command is a Windows program run under Wine.
func (w wine) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, w.exec, args...)
	cmd.Env = append(os.Environ(), "MAMORI_WINEPREFIX="+w.prefix)
	return cmd
}

// run runs a Windows program and returns its output, failing the test
// if it fails.
func (w wine) run(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := w.command(ctx, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// drive is the Linux path of a path on the prefix's C: drive.
func (w wine) drive(path string) string {
	return filepath.Join(w.prefix, "drive_c", filepath.FromSlash(strings.ReplaceAll(path, `\`, "/")))
}

// blankSaver is the blank screen saver every Windows has in its system32,
// and the check looks for before it counts a screen saver; Wine ships
// none, so one stands in for it for the test.
func (w wine) blankSaver(t *testing.T) string {
	t.Helper()
	const path = `C:\Windows\System32\scrnsave.scr`
	file := w.drive(`windows\system32\scrnsave.scr`)
	if _, err := os.Stat(file); err == nil {
		return path
	}
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(file) })
	return path
}

// buildWindows builds a package as a Windows program into dir.
func buildWindows(t *testing.T, dir, name, pkg string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building %s: %v\n%s", pkg, err, b)
	}
	return out
}

// filetime is t as Windows stores a FILETIME in the registry, in hex.
func filetime(t time.Time) string {
	b := binary.LittleEndian.AppendUint64(nil, uint64(t.UnixNano()/100+116444736000000000))
	return fmt.Sprintf("%x", b)
}

// TestAgentUnderWine is the Windows agent as a person meets it, under Wine
// on a virtual display: `mamori.exe check --json` gives each check the
// verdict its registry fixture implies (the screen saver off is critical;
// Defender running from Program Files with yesterday's definitions is
// ok); the resident agent shows its icon and a balloon for the critical
// finding, opens the real status window (mamori-window.exe: Fyne over
// Wine's OpenGL) with its results on a left click and its menu on a right
// click, answers a second start over its named pipe, and quits from its
// menu. Screenshots go to test-artifacts/.
func TestAgentUnderWine(t *testing.T) {
	w := newWine(t)
	dir := t.TempDir()
	// Both programs, as `make windows` builds them (GUI programs with
	// their icon and manifest); the Fyne one is cached after its first,
	// five-minute build.
	if out, err := exec.Command("../../scripts/windows-build", dir).CombinedOutput(); err != nil {
		t.Fatalf("scripts/windows-build: %v\n%s", err, out)
	}
	agent := filepath.Join(dir, "mamori.exe")

	// Registry fixtures, written with Windows' own reg.exe, undone after.
	w.run(t, "reg", "add", `HKCU\Control Panel\Desktop`, "/v", "ScreenSaveActive", "/t", "REG_SZ", "/d", "0", "/f")
	const sigKey = `HKLM\SOFTWARE\Microsoft\Windows Defender\Signature Updates`
	w.run(t, "reg", "add", sigKey, "/v", "AVSignatureApplied", "/t", "REG_BINARY", "/d", filetime(time.Now().Add(-24*time.Hour)), "/f")
	t.Cleanup(func() {
		w.run(t, "reg", "delete", `HKCU\Control Panel\Desktop`, "/v", "ScreenSaveActive", "/f")
		w.run(t, "reg", "delete", sigKey, "/f")
	})
	// Defender: a program named MsMpEng.exe where only administrators
	// could put it.
	defender := w.drive(`Program Files\Windows Defender\MsMpEng.exe`)
	if err := os.MkdirAll(filepath.Dir(defender), 0o755); err != nil {
		t.Fatal(err)
	}
	sleeper := buildWindows(t, dir, "sleeper.exe", "./testdata/sleeper")
	if b, err := os.ReadFile(sleeper); err != nil || os.WriteFile(defender, b, 0o755) != nil {
		t.Fatalf("placing MsMpEng.exe: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(defender)) })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	svc := w.command(ctx, `C:\Program Files\Windows Defender\MsMpEng.exe`)
	if err := svc.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); svc.Wait() }()
	time.Sleep(2 * time.Second)
	// The session's shell, up before the person's programs, as on Windows
	// (see testdata/shellwait, which keeps it up until the test ends).
	shell := w.command(ctx, buildWindows(t, dir, "shellwait.exe", "./testdata/shellwait"))
	shellOut, err := shell.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := shell.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); shell.Wait() }()
	if line, _ := bufio.NewReader(shellOut).ReadString('\n'); line != "ready\n" {
		t.Fatalf("the session's shell did not come up: shellwait said %q", line)
	}

	t.Run("check", func(t *testing.T) {
		cctx, ccancel := context.WithTimeout(ctx, time.Minute)
		defer ccancel()
		out, err := w.command(cctx, agent, "check", "--json").Output()
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || !report.IsVerdict(ee.ExitCode())) {
			t.Fatalf("check: %v\n%s", err, out)
		}
		var doc report.Document
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("check --json: %v\n%s", err, out)
		}
		got := map[string]string{}
		for _, c := range doc.Checks {
			got[c.ID] = string(c.Status)
		}
		for id, want := range map[string]string{"screen-lock": "critical", "antivirus": "ok"} {
			if got[id] != want {
				t.Errorf("%s is %q, want %q (its fixture's verdict)\n%s", id, got[id], want, out)
			}
		}
	})

	t.Run("agent", func(t *testing.T) {
		// A file, not a pipe: the Wine shell the agent's first window
		// starts inherits its output and outlives it.
		f, err := os.Create(filepath.Join(dir, "agent.log"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		log := fileLog(f.Name())
		cmd := w.command(ctx, agent)
		cmd.Stdout, cmd.Stderr = f, f
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var waitErr error
		exited := make(chan struct{})
		go func() { waitErr = cmd.Wait(); close(exited) }()
		defer func() {
			select {
			case <-exited:
			default:
				cmd.Process.Kill()
				<-exited
			}
			t.Logf("agent's log:\n%s", log.String())
		}()

		// Wine shows tray icons in a tray window of its own.
		tray := waitWindow(t, `"Wine System Tray"`, 30*time.Second)
		// The icon starts grey ("?") and turns red when the first sweep
		// finds the screen lock off.
		var shot image.Image
		red := func() bool {
			shot = screenshot(t, tray.id)
			return hasColour(shot, func(r, g, b uint32) bool { return r > 0xa000 && g < 0x6000 && b < 0x6000 })
		}
		deadline := time.Now().Add(20 * time.Second)
		for !red() && time.Now().Before(deadline) {
			time.Sleep(200 * time.Millisecond)
		}
		saveArtifact(t, "windows-tray.png", shot)
		if !red() {
			t.Error("the tray icon did not turn to the critical (red) shield: test-artifacts/windows-tray.png")
		}
		// The balloon for the critical finding: Wine draws it as a
		// tooltip window of its shell.
		balloon := waitWindow(t, `\(has no name\): \("explorer.exe" "explorer.exe"\)  [0-9]{3,4}x[0-9]{2,3}\+`, 30*time.Second)
		saveArtifact(t, "windows-balloon.png", screenshot(t, balloon.id))
		if strings.Contains(log.String(), "could not show a notification") {
			t.Errorf("the balloon failed:\n%s", log.String())
		}

		// A left click on the icon opens the status window, which shows
		// the agent's results: the critical screen-lock finding in red.
		click(t, tray, 1)
		t.Cleanup(func() {
			// The window outlives the agent (it says the agent quit).
			w.command(context.Background(), "taskkill", "/F", "/IM", "mamori-window.exe").Run()
		})
		status := waitWindow(t, `"Mamori — Status": \("mamori-window.exe"`, 60*time.Second)
		// Without a window manager, windows overlap at the top left: the
		// balloon (gone after Wine's ten seconds) and the tray (its top
		// 25 rows) would show in the status window's picture.
		waitFor(t, 40*time.Second, "the balloon to go", func() bool { return !viewable(balloon.id) })
		waitFor(t, 30*time.Second, "the status window to show the critical finding", func() bool {
			shot := screenshot(t, status.id).(interface {
				SubImage(image.Rectangle) image.Image
			})
			below := shot.SubImage(image.Rect(0, 25, status.w, status.h))
			return hasColour(below, func(r, g, b uint32) bool { return r > 0xa000 && g < 0x6000 && b < 0x6000 })
		})
		saveArtifact(t, "windows-status.png", screenshot(t, status.id))

		// A second start finds the agent over its pipe, asks it for the
		// status window (already open) and ends.
		second, err := w.command(ctx, agent).CombinedOutput()
		if err != nil || !strings.Contains(string(second), "already running") {
			t.Errorf("a second start: %v\n%s", err, second)
		}
		if strings.Contains(log.String(), `msg="opening a window"`) {
			t.Errorf("a window failed to open:\n%s", log.String())
		}

		// The person turns the screen saver on with a lock: Windows
		// announces the registry change and the check re-runs at once,
		// not at its hourly interval.
		desktop := `HKCU\Control Panel\Desktop`
		for _, v := range [][3]string{{"ScreenSaverIsSecure", "REG_SZ", "1"}, {"SCRNSAVE.EXE", "REG_SZ", w.blankSaver(t)}, {"ScreenSaveTimeOut", "REG_SZ", "300"}} {
			t.Cleanup(func() { w.command(context.Background(), "reg", "delete", desktop, "/v", v[0], "/f").Run() })
			w.run(t, "reg", "add", desktop, "/v", v[0], "/t", v[1], "/d", v[2], "/f")
		}
		w.run(t, "reg", "add", desktop, "/v", "ScreenSaveActive", "/t", "REG_SZ", "/d", "1", "/f")
		waitFor(t, 15*time.Second, "the screen-lock check to re-run on the registry change", func() bool {
			return strings.Contains(log.String(), `check=screen-lock status=ok`)
		})

		// A right click opens the menu; Up selects its last item, Quit.
		xdotool(t, "windowraise", tray.id)
		click(t, tray, 3)
		menu := waitWindow(t, `\("mamori.exe" "mamori.exe"\)`, 10*time.Second)
		saveArtifact(t, "windows-menu.png", screenshot(t, menu.id))
		xdotool(t, "key", "--clearmodifiers", "Up", "Return")
		select {
		case <-exited:
			if waitErr != nil {
				t.Errorf("the agent quit with %v", waitErr)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the agent did not quit from its menu")
		}
	})
}

type window struct {
	id         string
	x, y, w, h int
}

var geometry = regexp.MustCompile(`^\s*(0x[0-9a-f]+) .*  ([0-9]+)x([0-9]+)\+(-?[0-9]+)\+(-?[0-9]+)`)

// waitWindow waits for a mapped top-level window whose xwininfo line
// matches pattern.
func waitWindow(t *testing.T, pattern string, within time.Duration) window {
	t.Helper()
	re := regexp.MustCompile(pattern)
	var found window
	waitFor(t, within, "a window matching "+pattern, func() bool {
		out, _ := exec.Command("xwininfo", "-root", "-children").Output()
		for _, line := range strings.Split(string(out), "\n") {
			m := geometry.FindStringSubmatch(line)
			if m == nil || !re.MatchString(line) {
				continue
			}
			if !viewable(m[1]) {
				continue
			}
			n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
			found = window{m[1], n(4), n(5), n(2), n(3)}
			return true
		}
		return false
	})
	return found
}

// viewable reports whether the window exists and is mapped.
func viewable(id string) bool {
	state, _ := exec.Command("xwininfo", "-id", id).Output()
	return strings.Contains(string(state), "IsViewable")
}

func waitFor(t *testing.T, within time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", within, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// click clicks button on the first icon of the tray window.
func click(t *testing.T, tray window, button int) {
	t.Helper()
	xdotool(t, "mousemove", strconv.Itoa(tray.x+8), strconv.Itoa(tray.y+tray.h/2), "click", strconv.Itoa(button))
}

func xdotool(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
}

func screenshot(t *testing.T, id string) image.Image {
	t.Helper()
	return testenv.Screenshot(t, nil, id)
}

func hasColour(img image.Image, want func(r, g, b uint32) bool) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if want(r, g, bl) {
				return true
			}
		}
	}
	return false
}

func saveArtifact(t *testing.T, name string, img image.Image) { testenv.SaveArtifact(t, name, img) }

// fileLog is a log file a process writes and the test reads.
type fileLog string

func (l fileLog) String() string {
	b, _ := os.ReadFile(string(l))
	return string(b)
}
