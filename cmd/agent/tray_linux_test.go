package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/tray/traytest"
)

// TestMenuChangesOncePerSweep runs the built agent on a private session bus
// with a tray host and the slow package checks off, and counts the signals
// that make a tray host read the whole menu again (dbusmenu's
// LayoutUpdated, and the change of the menu's Version property that comes
// with it) from the agent's start to the end of its first sweep, as the
// agent's socket tells it. The menu is built with the state the agent asks
// for before it is there (at most one of each), and the sweep's results,
// several findings on this machine, change it once (at most one more).
// fyne.io/systray as released sends both for every call on an item: 19 of
// each here.
func TestMenuChangesOncePerSweep(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("LANG", "en_US.UTF-8")
	dir := t.TempDir()
	settings := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "mamori", "settings.json")
	if err := os.MkdirAll(filepath.Dir(settings), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(settings, []byte(`{"disabled_checks": ["os-updates", "browser-updates", "app-sources"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	w, host, signals := traytest.Host(t, s.Address)

	bin, err := testenv.Build(dir, "mamori", "../../cmd/agent")
	if err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "agent.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	cmd := exec.Command(bin)
	cmd.Env, cmd.Stdout, cmd.Stderr = s.Env, logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logs := func() string { b, _ := os.ReadFile(logPath); return string(b) }
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("agent log:\n%s", logs())
		}
	})
	item, err := w.Next(30 * time.Second)
	if err != nil {
		t.Fatal(err)
	}

	// The first sweep is over when every check the agent runs has a
	// result ("agent started checks=N" says how many).
	started := regexp.MustCompile(`msg="agent started" checks=(\d+)`)
	var doc *report.Document
	for deadline := time.Now().Add(2 * time.Minute); ; {
		if time.Now().After(deadline) {
			t.Fatalf("the first sweep did not end within 2 minutes (%v)", err)
		}
		var r ipc.Response
		if r, err = ipc.Call(context.Background(), ipc.Address(s.Getenv), ipc.Request{Cmd: ipc.CmdStatus}); err == nil {
			doc, err = report.Decode(r.Status)
		}
		if m := started.FindStringSubmatch(logs()); err == nil && m != nil {
			if n, _ := strconv.Atoi(m[1]); n > 0 && len(doc.Checks) == n {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The tray shows a run's results when it ends, and a result at the
	// latest 2 s after it came (the agent's trayDelay).
	time.Sleep(3 * time.Second)
	got := signals.Counts()
	t.Logf("from start to the first sweep's end: %d layout updates, %d version changes, %d ItemsPropertiesUpdated", got.Layouts, got.Versions, got.Props)
	if got.Layouts > 2 || got.Versions > 2 {
		t.Errorf("from start to the first sweep's end the menu was announced %d times (and its version changed %d times), want at most 2: one for building it, one for the sweep", got.Layouts, got.Versions)
	}

	// The menu reads as the sweep left it. (The library answers a host's
	// first GetLayout without the submenus' items; hosts ask again, and
	// so does this test.)
	var m traytest.Item
	for range 2 {
		if m, err = traytest.Layout(host, item); err != nil {
			t.Fatal(err)
		}
	}
	findings := 0
	for _, c := range doc.Checks {
		if c.Status == monitor.Warn || c.Status == monitor.Critical {
			findings++
			if _, ok := m.Find(c.Advice.Title); !ok {
				t.Errorf("the menu lacks %s's line %q: %q", c.ID, c.Advice.Title, m.Labels())
			}
		}
	}
	if _, ok := m.Find("Status…"); !ok || findings < 2 {
		t.Errorf("the menu lacks its status item, or the sweep found fewer than two things to list (%d): %q", findings, m.Labels())
	}
}
