//go:build !windows

package agent

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLauncherOneWindowPerKind starts a real stand-in for mamori-window (a
// shell script that records its arguments and stays open until told) and
// checks that a window already open is not opened twice, and can be opened
// again once it has closed.
func TestLauncherOneWindowPerKind(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "log")
	// It stays open until told, or until the test's directory is gone.
	script := "#!/bin/sh\necho \"$*\" >> " + log + "\nwhile [ -d " + dir + " ] && [ ! -e " + filepath.Join(dir, "close-$1") + " ]; do sleep 0.05; done\nrm -f " + filepath.Join(dir, "close-$1") + "\n"
	if err := os.WriteFile(filepath.Join(dir, "mamori-window"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	l := &Launcher{Dir: dir}
	lines := func() []string {
		data, _ := os.ReadFile(log)
		return strings.Split(strings.TrimSpace(string(data)), "\n")
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: started %q", what, lines())
			}
		}
	}

	if err := l.Open("status", "wifi"); err != nil {
		t.Fatal(err)
	}
	waitFor("status window started", func() bool { return len(lines()) == 1 && lines()[0] == "status --check wifi" })
	if err := l.Open("status", ""); err != nil {
		t.Fatal(err)
	}
	if err := l.Open("settings", ""); err != nil {
		t.Fatal(err)
	}
	waitFor("settings window started", func() bool { return len(lines()) == 2 && lines()[1] == "settings" })
	time.Sleep(200 * time.Millisecond)
	if n := len(lines()); n != 2 {
		t.Fatalf("an open status window was opened again: %q", lines())
	}

	os.WriteFile(filepath.Join(dir, "close-status"), nil, 0o644)
	waitFor("status window closed", func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.open["status"] == nil
	})
	if err := l.Open("status", ""); err != nil {
		t.Fatal(err)
	}
	waitFor("status window opened again", func() bool { return len(lines()) == 3 && lines()[2] == "status" })
	// A notification's Fix it while the status window is open: it is
	// already on screen, with its own Fix it button.
	if err := l.Open("fix", "screen-lock"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "close-status"), nil, 0o644)
	waitFor("status window closed again", func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.open["status"] == nil
	})
	if err := l.Open("fix", "screen-lock"); err != nil {
		t.Fatal(err)
	}
	waitFor("status window asking to fix", func() bool { return len(lines()) == 4 && lines()[3] == "status --fix --check screen-lock" })
	for _, w := range []string{"status", "settings"} {
		os.WriteFile(filepath.Join(dir, "close-"+w), nil, 0o644)
	}
	waitFor("both windows closed", func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return len(l.open) == 0
	})
}

func TestLauncherMissingProgram(t *testing.T) {
	l := &Launcher{Dir: t.TempDir()}
	if err := l.Open("status", ""); err == nil {
		t.Fatal("no mamori-window, yet no error")
	}
	if l.open["status"] != nil {
		t.Error("a window that failed to start counts as open")
	}
}
