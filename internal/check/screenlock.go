package check

import (
	"context"
	"errors"
	"time"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// MaxLockDelay is the longest idle time after which the screen should lock.
const MaxLockDelay = 5 * time.Minute

// ScreenLock checks that the screen locks by itself, and soon enough.
type ScreenLock struct{ Sys host.System }

// Spec: "screen-lock", re-run when the lock settings change (dconf, KDE's
// and Xfce's files).
func (c *ScreenLock) Spec() monitor.Spec {
	return monitor.Spec{ID: "screen-lock", Triggers: lockTriggers(c.Sys)}
}

// errNoXfceLocker: an Xfce session without xfce4-screensaver, the one
// Xfce locker Mamori reads.
var errNoXfceLocker = errors.New("xfce4-screensaver is not installed; Mamori does not read other Xfce lockers (light-locker, xscreensaver) yet")

// Run reads the desktop's lock settings.
func (c *ScreenLock) Run(ctx context.Context) monitor.Result {
	p, err := readLockPolicy(ctx, c.Sys)
	if errors.Is(err, errNoXfceLocker) {
		r := monitor.Result{Status: monitor.Unknown, Advice: "screen-lock", Finding: monitor.T("finding.screen-lock.xfce-no-locker")}
		r.Add("reason", err.Error())
		return r
	}
	if err != nil {
		return unknown("screen-lock", err)
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

func judgeLock(p lockPolicy) monitor.Result {
	r := monitor.Result{Advice: "screen-lock"}
	r.Add("desktop", p.Desktop).Add("source", p.Source).Add("lock-enabled", p.Enabled)
	r.Add("idle-after", durationEvidence(p.Idle)).Add("lock-delay", p.Delay)
	total := p.Idle + p.Delay
	switch {
	case !p.Enabled:
		r.Status, r.Advice = monitor.Critical, "screen-lock.off"
		r.Finding = monitor.T("finding.screen-lock.off")
	case p.Idle == 0:
		r.Status, r.Advice = monitor.Critical, "screen-lock.never"
		r.Finding = monitor.T("finding.screen-lock.never")
	case total > MaxLockDelay:
		r.Status, r.Advice = monitor.Warn, "screen-lock.slow"
		r.Finding = monitor.T("finding.screen-lock.slow", "Minutes", minutes(total))
	default:
		r.Status = monitor.OK
		r.Finding = monitor.T("finding.screen-lock.ok", "Minutes", minutes(total))
	}
	return r
}
