package fix

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
)

// GNOME, Cinnamon and MATE: gsettings.

// gsRead reads GSettings keys, each schema once.
type gsRead struct {
	ctx     context.Context
	sys     host.System
	schemas map[string]map[string]string
}

func newGSRead(ctx context.Context, sys host.System) *gsRead {
	return &gsRead{ctx: ctx, sys: sys, schemas: map[string]map[string]string{}}
}

// get returns s's value as gsettings prints it, and whether the schema
// has the key.
func (r *gsRead) get(s Setting) (string, bool, error) {
	keys, ok := r.schemas[s.Schema]
	if !ok {
		var err error
		if keys, err = desktop.Gsettings(r.ctx, r.sys, s.Schema); err != nil {
			return "", false, err
		}
		r.schemas[s.Schema] = keys
	}
	v, ok := keys[s.Key]
	return v, ok, nil
}

func gs(schema, key string) Setting { return Setting{Tool: GSettings, Schema: schema, Key: key} }

// gsLock: locking on, and the screen locked within limit (in the schema's
// unit) of idle: idle-delay is set to the limit when it is off (0) or
// longer, and lock-delay to 0 when the two add up past it.
type gsLock struct {
	on          []Setting // switches that must be on: lock-enabled first
	idle, delay Setting
	unit        Kind
	limit       uint64
	lockdown    lockdown
}

func newGSLock(fam desktop.Family, saver, session string, unit Kind, limit uint64, alsoOn ...string) gsLock {
	l := gsLock{idle: gs(session, "idle-delay"), delay: gs(saver, "lock-delay"), unit: unit, limit: limit, lockdown: lockdownOf(fam)}
	for _, key := range append([]string{"lock-enabled"}, alsoOn...) {
		l.on = append(l.on, gs(saver, key))
	}
	return l
}

func (l gsLock) Plan(ctx context.Context, sys host.System) (Plan, error) {
	r := newGSRead(ctx, sys)
	p := Plan{Check: "screen-lock"}
	if err := l.lockdown.allow(ctx, sys, &p); err != nil {
		return Plan{}, err
	}
	for _, s := range l.on {
		v, _, err := r.get(s)
		if err != nil {
			return Plan{}, err
		}
		if on, err := desktop.GVBool(v); err != nil {
			return Plan{}, fmt.Errorf("%s %s: %w", s.Schema, s.Key, err)
		} else if !on {
			p.Changes = append(p.Changes, s.Change("false", "true", Switch, "fix."+s.Key))
		}
	}
	idleV, _, err := r.get(l.idle)
	if err != nil {
		return Plan{}, err
	}
	idle, err := desktop.GVUint(idleV)
	if err != nil {
		return Plan{}, fmt.Errorf("%s idle-delay: %w", l.idle.Schema, err)
	}
	delayV, _, err := r.get(l.delay)
	if err != nil {
		return Plan{}, err
	}
	delay, err := desktop.GVUint(delayV)
	if err != nil {
		return Plan{}, fmt.Errorf("%s lock-delay: %w", l.delay.Schema, err)
	}
	if idle == 0 || idle > l.limit {
		c := l.idle.Change(idleV, sameType(idleV, l.limit), l.unit, "fix.idle-delay")
		c.Never = true
		p.Changes = append(p.Changes, c)
		idle = l.limit
	}
	if idle+delay > l.limit {
		p.Changes = append(p.Changes, l.delay.Change(delayV, sameType(delayV, 0), l.unit, "fix.lock-delay"))
	}
	return p, nil
}

// gsPower: an idle machine sleeps within sleepLimit on mains and on
// battery, and locks when it wakes.
type gsPower struct {
	sources []gsSource
	// lock are the switches that lock on waking: the first the system
	// has is used (Ubuntu's own key before GNOME's).
	lock     []Setting
	lockdown lockdown
}

// gsSource is one power source's idle sleep: GNOME keeps an action and a
// timeout, Cinnamon and MATE a timeout alone (0 for never).
type gsSource struct {
	name            string // "ac", "battery"
	action, timeout Setting
}

var gnomePower = func() gsPower {
	const power = "org.gnome.settings-daemon.plugins.power"
	p := gsPower{lock: []Setting{gs("org.gnome.desktop.screensaver", "ubuntu-lock-on-suspend"), gs("org.gnome.desktop.screensaver", "lock-enabled")}, lockdown: lockdownOf(desktop.GNOME)}
	for _, source := range []string{"ac", "battery"} {
		p.sources = append(p.sources, gsSource{name: source, action: gs(power, "sleep-inactive-"+source+"-type"), timeout: gs(power, "sleep-inactive-"+source+"-timeout")})
	}
	return p
}()

func newTimeoutPower(fam desktop.Family, schema, acKey, batteryKey, lockKey string) gsPower {
	return gsPower{
		sources:  []gsSource{{name: "ac", timeout: gs(schema, acKey)}, {name: "battery", timeout: gs(schema, batteryKey)}},
		lock:     []Setting{gs(schema, lockKey)},
		lockdown: lockdownOf(fam),
	}
}

// lockdown is a desktop's switch that forbids locking the screen at all
// (disable-lock-screen): without it allowed again the desktop locks
// neither on idle nor on waking, whatever the other changes say.
type lockdown struct {
	fam    desktop.Family
	forbid Setting
}

func lockdownOf(fam desktop.Family) lockdown {
	return lockdown{fam: fam, forbid: gs(desktop.LockdownSchemas[fam], desktop.DisableLockScreen)}
}

// allow adds to p, where the lockdown forbids locking, the change that
// allows it again. For refuses the plan when an administrator locked it.
func (l lockdown) allow(ctx context.Context, sys host.System, p *Plan) error {
	off, err := desktop.LockScreenDisabled(ctx, sys, l.fam)
	if err != nil || !off {
		return err
	}
	// The key says "disabled"; the person reads "allowed": off → on.
	c := l.forbid.Change("true", "false", Switch, "fix.allow-lock-screen")
	c.FromShown, c.ToShown = "false", "true"
	p.Changes = append(p.Changes, c)
	return nil
}

func (g gsPower) Plan(ctx context.Context, sys host.System) (Plan, error) {
	r := newGSRead(ctx, sys)
	p := Plan{Check: "idle-power"}
	if err := g.lockdown.allow(ctx, sys, &p); err != nil {
		return Plan{}, err
	}
	for _, src := range g.sources {
		if src.action.Key != "" {
			v, _, err := r.get(src.action)
			if err != nil {
				return Plan{}, err
			}
			action, err := desktop.GVString(v)
			if err != nil {
				return Plan{}, fmt.Errorf("%s %s: %w", src.action.Schema, src.action.Key, err)
			}
			if !desktop.SleepsOnIdle(action) {
				p.Changes = append(p.Changes, src.action.Change(v, "'suspend'", Action, "fix.sleep-"+src.name+"-action"))
			}
		}
		v, _, err := r.get(src.timeout)
		if err != nil {
			return Plan{}, err
		}
		c, needed, err := timeoutChange(src.timeout, v, "fix.sleep-"+src.name+"-after")
		if err != nil {
			return Plan{}, err
		}
		if needed {
			p.Changes = append(p.Changes, c)
		}
	}
	lock := g.lock[len(g.lock)-1]
	for _, s := range g.lock {
		if _, ok, err := r.get(s); err != nil {
			return Plan{}, err
		} else if ok {
			lock = s
			break
		}
	}
	v, _, err := r.get(lock)
	if err != nil {
		return Plan{}, err
	}
	if on, err := desktop.GVBool(v); err != nil {
		return Plan{}, fmt.Errorf("%s %s: %w", lock.Schema, lock.Key, err)
	} else if !on {
		p.Changes = append(p.Changes, lock.Change("false", "true", Switch, "fix.lock-on-wake"))
	}
	return p, nil
}

// timeoutChange sets a sleep timeout (seconds, 0 for never) to the limit;
// needed says whether it is longer or never now.
func timeoutChange(s Setting, value, text string) (c Change, needed bool, err error) {
	secs, err := desktop.GVUint(value)
	if err != nil {
		return Change{}, false, fmt.Errorf("%s %s: %w", s.Schema, s.Key, err)
	}
	c = s.Change(value, sameType(value, uint64(sleepLimit)), Seconds, text)
	c.Never = true
	return c, secs == 0 || secs > uint64(sleepLimit), nil
}

// sameType writes n as a GVariant of the type value was printed in:
// gsettings prints uint32 with its type ("uint32 300") and int32 bare.
func sameType(value string, n uint64) string {
	if typ, _, ok := strings.Cut(strings.TrimSpace(value), " "); ok {
		return typ + " " + strconv.FormatUint(n, 10)
	}
	return strconv.FormatUint(n, 10)
}
