package check

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Windows Update's registry values as Windows writes them.
func TestWindowsUpdate(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name    string
		reg     host.MapRegistry
		want    monitor.Status
		finding string
	}{
		{"on, nothing known", host.MapRegistry{}, monitor.Unknown, "finding.os-updates.windows-on"},
		{"restart to finish", host.MapRegistry{winRebootRequired + `\a1b2c3d4-0000-0000-0000-000000000000`: uint64(1)}, monitor.Warn, "finding.os-updates.windows-restart"},
		{"paused for a week", host.MapRegistry{winUXSettings + `\PauseUpdatesExpiryTime`: "2026-12-03T09:13:57Z"}, monitor.Warn, "finding.os-updates.windows-paused"},
		{"a pause that ended", host.MapRegistry{winUXSettings + `\PauseUpdatesExpiryTime`: "2026-11-01T09:13:57Z"}, monitor.Unknown, "finding.os-updates.windows-on"},
		{"off by policy", host.MapRegistry{winAUPolicy + `\NoAutoUpdate`: uint64(1)}, monitor.Warn, "finding.os-updates.windows-off"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := windowsUpdate(tt.reg)
			if err != nil {
				t.Fatal(err)
			}
			if r := judgeWindowsUpdate(f, now); r.Status != tt.want || r.Finding.Key != tt.finding || r.Advice != "os-updates.windows" {
				t.Errorf("got %s %s %s %v", r.Status, r.Finding.Key, r.Advice, r.Evidence)
			}
		})
	}
	if _, err := windowsUpdate(host.MapRegistry{winUXSettings + `\PauseUpdatesExpiryTime`: "next week"}); err == nil {
		t.Error("a pause that is not a time: no error")
	}
}

// The Windows Update Agent's answer, in the shapes IUpdate gives: the
// monthly cumulative update is rated and filed under Security Updates; a
// Defender definitions update and a driver are neither.
func TestWindowsUpdateSearch(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	cumulative := wuaUpdate{Title: "2026-11 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB5046617)", MsrcSeverity: "Important", Categories: []string{"Security Updates", "Windows 11"}}
	defs := wuaUpdate{Title: "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.421.1234.0)", Categories: []string{"Definition Updates", "Microsoft Defender Antivirus"}}
	unrated := wuaUpdate{Title: "Servicing Stack Update", Categories: []string{"security updates"}}
	driver := wuaUpdate{Title: "Intel Corporation - Display - 31.0.101.5186", Categories: []string{"Drivers"}}
	if got := pendingFromWUA([]wuaUpdate{cumulative, defs, unrated, driver}); len(got) != 4 || !got[0].Security || got[1].Security || !got[2].Security || got[3].Security {
		t.Errorf("pendingFromWUA = %+v", got)
	}
	if got := pendingFromWUA([]wuaUpdate{{Title: "KB1\u202egpj.exe\nnext" + strings.Repeat("x", 500)}}); utf8.RuneCountInString(got[0].Name) > 121 {
		t.Errorf("a title reaches the evidence as %q", got[0].Name)
	}
	searched := now.Add(-5 * time.Hour)
	for _, tt := range []struct {
		name    string
		f       winUpdateFacts
		want    monitor.Status
		finding string
	}{
		{"a security update waits", winUpdateFacts{Search: &winSearch{Pending: pendingFromWUA([]wuaUpdate{cumulative, driver}), LastSearch: searched}}, monitor.Critical, "finding.os-updates.security"},
		{"security waits, paused too", winUpdateFacts{PausedUntil: now.Add(48 * time.Hour), Search: &winSearch{Pending: pendingFromWUA([]wuaUpdate{cumulative})}}, monitor.Critical, "finding.os-updates.security"},
		{"definitions wait", winUpdateFacts{Search: &winSearch{Pending: pendingFromWUA([]wuaUpdate{defs}), LastSearch: searched}}, monitor.Warn, "finding.os-updates.pending"},
		{"nothing waits", winUpdateFacts{Search: &winSearch{LastSearch: searched, LastInstall: now.Add(-72 * time.Hour)}}, monitor.OK, "finding.os-updates.ok"},
		{"nothing waits, restart pending", winUpdateFacts{RebootRequired: true, Search: &winSearch{LastSearch: searched}}, monitor.Warn, "finding.os-updates.windows-restart"},
		{"the last search is old", winUpdateFacts{Search: &winSearch{LastSearch: now.Add(-10 * 24 * time.Hour)}}, monitor.Warn, "finding.os-updates.stale"},
		{"the agent did not answer", winUpdateFacts{SearchErr: errors.New("Search: Not implemented")}, monitor.Unknown, "finding.os-updates.windows-on"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := judgeWindowsUpdate(tt.f, now)
			if r.Status != tt.want || r.Finding.Key != tt.finding || r.Advice != "os-updates.windows" {
				t.Errorf("got %s %s %s %v", r.Status, r.Finding.Key, r.Advice, r.Evidence)
			}
			if tt.f.SearchErr != nil && !strings.Contains(r.Get("reason"), "Not implemented") {
				t.Errorf("the reason is not in the evidence: %v", r.Evidence)
			}
		})
	}
}
