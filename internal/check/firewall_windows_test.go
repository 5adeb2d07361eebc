package check

import (
	"context"
	"os"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsFirewallInRegistry runs under Wine (scripts/wine-test), whose
// registry has no firewall profiles: unknown, saying so; then the profiles
// written as Windows keeps them, one turned off, read back by the check.
func TestWindowsFirewallInRegistry(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes into HKLM: run under Wine")
	}
	check := &Firewall{Sys: host.Local()}
	if r := check.Run(context.Background()); r.Status != monitor.Unknown || r.Get("reason") == "" {
		t.Fatalf("no profiles: %s %v", r.Status, r.Evidence)
	}
	writeRegistry(t, host.MapRegistry{
		winFirewallKey + `\DomainProfile\EnableFirewall`:   uint64(1),
		winFirewallKey + `\StandardProfile\EnableFirewall`: uint64(1),
		winFirewallKey + `\PublicProfile\EnableFirewall`:   uint64(1),
	})
	if r := check.Run(context.Background()); r.Status != monitor.OK {
		t.Errorf("all on: %s %v", r.Status, r.Evidence)
	}
	writeRegistry(t, host.MapRegistry{winFirewallKey + `\PublicProfile\EnableFirewall`: uint64(0)})
	if r := check.Run(context.Background()); r.Status != monitor.Warn || r.Finding.Key != "finding.firewall.windows-off" {
		t.Errorf("public off: %s %v", r.Status, r.Evidence)
	}
}
