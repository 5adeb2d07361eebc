package check

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsHostsFile runs under Wine (scripts/wine-test): Windows' own
// hosts file in System32\drivers\etc, as the system keeps it, then with a
// line for a bank appended (put back after).
func TestWindowsHostsFile(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes the system's hosts file: run under Wine")
	}
	path, err := windowsHosts()
	if err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.WriteFile(path, before, 0o644) })
	sites, err := catalog.SiteList()
	if err != nil {
		t.Fatal(err)
	}
	check := &SiteRedirects{Sys: host.Local(), Sites: sites}
	if r := check.Run(context.Background()); r.Status != monitor.OK || r.Get("hosts-file") != path || r.Finding.Key != "finding.site-redirects.ok-hosts" {
		t.Fatalf("Windows' own hosts file: %s %v", r.Status, r.Evidence)
	}
	if err := os.WriteFile(path, append(before, "\r\n203.0.113.5\tdirect.smbc.co.jp\r\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := check.Run(context.Background()); r.Status != monitor.Critical || !strings.Contains(r.Get("redirected"), "direct.smbc.co.jp") {
		t.Errorf("a bank in the hosts file: %s %v", r.Status, r.Evidence)
	}
}
