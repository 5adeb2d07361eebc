package check

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsUpdateInRegistry runs under Wine (scripts/wine-test): Windows
// Update's restart-required key in the real registry, then removed.
func TestWindowsUpdateInRegistry(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes into HKLM: run under Wine")
	}
	check := &OSUpdates{Sys: host.Local()}
	// Wine's Windows Update Agent cannot search: unknown, saying so.
	if r := check.Run(context.Background()); r.Status != monitor.Unknown || r.Finding.Key != "finding.os-updates.windows-on" || !strings.Contains(r.Get("reason"), "Windows Update Agent") {
		t.Fatalf("nothing set: %s %s %v", r.Status, r.Finding.Key, r.Evidence)
	}
	value := winRebootRequired + `\a1b2c3d4-0000-0000-0000-000000000000`
	writeRegistry(t, host.MapRegistry{value: uint64(1)})
	if r := check.Run(context.Background()); r.Status != monitor.Warn || r.Finding.Key != "finding.os-updates.windows-restart" {
		t.Errorf("restart required: %s %s %v", r.Status, r.Finding.Key, r.Evidence)
	}
}
