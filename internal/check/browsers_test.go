package check

import (
	"errors"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

func TestJudgeBrowsers(t *testing.T) {
	firefox := installedBrowser{Browser: catalog.Browser{Name: "Firefox"}, Package: "firefox-esr", Version: "128.3", Via: "package"}
	snap := installedBrowser{Browser: catalog.Browser{Name: "Chromium"}, Via: "snap"}
	pending := updates.Report{Pending: []updates.Pending{{Name: "firefox-esr", From: "128.3", To: "128.5"}}}
	security := updates.Report{Pending: []updates.Pending{{Name: "firefox-esr", To: "128.5", Security: true}}}
	stale := []staleProcess{{Browser: "Chromium", PID: 42, Why: "its program file was replaced by an update"}}
	tests := []struct {
		name   string
		f      browserFacts
		want   monitor.Status
		advice string
	}{
		{"none found", browserFacts{}, monitor.NotApplicable, "browser-updates"},
		{"current", browserFacts{Installed: []installedBrowser{firefox}}, monitor.OK, "browser-updates"},
		{"update pending", browserFacts{Installed: []installedBrowser{firefox}, Updates: pending}, monitor.Warn, "browser-updates.pending"},
		{"security update pending", browserFacts{Installed: []installedBrowser{firefox}, Updates: security}, monitor.Critical, "browser-updates.pending"},
		{"restart needed", browserFacts{Installed: []installedBrowser{firefox, snap}, Stale: stale}, monitor.Warn, "browser-updates.restart"},
		{"package manager unreadable", browserFacts{Installed: []installedBrowser{firefox}, UpdateErr: errors.New("apt-get: exit 100")}, monitor.Unknown, "browser-updates"},
		{"only a snap: the package manager does not matter", browserFacts{Installed: []installedBrowser{snap}, ProcErr: errors.New("no /proc")}, monitor.OK, "browser-updates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := judgeBrowsers(tt.f, []catalog.Browser{{Name: "Firefox"}})
			if r.Status != tt.want || r.Advice != tt.advice {
				t.Errorf("got %s/%s %v %v, want %s/%s", r.Status, r.Advice, r.Finding, r.Evidence, tt.want, tt.advice)
			}
		})
	}
}
