package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsRemoteTool runs under Wine (scripts/wine-test): a program
// called AnyDesk.exe (this test program, waiting) is found by its name.
func TestWindowsRemoteTool(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("runs Windows programs: run under Wine")
	}
	cat, err := catalog.RemoteTools()
	if err != nil {
		t.Fatal(err)
	}
	run := func() monitor.Result {
		return (&RemoteControl{Sys: host.Local(), Catalog: cat}).Run(context.Background())
	}
	if r := run(); r.Status != monitor.OK {
		t.Fatalf("before: %s %v", r.Status, r.Evidence)
	}
	startAsWindows(t, filepath.Join(os.TempDir(), "mamori-remote", "AnyDesk.exe"))
	time.Sleep(time.Second)
	if r := run(); r.Status != monitor.Warn || !strings.Contains(r.Get("running"), "AnyDesk") {
		t.Errorf("AnyDesk.exe running: %s %v", r.Status, r.Evidence)
	}
}

// TestWindowsRemoteListening runs under Wine: this test program listening
// on VNC ports is found in Windows' own socket table, with its PID and
// name; on the loopback only it is listed, not judged.
func TestWindowsRemoteListening(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("reads Windows' socket table: run under Wine")
	}
	cat, err := catalog.RemoteTools()
	if err != nil {
		t.Fatal(err)
	}
	run := func() monitor.Result {
		return (&RemoteControl{Sys: host.Local(), Catalog: cat}).Run(context.Background())
	}
	if r := run(); r.Status != monitor.OK || r.Finding.Key != "finding.remote-control.ok" {
		t.Fatalf("before: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	lo := listenTCP(t, "127.0.0.1:5905")
	if r := run(); r.Status != monitor.OK || !strings.Contains(r.Get("listening-locally"), fmt.Sprintf("VNC on %s", lo.Addr())) {
		t.Errorf("VNC on the loopback: %s %v", r.Status, r.Evidence)
	}
	listenTCP(t, "0.0.0.0:5906")
	r := run()
	if r.Status != monitor.Warn || r.Finding.Key != "finding.remote-control.listening" || !strings.Contains(r.Get("listening"), ":5906") {
		t.Errorf("VNC on every address: %s %v", r.Status, r.Evidence)
	}
	// Windows names the owner (the decoder's test reads the PID); Wine 8
	// fills in PID 0 for every socket, so the owner is unknown here.
	if own := fmt.Sprintf("pid %d", os.Getpid()); !strings.Contains(r.Get("listening"), own) && !strings.Contains(r.Get("listening"), "(owner unknown)") {
		t.Errorf("the owner: %v, want %s or unknown", r.Evidence, own)
	}
}
