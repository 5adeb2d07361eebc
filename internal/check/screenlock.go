package check

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/osprefs"
)

// MaxLockDelay is the longest idle time after which the screen should lock.
const MaxLockDelay = 5 * time.Minute

// ScreenLock checks that the screen locks by itself, and soon enough.
type ScreenLock struct {
	Sys host.System
	// Max is the longest idle time allowed before the lock (an
	// organisation's policy); nil or 0 means MaxLockDelay.
	Max func() time.Duration
}

// limit is the longest idle time allowed before the lock: Max, or
// MaxLockDelay. The check judges by it and its fix plans to it.
func (c *ScreenLock) limit() time.Duration { return limitOr(c.Max, MaxLockDelay) }

// screenLockPages are where the system's own settings for the screen lock are, for the
// status window's Open settings.
var screenLockPages = osprefs.Pages{
	osprefs.Windows:  osprefs.Explorer("ms-settings:signinoptions"),
	osprefs.MacOS:    osprefs.SystemSettings("x-apple.systempreferences:com.apple.Lock-Screen-Settings.extension"),
	osprefs.KDE:      osprefs.KDEModule("kcm_screenlocker"),
	osprefs.Cinnamon: osprefs.CinnamonModule("screensaver"),
	osprefs.Xfce:     osprefs.XfceSettings(),
	osprefs.GNOME:    osprefs.GNOMEPanel("privacy"),
}

// Pages declares the check's settings pages.
func (*ScreenLock) Pages() osprefs.Pages { return screenLockPages }

// AdvicePages: where light-locker locks an Xfce session, its settings are
// in the Power Manager's Display and Security tabs, which its advice
// names (screen-lock.light-locker).
func (*ScreenLock) AdvicePages() map[string]osprefs.Pages {
	return map[string]osprefs.Pages{"screen-lock.light-locker": {osprefs.Xfce: osprefs.XfcePowerManager()}}
}

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
	p.Max = c.limit()
	r := judgeLock(p)
	if r.Status != monitor.OK && p.managed != nil {
		managed, err := p.managed(ctx)
		if err != nil {
			r.Add("locked-by-administrator", "could not tell: "+err.Error())
			return r
		}
		p.Managed = managed
		r = judgeLock(p)
	}
	return r
}

// lockPolicy is how a desktop locks the screen on idle, whatever store it
// came from.
type lockPolicy struct {
	// Max is the longest idle time allowed before the lock; 0 means
	// MaxLockDelay.
	Max     time.Duration
	Desktop string
	Source  string // where the values were read
	// Enabled is whether the screen locks at all when idle.
	Enabled bool
	// Disabled: the desktop's lockdown forbids locking the screen at
	// all, whatever the other settings say (GNOME's disable-lock-screen).
	Disabled bool
	// Idle is how long without input before the session counts as idle
	// (screensaver or blanking); 0 means never.
	Idle time.Duration
	// Delay is how long after going idle the lock engages.
	Delay time.Duration
	// DelayUnknown: the system said the lock is on, not after how long
	// (macOS 10.13's sysadminctl). Idle alone is then the soonest it
	// can lock: too slow already, or could not tell; never OK.
	DelayUnknown bool
	// Managed lists the settings (by the names the evidence uses:
	// lock-enabled, idle-after, lock-delay) that an administrator has
	// locked, so the person cannot change them, only ask.
	Managed []string
	// LightLocker: the lock is light-locker's, whose settings are in
	// another place than Xfce's own screensaver: the advice says where.
	// LateLocking is its "lock as the screensaver ends" (evidence only).
	LightLocker, LateLocking bool
	// managed finds them. It is set where settings can be locked, and
	// runs only when the verdict is not ok: it costs a program per setting.
	managed func(context.Context) ([]string, error)
	// ViaSleep: what locks is the machine going to sleep after Idle and
	// asking for the sign-in on waking (Windows' power plan), not a
	// screen lock of its own.
	ViaSleep bool
	// Extra is evidence of the other ways the system could lock, for
	// Details.
	Extra []monitor.Evidence
}

// locks says whether the policy locks the screen after some idle time.
func (p lockPolicy) locks() bool { return p.Enabled && !p.Disabled && p.Idle > 0 }

// blamed are the settings that make a verdict what it is: the ones a fix
// would change.
func blamed(advice string) []string {
	switch advice {
	case "screen-lock.windows":
		return []string{"lock-enabled", "idle-after"}
	case "screen-lock.disabled":
		return []string{desktop.DisableLockScreen}
	case "screen-lock.off":
		return []string{"lock-enabled"}
	case "screen-lock.never":
		return []string{"idle-after"}
	case "screen-lock.slow":
		return []string{"idle-after", "lock-delay"}
	}
	return nil
}

func judgeLock(p lockPolicy) monitor.Result {
	r := monitor.Result{Advice: "screen-lock"}
	r.Add("desktop", p.Desktop).Add("source", p.Source).Add("lock-enabled", p.Enabled)
	r.Add("idle-after", durationEvidence(p.Idle))
	if p.DelayUnknown {
		r.Add("lock-delay", "not reported")
	} else {
		r.Add("lock-delay", p.Delay)
	}
	if p.Disabled {
		r.Add(desktop.DisableLockScreen, true)
	}
	r.Evidence = append(r.Evidence, p.Extra...)
	if p.ViaSleep {
		r.Add("locks-through", "sleep, sign-in on wake")
	}
	total := p.Idle + p.Delay
	switch {
	case p.Disabled:
		r.Status, r.Advice = monitor.Critical, "screen-lock.disabled"
		r.Finding = monitor.T("finding.screen-lock.disabled")
	case !p.Enabled:
		r.Status, r.Advice = monitor.Critical, "screen-lock.off"
		r.Finding = monitor.T("finding.screen-lock.off")
	case p.Idle == 0:
		r.Status, r.Advice = monitor.Critical, "screen-lock.never"
		r.Finding = monitor.T("finding.screen-lock.never")
	case total > cmp.Or(p.Max, MaxLockDelay):
		r.Status, r.Advice = monitor.Warn, "screen-lock.slow"
		r.Finding = monitor.T("finding.screen-lock.slow", "Minutes", minutes(total))
	case p.DelayUnknown:
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.unknown")
		r.Add("reason", "the lock is on, but the system did not say how long after the screen turns off it asks for the password")
	default:
		r.Status = monitor.OK
		r.Finding = monitor.T("finding.screen-lock.ok", "Minutes", minutes(total))
	}
	if p.ViaSleep {
		// Say what happens: the computer sleeps, and waking asks for the
		// sign-in; the screen itself does not lock before.
		switch r.Status {
		case monitor.OK:
			r.Finding = monitor.T("finding.screen-lock.ok-sleep", "Minutes", minutes(total))
		case monitor.Warn:
			r.Finding = monitor.T("finding.screen-lock.slow-sleep", "Minutes", minutes(total))
		}
	}
	if p.LightLocker {
		// "locker" also tells the fix that Xfce's screensaver settings
		// would change nothing here (xfLock.Offers).
		r.Add("locker", "light-locker")
		r.Add("late-locking", p.LateLocking)
	}
	// light-locker's settings are in two tabs of the Power Manager.
	if p.LightLocker && len(blamed(r.Advice)) > 0 {
		r.Advice = "screen-lock.light-locker"
	}
	// Windows has one place for all three: the screen saver's settings.
	// Where sleep already locks, only later than it should, the advice is
	// to lock sooner (screen-lock.slow, in Windows' words).
	if p.Desktop == "Windows" && !p.ViaSleep && len(blamed(r.Advice)) > 0 {
		r.Advice = "screen-lock.windows"
	}
	// A setting the administrator locked is not the person's to fix: the
	// advice says whom to ask, and no Fix it is offered.
	var locked []string
	for _, s := range blamed(r.Advice) {
		if slices.Contains(p.Managed, s) {
			locked = append(locked, s)
		}
	}
	if len(locked) > 0 {
		r.Advice = "screen-lock.managed"
		if slices.Contains(locked, desktop.DisableLockScreen) {
			// Locking is forbidden outright: not even Super+L locks.
			r.Advice = "screen-lock.disabled-managed"
		}
		r.Add("locked-by-administrator", strings.Join(locked, ", "))
	}
	return r
}
