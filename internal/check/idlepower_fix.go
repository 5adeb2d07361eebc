package check

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/host"
)

// The idle sleep's fix, on each desktop it can fix. It sets the check's
// own limit (an organisation's, or MaxIdleSleep): an idle machine sleeps
// within it.

// Fixes declares the check's fix on each desktop, planning to the limit
// the check judges by.
func (c *IdlePower) Fixes() fix.ByDesktop {
	max := fixLimit(c.limit)
	return fix.ByDesktop{
		desktop.GNOME:    newGNOMEPower(max),
		desktop.Cinnamon: newTimeoutPower(desktop.Cinnamon, "org.cinnamon.settings-daemon.plugins.power", "sleep-inactive-ac-timeout", "sleep-inactive-battery-timeout", "lock-on-suspend", max),
		desktop.MATE:     newTimeoutPower(desktop.MATE, "org.mate.power-manager", "sleep-computer-ac", "sleep-computer-battery", "lock-suspend", max),
		desktop.XFCE:     newXfPower(max),
		desktop.KDE:      newKPower(max),
	}
}

// GNOME, Cinnamon and MATE: gsettings.

// gsPower: an idle machine sleeps within max on mains and on battery, and
// locks when it wakes.
type gsPower struct {
	max     fixLimit
	sources []gsSource
	// lock are the switches that lock on waking: the first the system
	// has is used (Ubuntu's own key before GNOME's).
	lock     []fix.Setting
	lockdown gsLockdown
}

// gsSource is one power source's idle sleep: GNOME keeps an action and a
// timeout, Cinnamon and MATE a timeout alone (0 for never).
type gsSource struct {
	name            string // "ac", "battery"
	action, timeout fix.Setting
}

func newGNOMEPower(max fixLimit) gsPower {
	const power = "org.gnome.settings-daemon.plugins.power"
	p := gsPower{max: max, lock: []fix.Setting{gs("org.gnome.desktop.screensaver", "ubuntu-lock-on-suspend"), gs("org.gnome.desktop.screensaver", "lock-enabled")}, lockdown: gsLockdownOf(desktop.GNOME)}
	for _, source := range []string{"ac", "battery"} {
		p.sources = append(p.sources, gsSource{name: source, action: gs(power, "sleep-inactive-"+source+"-type"), timeout: gs(power, "sleep-inactive-"+source+"-timeout")})
	}
	return p
}

func newTimeoutPower(fam desktop.Family, schema, acKey, batteryKey, lockKey string, max fixLimit) gsPower {
	return gsPower{
		max:      max,
		sources:  []gsSource{{name: "ac", timeout: gs(schema, acKey)}, {name: "battery", timeout: gs(schema, batteryKey)}},
		lock:     []fix.Setting{gs(schema, lockKey)},
		lockdown: gsLockdownOf(fam),
	}
}

func (g gsPower) Plan(ctx context.Context, sys host.System) (fix.Plan, error) {
	r := newGSRead(ctx, sys)
	p := fix.Plan{}
	if err := g.lockdown.allow(ctx, sys, &p); err != nil {
		return fix.Plan{}, err
	}
	limit, err := g.max.in(time.Second)
	if err != nil {
		return fix.Plan{}, err
	}
	for _, src := range g.sources {
		if src.action.Key != "" {
			v, _, err := r.get(src.action)
			if err != nil {
				return fix.Plan{}, err
			}
			action, err := desktop.GVString(v)
			if err != nil {
				return fix.Plan{}, fmt.Errorf("%s %s: %w", src.action.Schema, src.action.Key, err)
			}
			if !desktop.SleepsOnIdle(action) {
				p.Changes = append(p.Changes, src.action.Change(v, "'suspend'", fix.Action, "fix.sleep-"+src.name+"-action"))
			}
		}
		v, _, err := r.get(src.timeout)
		if err != nil {
			return fix.Plan{}, err
		}
		c, needed, err := timeoutChange(src.timeout, v, uint64(limit), "fix.sleep-"+src.name+"-after")
		if err != nil {
			return fix.Plan{}, err
		}
		if needed {
			p.Changes = append(p.Changes, c)
		}
	}
	lock := g.lock[len(g.lock)-1]
	for _, s := range g.lock {
		if _, ok, err := r.get(s); err != nil {
			return fix.Plan{}, err
		} else if ok {
			lock = s
			break
		}
	}
	v, _, err := r.get(lock)
	if err != nil {
		return fix.Plan{}, err
	}
	if on, err := desktop.GVBool(v); err != nil {
		return fix.Plan{}, fmt.Errorf("%s %s: %w", lock.Schema, lock.Key, err)
	} else if !on {
		p.Changes = append(p.Changes, lock.Change("false", "true", fix.Switch, "fix.lock-on-wake"))
	}
	return p, nil
}

// timeoutChange sets a sleep timeout (seconds, 0 for never) to limit;
// needed says whether it is longer or never now.
func timeoutChange(s fix.Setting, value string, limit uint64, text string) (c fix.Change, needed bool, err error) {
	secs, err := desktop.GVUint(value)
	if err != nil {
		return fix.Change{}, false, fmt.Errorf("%s %s: %w", s.Schema, s.Key, err)
	}
	c = s.Change(value, sameType(value, limit), fix.Seconds, text)
	c.Never = true
	return c, secs == 0 || secs > limit, nil
}

// Xfce: xfce4-power-manager.

// xfpmNever is the inactivity value xfce4-power-manager reads as "never":
// the lowest stop of its settings slider (lower=14 in the 4.18 settings
// dialog), which its daemon treats as no alarm, and the default of both
// keys.
const xfpmNever = 14

// xfPower: xfce4-power-manager sleeps after a number of minutes per power
// source (14, its slider's lowest stop, and 0 mean never) and locks on
// sleep when lock-screen-suspend-hibernate is on.
type xfPower struct {
	timeouts []named
	lock     fix.Setting
	max      fixLimit
}

func newXfPower(max fixLimit) xfPower {
	const channel = "xfce4-power-manager"
	return xfPower{
		timeouts: []named{
			{xf(channel, "/xfce4-power-manager/inactivity-on-ac"), "fix.sleep-ac-after"},
			{xf(channel, "/xfce4-power-manager/inactivity-on-battery"), "fix.sleep-battery-after"},
		},
		lock: xf(channel, "/xfce4-power-manager/lock-screen-suspend-hibernate"),
		max:  max,
	}
}

func (x xfPower) Plan(ctx context.Context, sys host.System) (fix.Plan, error) {
	ch, _, err := desktop.ReadXfconf(ctx, sys, x.lock.Schema)
	if err != nil {
		return fix.Plan{}, err
	}
	p := fix.Plan{}
	limit, err := x.max.in(time.Minute)
	if err != nil {
		return fix.Plan{}, err
	}
	if limit == xfpmNever {
		limit-- // 14 is never to xfce4-power-manager
	}
	for _, s := range x.timeouts {
		mins, err := ch.Int(s.Key, 14)
		if err != nil {
			return fix.Plan{}, err
		}
		c := s.Change(ch[s.Key], strconv.FormatInt(limit, 10), fix.Minutes, s.text)
		c.Never = true
		switch {
		case mins == 14 || mins <= 0:
			c.FromShown = "0" // never
		case mins <= limit:
			continue
		}
		p.Changes = append(p.Changes, c)
	}
	on, err := ch.Bool(x.lock.Key, true)
	if err != nil {
		return fix.Plan{}, err
	}
	if !on {
		p.Changes = append(p.Changes, x.lock.Change(ch[x.lock.Key], "true", fix.Switch, "fix.lock-on-wake"))
	}
	return p, nil
}

// KDE: PowerDevil.

// kPower: PowerDevil suspends an idle machine per power profile (Plasma 6:
// powerdevilrc [AC|Battery][SuspendAndShutdown], an action, 1 for sleep,
// and a timeout in seconds; Plasma 5: powermanagementprofilesrc
// [AC|Battery][SuspendSession], present when on, idleTime in
// milliseconds); kscreenlocker locks on resume unless LockOnResume is off.
type kPower struct {
	plasma6, plasma5 []kProfile
	lockOnResume     fix.Setting
	max              fixLimit
}

// kProfile is one power profile's idle sleep.
type kProfile struct {
	name            string // "ac", "battery"
	action, timeout fix.Setting
}

func newKPower(max fixLimit) kPower {
	p := kPower{lockOnResume: kc("kscreenlockerrc", "Daemon/LockOnResume"), max: max}
	for _, profile := range []string{"AC", "Battery"} {
		name := strings.ToLower(profile)
		p.plasma6 = append(p.plasma6, kProfile{name,
			kc("powerdevilrc", profile+"/SuspendAndShutdown/AutoSuspendAction"),
			kc("powerdevilrc", profile+"/SuspendAndShutdown/AutoSuspendIdleTimeoutSec")})
		p.plasma5 = append(p.plasma5, kProfile{name,
			kc("powermanagementprofilesrc", profile+"/SuspendSession/suspendType"),
			kc("powermanagementprofilesrc", profile+"/SuspendSession/idleTime")})
	}
	return p
}

func (k kPower) Plan(_ context.Context, sys host.System) (fix.Plan, error) {
	p := fix.Plan{}
	plasma5 := sys.Getenv("KDE_SESSION_VERSION") == "5"
	profiles := k.plasma6
	if plasma5 {
		profiles = k.plasma5
	}
	file := profiles[0].action.Schema
	cfg, _, err := desktop.ReadKConfig(sys, file)
	if err != nil {
		return fix.Plan{}, err
	}
	mine := ownKConfig(sys, file)
	limit, err := k.max.in(time.Second)
	if err != nil {
		return fix.Plan{}, err
	}
	for _, prof := range profiles {
		g := prof.action.Group()
		change := func(s fix.Setting, to string, kind fix.Kind, text string) fix.Change {
			return s.Change(mine[g][s.Name()], to, kind, text)
		}
		if plasma5 {
			ms, ok, err := cfg.Int(g, prof.timeout.Name())
			if err != nil {
				return fix.Plan{}, err
			}
			_, on := cfg[g]
			if on && ok && ms > 0 && ms <= limit*1000 {
				continue
			}
			if !on {
				// No group: PowerDevil does not suspend at all. Sleep, as
				// its settings page writes it.
				c := change(prof.action, "1", fix.Action, "fix.sleep-"+prof.name+"-action")
				c.FromShown, c.ToShown = "nothing", "suspend"
				p.Changes = append(p.Changes, c)
			}
			c := change(prof.timeout, strconv.FormatInt(limit*1000, 10), fix.Millis, "fix.sleep-"+prof.name+"-after")
			c.Never = true
			if !on {
				c.FromShown = "0"
			}
			p.Changes = append(p.Changes, c)
			continue
		}
		action, ok, err := cfg.Int(g, prof.action.Name())
		if err != nil {
			return fix.Plan{}, err
		}
		if ok && action == 0 {
			c := change(prof.action, "1", fix.Action, "fix.sleep-"+prof.name+"-action")
			c.FromShown, c.ToShown = "nothing", "suspend"
			p.Changes = append(p.Changes, c)
		}
		secs, ok, err := cfg.Int(g, prof.timeout.Name())
		if err != nil {
			return fix.Plan{}, err
		}
		if !ok || secs <= 0 || secs > limit {
			p.Changes = append(p.Changes, change(prof.timeout, strconv.FormatInt(limit, 10), fix.Seconds, "fix.sleep-"+prof.name+"-after"))
		}
	}
	if len(p.Changes) > 0 {
		p.Reload = append(p.Reload, "powerdevil")
	}
	l := k.lockOnResume
	lock, _, err := desktop.ReadKConfig(sys, l.Schema)
	if err != nil {
		return fix.Plan{}, err
	}
	if on, ok, err := lock.Bool(l.Group(), l.Name()); err != nil {
		return fix.Plan{}, err
	} else if ok && !on {
		c := l.Change(ownKConfig(sys, l.Schema)[l.Group()][l.Name()], "true", fix.Switch, "fix.lock-on-wake")
		c.FromShown = "false"
		p.Changes = append(p.Changes, c)
		p.Reload = append(p.Reload, "kscreenlocker")
	}
	return p, nil
}
