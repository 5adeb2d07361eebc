package check

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/osprefs"
)

// MaxIdleSleep is the longest idle time after which the machine should sleep.
const MaxIdleSleep = 30 * time.Minute

// IdlePower checks that an idle machine suspends or hibernates, on mains and
// on battery, and that it is locked when it wakes.
type IdlePower struct {
	Sys host.System
	// Max is the longest idle time allowed before sleep (an
	// organisation's policy); nil or 0 means MaxIdleSleep.
	Max func() time.Duration
}

// limit is the longest idle time allowed before sleep: Max, or
// MaxIdleSleep. The check judges by it and its fix plans to it.
func (c *IdlePower) limit() time.Duration { return limitOr(c.Max, MaxIdleSleep) }

// idlePowerPages are where the system's own settings for sleep when idle are, for the
// status window's Open settings.
var idlePowerPages = osprefs.Pages{
	osprefs.Windows: osprefs.Explorer("ms-settings:powersleep"),
	// Every Mac advice starts at Lock Screen, which every Mac has (a
	// desktop Mac has no Battery pane).
	osprefs.MacOS:    osprefs.SystemSettings("x-apple.systempreferences:com.apple.Lock-Screen-Settings.extension"),
	osprefs.KDE:      osprefs.KDEModule("kcm_powerdevilprofilesconfig"),
	osprefs.Cinnamon: osprefs.CinnamonModule("power"),
	osprefs.Xfce:     osprefs.XfcePowerManager(),
	osprefs.GNOME:    osprefs.GNOMEPanel("power"),
}

// Pages declares the check's settings pages.
func (*IdlePower) Pages() osprefs.Pages { return idlePowerPages }

// Spec: "idle-power", re-run when the power or lock-on-wake settings change
// (dconf, KDE's and Xfce's files, logind's configuration).
func (c *IdlePower) Spec() monitor.Spec {
	return monitor.Spec{ID: "idle-power", Triggers: powerTriggers(c.Sys)}
}

// Run reads the desktop's power settings and logind's idle action.
func (c *IdlePower) Run(ctx context.Context) monitor.Result {
	p, err := readPowerPolicy(ctx, c.Sys)
	if err != nil {
		return unknown("idle-power", err)
	}
	p.Max = c.limit()
	return judgePower(p)
}

// sleepRule is what happens after a stretch of idle time on one power source.
type sleepRule struct {
	Known bool   // false: the setting could not be read
	Why   string // when not Known, the reason
	// After is the idle time before the machine sleeps; 0 means it never
	// does (the action is "nothing", "blank" or the timeout is off).
	After  time.Duration
	Action string // as the source names it, for evidence
}

// powerPolicy is how the machine behaves when left alone.
type powerPolicy struct {
	// Max is the longest idle time allowed before sleep; 0 means
	// MaxIdleSleep.
	Max             time.Duration
	Desktop, Source string
	HasBattery      bool
	AC, Battery     sleepRule
	// Logind is logind's IdleAction, which applies on both sources when it
	// suspends; a zero rule when logind does nothing on idle.
	Logind sleepRule
	// LockOnSleep: the screen is locked when the machine wakes. Nil when
	// unknown.
	LockOnSleep *bool
	// LockDisabled: the desktop's lockdown forbids locking the screen at
	// all, so LockOnSleep is false whatever its own switch says;
	// LockManaged, that an administrator locked the lockdown.
	LockDisabled, LockManaged bool
}

// effective combines the desktop's rule with logind's: whichever sleeps
// first wins.
func (p powerPolicy) effective(desk sleepRule) sleepRule {
	l := p.Logind
	if l.Known && l.After > 0 && (!desk.Known || desk.After == 0 || l.After < desk.After) {
		return l
	}
	return desk
}

func judgePower(p powerPolicy) monitor.Result {
	r := judgePowerRules(p)
	switch p.Desktop {
	case "Windows": // its own settings pages for all three
		switch r.Advice {
		case "idle-power.never", "idle-power.slow", "idle-power.no-lock":
			r.Advice = "idle-power.windows"
		}
	case "macOS":
		// A MacBook's sleep is set in other places, under other names,
		// than a desktop Mac's, and pmset lists a battery only on a
		// MacBook: the advice names the settings of the Mac it read.
		switch r.Advice {
		case "idle-power", "idle-power.never", "idle-power.slow":
			r.Advice = "idle-power.darwin-desktop"
			if p.HasBattery {
				r.Advice = "idle-power.darwin-laptop"
			}
		}
	}
	return r
}

func judgePowerRules(p powerPolicy) monitor.Result {
	r := monitor.Result{Advice: "idle-power"}
	r.Add("desktop", p.Desktop).Add("source", p.Source).Add("battery", p.HasBattery)
	ac := p.effective(p.AC)
	addRule(&r, "on-ac", ac)
	sources := []sleepRule{ac}
	if p.HasBattery {
		bat := p.effective(p.Battery)
		addRule(&r, "on-battery", bat)
		sources = append(sources, bat)
	}
	if p.Logind.Known {
		addRule(&r, "logind-idle-action", p.Logind)
	}
	if p.LockOnSleep != nil {
		r.Add("lock-on-sleep", *p.LockOnSleep)
	}
	if p.LockDisabled {
		r.Add(desktop.DisableLockScreen, true)
	}

	var worst time.Duration
	for _, s := range sources {
		if !s.Known {
			r.Status = monitor.Unknown
			r.Finding = monitor.T("finding.unknown")
			r.Add("reason", s.Why)
			return r
		}
		if s.After == 0 {
			r.Status, r.Advice = monitor.Warn, "idle-power.never"
			r.Finding = monitor.T("finding.idle-power.never")
			return r
		}
		worst = max(worst, s.After)
	}
	switch {
	case worst > cmp.Or(p.Max, MaxIdleSleep):
		r.Status, r.Advice = monitor.Warn, "idle-power.slow"
		r.Finding = monitor.T("finding.idle-power.slow", "Minutes", minutes(worst))
	case p.LockOnSleep != nil && !*p.LockOnSleep:
		r.Status, r.Advice = monitor.Warn, "idle-power.no-lock"
		r.Finding = monitor.T("finding.idle-power.no-lock", "Minutes", minutes(worst))
		// The lock switch is not what stops it: locking is forbidden.
		switch {
		case p.LockDisabled && p.LockManaged:
			r.Advice = "screen-lock.disabled-managed"
			r.Add("locked-by-administrator", desktop.DisableLockScreen)
		case p.LockDisabled:
			r.Advice = "screen-lock.disabled"
		}
	case p.LockOnSleep == nil:
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.idle-power.lock-unknown", "Minutes", minutes(worst))
	default:
		r.Status = monitor.OK
		r.Finding = monitor.T("finding.idle-power.ok", "Minutes", minutes(worst))
	}
	return r
}

func addRule(r *monitor.Result, key string, s sleepRule) {
	switch {
	case !s.Known:
		r.Add(key, "unknown: "+s.Why)
	case s.After == 0:
		r.Add(key, "never ("+s.Action+")")
	default:
		r.Add(key, s.Action+" after "+s.After.String())
	}
}

// parseLogind reads logind.conf-style files in order (later wins) and
// returns the idle rule. IdleAction defaults to ignore, IdleActionSec to 30min.
func parseLogind(files ...[]byte) (sleepRule, error) {
	// logind.conf is the same INI dialect KConfig reads; later files win.
	cfg := desktop.KConfig{}
	for _, data := range files {
		cfg.Merge(desktop.ParseKConfig(data))
	}
	action, after := "ignore", 30*time.Minute
	if v, ok := cfg["Login"]["IdleAction"]; ok {
		action = v
	}
	if v, ok := cfg["Login"]["IdleActionSec"]; ok {
		d, err := parseTimespan(v)
		if err != nil {
			return sleepRule{}, fmt.Errorf("IdleActionSec: %w", err)
		}
		after = d
	}
	rule := sleepRule{Known: true, Action: "logind " + action}
	if desktop.SleepsOnIdle(action) {
		rule.After = after
	}
	return rule, nil
}

// parseTimespan parses a systemd time span: "30min", "1h 30min", "90s",
// "900" (seconds), "infinity".
func parseTimespan(s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("empty time span")
	}
	if s == "infinity" {
		return 0, nil
	}
	units := []struct {
		names []string
		d     time.Duration
	}{
		{[]string{"usec", "us", "µs"}, time.Microsecond},
		{[]string{"msec", "ms"}, time.Millisecond},
		{[]string{"seconds", "second", "sec", "s"}, time.Second},
		{[]string{"minutes", "minute", "min", "m"}, time.Minute},
		{[]string{"hours", "hour", "hr", "h"}, time.Hour},
		{[]string{"days", "day", "d"}, 24 * time.Hour},
		{[]string{"weeks", "week", "w"}, 7 * 24 * time.Hour},
	}
	var total time.Duration
	rest := strings.TrimSpace(s)
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("bad time span '%s'", monitor.Cut(s, 40))
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("bad time span '%s'", monitor.Cut(s, 40))
		}
		rest = strings.TrimLeft(rest[i:], " ")
		j := 0
		for j < len(rest) && rest[j] != ' ' && (rest[j] < '0' || rest[j] > '9') {
			j++
		}
		unitName := rest[:j]
		rest = strings.TrimLeft(rest[j:], " ")
		unit := time.Duration(0)
		if unitName == "" {
			unit = time.Second
		}
		for _, u := range units {
			for _, name := range u.names {
				if unitName == name {
					unit = u.d
				}
			}
		}
		if unit == 0 {
			return 0, fmt.Errorf("bad time unit '%s' in '%s'", monitor.Cut(unitName, 20), monitor.Cut(s, 40))
		}
		part := n * float64(unit)
		if part >= float64(math.MaxInt64-total) {
			return 0, fmt.Errorf("time span '%s' is too long", monitor.Cut(s, 40))
		}
		total += time.Duration(part)
	}
	return total, nil
}

// gsettingsSleep reads a GNOME-style pair of keys: <prefix>-type (an action
// name) and <prefix>-timeout (seconds).
func gsettingsSleep(vals map[string]string, prefix string) sleepRule {
	action, err := desktop.GVString(vals[prefix+"-type"])
	if err != nil {
		return sleepRule{Why: prefix + "-type: " + err.Error()}
	}
	secs, err := desktop.GVUint(vals[prefix+"-timeout"])
	if err != nil {
		return sleepRule{Why: prefix + "-timeout: " + err.Error()}
	}
	rule := sleepRule{Known: true, Action: action}
	if desktop.SleepsOnIdle(action) && secs > 0 {
		rule.After = time.Duration(secs) * time.Second
	}
	return rule
}
