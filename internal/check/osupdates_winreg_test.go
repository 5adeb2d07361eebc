package check

import (
	"testing"
	"time"

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
