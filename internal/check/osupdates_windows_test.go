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

// TestWindowsVersionInRegistry runs under Wine (scripts/wine-test): the
// check reads the version from the real registry. Wine's own (it says
// Windows 7, build 7601, no edition) is not in the catalogue and changes
// nothing; written as a Windows 10 22H2 Home and a Windows 11 23H2 Pro
// keep them, it is told they get no more security updates; as a Windows
// 11 25H2 Home, it is judged as before.
func TestWindowsVersionInRegistry(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes into HKLM: run under Wine")
	}
	check := &OSUpdates{Sys: host.Local()}
	r := check.Run(context.Background())
	if r.Status != monitor.Unknown || r.Finding.Key != "finding.os-updates.windows-on" || r.Get("windows-build") == "" || r.Get("support-end") != "not in Mamori's catalogue" {
		t.Fatalf("Wine as it is: %s %s %v", r.Status, r.Finding.Key, r.Evidence)
	}
	t.Logf("Wine says: build %s, version %s, edition %s", r.Get("windows-build"), r.Get("windows-version"), r.Get("windows-edition"))
	for _, tt := range []struct {
		build, display, edition string
		want                    monitor.Status
		finding, version        string
	}{
		{"19045", "22H2", "Core", monitor.Critical, "finding.os-updates.windows-ended", ""},
		{"22631", "23H2", "Professional", monitor.Critical, "finding.os-updates.windows-version-ended", "23H2"},
		{"26200", "25H2", "Core", monitor.Unknown, "finding.os-updates.windows-on", ""},
	} {
		t.Run(tt.build+" "+tt.edition, func(t *testing.T) {
			writeRegistry(t, host.MapRegistry{
				winCurrentVersion + `\CurrentBuild`:   tt.build,
				winCurrentVersion + `\DisplayVersion`: tt.display,
				winCurrentVersion + `\EditionID`:      tt.edition,
			})
			r := check.Run(context.Background())
			if r.Status != tt.want || r.Finding.Key != tt.finding || (tt.version != "" && r.Finding.Args["Version"] != tt.version) {
				t.Errorf("got %s %v %v", r.Status, r.Finding, r.Evidence)
			}
			if r.Get("windows-build") != tt.build || r.Get("windows-edition") != tt.edition {
				t.Errorf("read %s %s", r.Get("windows-build"), r.Get("windows-edition"))
			}
		})
	}
}
