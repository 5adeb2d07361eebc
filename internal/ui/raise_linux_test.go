package ui_test

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestOpenWindowComesToTheFrontUnderXvfb: the real agent and the real
// status window on a virtual X server. Another window covers it and has
// the focus; the person asks for the status window at password-manager (a
// second start, a tray click, a notification): no second window opens,
// the status window takes the focus, and it shows that check with its
// Details. The screenshot is test-artifacts/status-window-raised.png.
func TestOpenWindowComesToTheFrontUnderXvfb(t *testing.T) {
	testenv.Require(t, "xdotool", "xlogo")
	display := testenv.XvfbSized(t, "1280x800")
	s := testenv.DBusSession(t).Setenv("DISPLAY", display).Setenv("LANG", "en_US.UTF-8").Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	dir := t.TempDir()
	windowBin := build(t, dir, "mamori-window", "../../cmd/window")
	agentLog := runQuickAgent(t, s, build(t, dir, "mamori", "../../cmd/agent"))
	addr := ipc.Address(s.Getenv)
	id, logs := openWindow(t, windowBin, s.Env, "Mamori — Status", "status")
	time.Sleep(1500 * time.Millisecond)

	// Another window over it, with the focus.
	cover := exec.Command("xlogo", "-geometry", "1280x800+0+0")
	cover.Env = s.Env
	if err := cover.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cover.Process.Kill(); cover.Wait() })
	var coverID string
	for end := time.Now().Add(10 * time.Second); coverID == "" && time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		coverID = windowID(s.Env, "xlogo")
	}
	xdo := func(args ...string) string { out, _ := xdotool(s.Env, args...); return out }
	xdo("windowfocus", "--sync", coverID)
	focused := func() string { return xdo("getwindowfocus") }
	if f := focused(); sameWindow(f, id) {
		t.Fatalf("the status window has the focus before it was asked for (%s)", f)
	}

	// As a second start of Mamori asks the agent.
	if _, err := ipc.Call(context.Background(), addr, ipc.Request{Cmd: ipc.CmdShowStatus, Check: "password-manager"}); err != nil {
		t.Fatal(err)
	}
	var f string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if f = focused(); sameWindow(f, id) {
			break
		}
	}
	if !sameWindow(f, id) {
		t.Errorf("the focus is on %s, not the status window %s\n%s", f, id, logs.String())
	}
	time.Sleep(time.Second) // let it draw
	img := shot(t, s.Env, id)
	saveArtifact(t, "status-window-raised.png", img)
	if strings.Contains(agentLog.String(), "opening a window") || strings.Count(agentLog.String(), "window closed") > 0 {
		t.Errorf("a second window was started:\n%s", agentLog.String())
	}
}

// sameWindow reports whether xdotool's decimal window id names the same
// window as xwininfo's hex one (or a child of it: GLFW focuses its own
// window, which xwininfo lists under its title).
func sameWindow(dec, hex string) bool {
	var d, h uint64
	if _, err := fmt.Sscanf(dec, "%d", &d); err != nil {
		return false
	}
	if _, err := fmt.Sscanf(hex, "0x%x", &h); err != nil {
		return false
	}
	return d == h
}
