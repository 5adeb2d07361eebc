package check

import (
	"context"
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
