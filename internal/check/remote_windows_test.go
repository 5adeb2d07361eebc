package check

import (
	"context"
	"os"
	"os/exec"
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
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	program, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(os.TempDir(), "mamori-remote", "AnyDesk.exe")
	os.MkdirAll(filepath.Dir(exe), 0o755)
	if err := os.WriteFile(exe, program, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "MAMORI_TEST_SLEEP=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	time.Sleep(time.Second)
	if r := run(); r.Status != monitor.Warn || !strings.Contains(r.Get("running"), "AnyDesk") {
		t.Errorf("AnyDesk.exe running: %s %v", r.Status, r.Evidence)
	}
}
