package check

import (
	"context"
	"os"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsBrowsersInRegistry runs under Wine (scripts/wine-test): Chrome
// as its updater records it in the real registry, first with an update
// installed while it ran, then restarted.
func TestWindowsBrowsersInRegistry(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes into HKLM: run under Wine")
	}
	staged := `HKLM\SOFTWARE\WOW6432Node\Google\Update\Clients\` + chromeApp + `\opv`
	writeRegistry(t, host.MapRegistry{`HKLM\SOFTWARE\Google\Chrome\BLBeacon\version`: "131.0.6778.86", staged: "130.0.6723.117"})
	check := &BrowserUpdates{Sys: host.Local()}
	if r := check.Run(context.Background()); r.Status != monitor.Warn || r.Advice != "browser-updates.restart" {
		t.Fatalf("an update waiting for a restart: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	writeRegistry(t, host.MapRegistry{staged: nil})
	if r := check.Run(context.Background()); r.Status != monitor.OK || r.Finding.Key != "finding.browser-updates.self-updating" {
		t.Errorf("restarted: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
}
