package agent_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
)

// checkStatus is a check's status in a status document, "" when it has no
// result yet.
func checkStatus(doc *report.Document, id string) (monitor.Status, string) {
	for _, c := range doc.Checks {
		if c.ID == id {
			return c.Status, c.Get("reason")
		}
	}
	return "", ""
}

// checkEvidence is a check's status and its evidence as one string.
func checkEvidence(doc *report.Document, id string) (monitor.Status, string) {
	for _, c := range doc.Checks {
		if c.ID == id {
			var b strings.Builder
			for _, e := range c.Evidence {
				b.WriteString(e.Key + "=" + e.Value + "; ")
			}
			return c.Status, b.String()
		}
	}
	return "", ""
}

// ranSince reports whether every check in doc has a result from after t.
func ranSince(doc *report.Document, t time.Time) bool {
	for _, c := range doc.Checks {
		if !c.CheckedAt.After(t) {
			return false
		}
	}
	return len(doc.Checks) > 0
}

// TestAgentSurvivesPlantedFiles plants in the person's home what once
// ended or wedged the agent: a browser's "Login Data" that is a symlink
// to /dev/zero (read whole, it ends a process with "out of memory") and a
// FIFO in place of the certificate database Chromium shares (open()
// blocks for good). The agent must answer its socket throughout; the
// checks that read them say unknown, with the reason, within their
// deadline; and once the files are fixed, the next run gives the real
// verdict.
func TestAgentSurvivesPlantedFiles(t *testing.T) {
	s := testenv.DBusSession(t)
	withoutPackageChecks(t, s)
	home := s.Home
	loginData := filepath.Join(home, ".config/google-chrome/Default/Login Data")
	certDB := filepath.Join(home, ".pki/nssdb/cert9.db")
	for _, f := range []string{loginData, certDB} {
		if err := os.MkdirAll(filepath.Dir(f), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("/dev/zero", loginData); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(certDB, 0o600); err != nil {
		t.Fatal(err)
	}
	startAgent(t, s)
	addr := ipc.Address(s.Getenv)

	// The agent answers within a second at every moment of the run.
	var slow atomic.Int64
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			_, err := ipc.Call(ctx, addr, ipc.Request{Cmd: ipc.CmdStatus})
			cancel()
			if err != nil && !strings.Contains(err.Error(), "no such file") && !strings.Contains(err.Error(), "connection refused") {
				slow.Add(1)
				t.Logf("the agent did not answer: %v", err)
			}
		}
	}()
	defer func() { close(stop); <-watched }()

	var doc *report.Document
	eventually(t, "both checks' results", 90*time.Second, func() bool {
		var err error
		doc, err = agentStatus(addr)
		if err != nil {
			return false
		}
		bp, _ := checkStatus(doc, "browser-passwords")
		sr, _ := checkStatus(doc, "site-redirects")
		fw, _ := checkStatus(doc, "firewall")
		return bp != "" && sr != "" && fw != ""
	})
	// The checks' file system refuses both before reading (host.Guarded),
	// and each check says what it could not read; the worker they run in
	// is what holds should a file be swapped between the look and the
	// open (internal/worker's tests play that).
	for _, id := range []string{"browser-passwords", "site-redirects"} {
		if st, ev := checkEvidence(doc, id); st == "" || !strings.Contains(ev, "not a regular file") {
			t.Errorf("%s with a planted file: %s, evidence %s; want it to say the file is not a regular file", id, st, ev)
		}
	}
	// The other checks of those runs answered for themselves.
	if st, _ := checkStatus(doc, "firewall"); st == "" || st == monitor.Unknown {
		t.Errorf("firewall, which reads neither file: %q, want its own verdict", st)
	}

	// Fixed: the next run gives the real verdicts.
	os.Remove(loginData)
	os.Remove(certDB)
	if _, err := ipc.Call(context.Background(), addr, ipc.Request{Cmd: ipc.CmdCheckNow}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the real verdicts", 60*time.Second, func() bool {
		doc, err := agentStatus(addr)
		if err != nil {
			return false
		}
		bp, _ := checkStatus(doc, "browser-passwords")
		sr, _ := checkStatus(doc, "site-redirects")
		return bp != monitor.Unknown && sr != monitor.Unknown && bp != "" && sr != ""
	})
	if n := slow.Load(); n > 0 {
		t.Errorf("the agent failed to answer within a second %d times", n)
	}
}

// TestTrayChangesOnlyWhatChanged counts the dbusmenu signals the agent
// sends on a private bus. fyne.io/systray announces every change of an
// item as a change of the whole menu (one LayoutUpdated and one
// ItemsPropertiesUpdated per call, even one that changes nothing), so the
// agent calls it only for what a run changed: a run that changes nothing
// the tray shows costs nothing.
func TestTrayChangesOnlyWhatChanged(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("LANG", "en_US.UTF-8")
	withoutPackageChecks(t, s)
	hostConn, err := dbus.Connect(s.Address)
	if err != nil {
		t.Fatal(err)
	}
	defer hostConn.Close()
	w := startWatcher(t, hostConn)
	counter := testenv.Connect(t, s.Address)
	if err := counter.AddMatchSignal(dbus.WithMatchInterface("com.canonical.dbusmenu")); err != nil {
		t.Fatal(err)
	}
	sigs := make(chan *dbus.Signal, 4096)
	counter.Signal(sigs)
	var layouts atomic.Int64
	go func() {
		for sig := range sigs {
			if sig.Name == "com.canonical.dbusmenu.LayoutUpdated" {
				layouts.Add(1)
			}
		}
	}()

	_, logs := startAgent(t, s)
	item, err := w.Next(30 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	addr := ipc.Address(s.Getenv)
	var doc *report.Document
	eventually(t, "the first sweep", 90*time.Second, func() bool {
		doc, err = agentStatus(addr)
		return err == nil && len(doc.Checks) > 0 && strings.Count(logs.String(), "check result") >= len(doc.Checks)
	})
	// The tray is shown when the run ends, just after its last result.
	time.Sleep(3 * time.Second) // past the agent's trayDelay: the start-up's updates are all in
	t.Logf("start-up: %d layout updates", layouts.Load())

	// A run that changes nothing shown sends nothing.
	before, clicked := layouts.Load(), time.Now()
	if _, err := ipc.Call(context.Background(), addr, ipc.Request{Cmd: ipc.CmdCheckNow}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the second run", 90*time.Second, func() bool {
		d, err := agentStatus(addr)
		return err == nil && ranSince(d, clicked)
	})
	// A result reaches the tray when its run ends or 2 s after it came
	// (the agent's trayDelay): whatever this run would send has been sent
	// a second after that.
	time.Sleep(3 * time.Second)
	if n := layouts.Load() - before; n != 0 {
		after, _ := agentStatus(addr)
		// What the tray shows of a check: its status and its finding.
		was := map[string]string{}
		for _, c := range doc.Checks {
			was[c.ID] = string(c.Status) + c.Finding
		}
		changed := len(after.Checks) != len(doc.Checks)
		for _, c := range after.Checks {
			if was[c.ID] != string(c.Status)+c.Finding {
				changed = true
			}
		}
		if !changed {
			t.Errorf("a run that changed no result sent %d layout updates", n)
		}
	}
	// Asked last: the library answers the host's first GetLayout with a
	// layout update of its own, a second later.
	if m := layout(t, hostConn, item); len(m.Labels()) == 0 {
		t.Error("the menu is empty")
	}
}
