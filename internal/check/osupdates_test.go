package check

import (
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

func TestJudgeUpdates(t *testing.T) {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	on, off := true, false
	tests := []struct {
		name   string
		rep    updates.Report
		want   monitor.Status
		advice string
	}{
		{"security", updates.Report{Pending: []updates.Pending{{Name: "a", Security: true}, {Name: "b"}}, IndexTime: now}, monitor.Critical, "os-updates.security"},
		{"pending", updates.Report{Pending: []updates.Pending{{Name: "b"}}, IndexTime: now}, monitor.Warn, "os-updates.pending"},
		{"stale index", updates.Report{IndexTime: now.Add(-10 * 24 * time.Hour), Auto: &on}, monitor.Warn, "os-updates.stale"},
		{"current, manual", updates.Report{IndexTime: now.Add(-time.Hour), Auto: &off}, monitor.OK, "os-updates.manual"},
		{"current, automatic", updates.Report{IndexTime: now.Add(-time.Hour), Auto: &on}, monitor.OK, "os-updates"},
	}
	for _, tt := range tests {
		r := judgeUpdates(tt.rep, now)
		if r.Status != tt.want || r.Advice != tt.advice {
			t.Errorf("%s: got %s/%s, want %s/%s", tt.name, r.Status, r.Advice, tt.want, tt.advice)
		}
	}
}

// startNamed copies /bin/sleep to dir/name and runs it, so the process has
// that name as the kernel sees it.
