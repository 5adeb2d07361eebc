package check

import (
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
)

func TestJudgeLock(t *testing.T) {
	tests := []struct {
		name    string
		p       lockPolicy
		want    monitor.Status
		advice  string
		minutes any
	}{
		{"off", lockPolicy{Enabled: false, Idle: time.Minute}, monitor.Critical, "screen-lock.off", nil},
		{"never idle", lockPolicy{Enabled: true}, monitor.Critical, "screen-lock.never", nil},
		{"five minutes exactly", lockPolicy{Enabled: true, Idle: 5 * time.Minute}, monitor.OK, "screen-lock", 5},
		{"four minutes plus 30 s", lockPolicy{Enabled: true, Idle: 4 * time.Minute, Delay: 30 * time.Second}, monitor.OK, "screen-lock", 5},
		{"one second too long", lockPolicy{Enabled: true, Idle: 5 * time.Minute, Delay: time.Second}, monitor.Warn, "screen-lock.slow", 6},
		{"fifteen minutes", lockPolicy{Enabled: true, Idle: 15 * time.Minute}, monitor.Warn, "screen-lock.slow", 15},
		// An administrator's lock on a setting behind the verdict changes
		// the advice; a lock on one that is fine does not.
		{"off, locked", lockPolicy{Enabled: false, Idle: time.Minute, Managed: []string{"lock-enabled"}}, monitor.Critical, "screen-lock.managed", nil},
		{"off, only the delay locked", lockPolicy{Enabled: false, Idle: time.Minute, Managed: []string{"lock-delay"}}, monitor.Critical, "screen-lock.off", nil},
		{"slow, delay locked", lockPolicy{Enabled: true, Idle: 15 * time.Minute, Managed: []string{"lock-delay"}}, monitor.Warn, "screen-lock.managed", 15},
		{"ok, all locked", lockPolicy{Enabled: true, Idle: 5 * time.Minute, Managed: []string{"lock-enabled", "idle-after", "lock-delay"}}, monitor.OK, "screen-lock", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := judgeLock(tt.p)
			if r.Status != tt.want || r.Advice != tt.advice || r.Finding.Args["Minutes"] != tt.minutes {
				t.Errorf("got %s/%s %v, want %s/%s %v minutes", r.Status, r.Advice, r.Finding, tt.want, tt.advice, tt.minutes)
			}
			if r.Get("lock-enabled") == "" || r.Get("idle-after") == "" {
				t.Errorf("evidence missing: %v", r.Evidence)
			}
		})
	}
}
