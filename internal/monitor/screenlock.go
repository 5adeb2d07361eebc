package monitor

import (
	"context"
	"time"
)

// MaxLockDelay is the longest idle time after which the screen should lock.
const MaxLockDelay = 5 * time.Minute

// ScreenLock checks that the screen locks by itself, and soon enough.
type ScreenLock struct{ Sys System }

// ID returns "screen-lock".
func (*ScreenLock) ID() string { return "screen-lock" }

// Run reads the desktop's lock settings.
func (c *ScreenLock) Run(ctx context.Context) Result {
	p, r, ok := readLockPolicy(ctx, c.Sys)
	if !ok {
		return r
	}
	return judgeLock(p)
}

// lockPolicy is how a desktop locks the screen on idle, whatever store it
// came from.
type lockPolicy struct {
	Desktop string
	Source  string // where the values were read
	// Enabled is whether the screen locks at all when idle.
	Enabled bool
	// Idle is how long without input before the session counts as idle
	// (screensaver or blanking); 0 means never.
	Idle time.Duration
	// Delay is how long after going idle the lock engages.
	Delay time.Duration
}

func judgeLock(p lockPolicy) Result {
	r := Result{Advice: "screen-lock"}
	r.Add("desktop", p.Desktop).Add("source", p.Source).Add("lock-enabled", p.Enabled)
	r.Add("idle-after", durationEvidence(p.Idle)).Add("lock-delay", p.Delay)
	total := p.Idle + p.Delay
	switch {
	case !p.Enabled:
		r.Status, r.Advice = Critical, "screen-lock.off"
		r.Finding = T("finding.screen-lock.off")
	case p.Idle == 0:
		r.Status, r.Advice = Critical, "screen-lock.never"
		r.Finding = T("finding.screen-lock.never")
	case total > MaxLockDelay:
		r.Status, r.Advice = Warn, "screen-lock.slow"
		r.Finding = T("finding.screen-lock.slow", "Minutes", minutes(total))
	default:
		r.Status = OK
		r.Finding = T("finding.screen-lock.ok", "Minutes", minutes(total))
	}
	return r
}

// minutes rounds d up to whole minutes, so "locks within N minutes" is true.
func minutes(d time.Duration) int {
	return int((d + time.Minute - 1) / time.Minute)
}

// durationEvidence shows a duration where 0 means never.
func durationEvidence(d time.Duration) string {
	if d == 0 {
		return "never"
	}
	return d.String()
}
