package check

import (
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
)

func TestJudgePower(t *testing.T) {
	on, off := true, false
	sleeps := func(d time.Duration) sleepRule { return sleepRule{Known: true, Action: "suspend", After: d} }
	never := sleepRule{Known: true, Action: "nothing"}
	unread := sleepRule{Why: "powerdevilrc: no timeout"}
	tests := []struct {
		name   string
		p      powerPolicy
		want   monitor.Status
		advice string
	}{
		{"20 minutes, locks on wake", powerPolicy{AC: sleeps(20 * time.Minute), LockOnSleep: &on}, monitor.OK, "idle-power"},
		{"never on mains", powerPolicy{AC: never, LockOnSleep: &on}, monitor.Warn, "idle-power.never"},
		{"an hour", powerPolicy{AC: sleeps(time.Hour), LockOnSleep: &on}, monitor.Warn, "idle-power.slow"},
		{"wakes unlocked", powerPolicy{AC: sleeps(10 * time.Minute), LockOnSleep: &off}, monitor.Warn, "idle-power.no-lock"},
		{"lock on wake unknown", powerPolicy{AC: sleeps(10 * time.Minute)}, monitor.Unknown, "idle-power"},
		{"battery never sleeps", powerPolicy{HasBattery: true, AC: sleeps(10 * time.Minute), Battery: never, LockOnSleep: &on}, monitor.Warn, "idle-power.never"},
		{"battery ignored without one", powerPolicy{AC: sleeps(10 * time.Minute), Battery: never, LockOnSleep: &on}, monitor.OK, "idle-power"},
		{"setting unread", powerPolicy{AC: unread, LockOnSleep: &on}, monitor.Unknown, "idle-power"},
		{"logind suspends sooner than the desktop", powerPolicy{AC: never, Logind: sleeps(15 * time.Minute), LockOnSleep: &on}, monitor.OK, "idle-power"},
		{"logind rescues an unread desktop", powerPolicy{AC: unread, Logind: sleeps(15 * time.Minute), LockOnSleep: &on}, monitor.OK, "idle-power"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := judgePower(tt.p)
			if r.Status != tt.want || r.Advice != tt.advice {
				t.Errorf("got %s/%s %v %v, want %s/%s", r.Status, r.Advice, r.Finding, r.Evidence, tt.want, tt.advice)
			}
		})
	}
}
