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

// lockPlan turns locking on and makes the screen lock within limit (in
// the schema's unit) of idle: idle-delay is set to the limit when it is
// off (0) or longer, and lock-delay to 0 when the two add up past it.
func lockPlan(ctx context.Context, sys host.System, fam desktop.Family, saverSchema, sessionSchema string, unit Kind, limit uint64, alsoOn []string) (Plan, error) {
	saver, err := desktop.Gsettings(ctx, sys, saverSchema)
	if err != nil {
		return Plan{}, err
	}
	session, err := desktop.Gsettings(ctx, sys, sessionSchema)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Check: "screen-lock"}
	if err := allowLocking(ctx, sys, fam, &p); err != nil {
		return Plan{}, err
	}
	for _, key := range append([]string{"lock-enabled"}, alsoOn...) {
		if on, err := desktop.GVBool(saver[key]); err != nil {
			return Plan{}, fmt.Errorf("%s %s: %w", saverSchema, key, err)
		} else if !on {
			p.Changes = append(p.Changes, Change{Schema: saverSchema, Key: key, From: "false", To: "true", Kind: Switch, Text: "fix." + key})
		}
	}
	idle, err := desktop.GVUint(session["idle-delay"])
	if err != nil {
		return Plan{}, fmt.Errorf("%s idle-delay: %w", sessionSchema, err)
	}
	delay, err := desktop.GVUint(saver["lock-delay"])
	if err != nil {
		return Plan{}, fmt.Errorf("%s lock-delay: %w", saverSchema, err)
	}
	if idle == 0 || idle > limit {
		p.Changes = append(p.Changes, Change{Schema: sessionSchema, Key: "idle-delay", From: session["idle-delay"], To: sameType(session["idle-delay"], limit), Kind: unit, Never: true, Text: "fix.idle-delay"})
		idle = limit
	}
	if idle+delay > limit {
		p.Changes = append(p.Changes, Change{Schema: saverSchema, Key: "lock-delay", From: saver["lock-delay"], To: sameType(saver["lock-delay"], 0), Kind: unit, Text: "fix.lock-delay"})
	}
	return p, nil
}

// gnomePowerPlan: GNOME keeps an action and a timeout per power source;
// locking on wake follows lock-enabled, or Ubuntu's own key.
func gnomePowerPlan(ctx context.Context, sys host.System) (Plan, error) {
	const schema = "org.gnome.settings-daemon.plugins.power"
	power, err := desktop.Gsettings(ctx, sys, schema)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Check: "idle-power"}
	if err := allowLocking(ctx, sys, desktop.GNOME, &p); err != nil {
		return Plan{}, err
	}
	for _, source := range []string{"ac", "battery"} {
		typeKey, timeoutKey := "sleep-inactive-"+source+"-type", "sleep-inactive-"+source+"-timeout"
		action, err := desktop.GVString(power[typeKey])
		if err != nil {
			return Plan{}, fmt.Errorf("%s %s: %w", schema, typeKey, err)
		}
		if !desktop.SleepsOnIdle(action) {
			p.Changes = append(p.Changes, Change{Schema: schema, Key: typeKey, From: power[typeKey], To: "'suspend'", Kind: Action, Text: "fix.sleep-" + source + "-action"})
		}
		c, needed, err := timeoutChange(schema, timeoutKey, power[timeoutKey], "fix.sleep-"+source+"-after")
		if err != nil {
			return Plan{}, err
		}
		if needed {
			p.Changes = append(p.Changes, c)
		}
	}
	const saverSchema = "org.gnome.desktop.screensaver"
	saver, err := desktop.Gsettings(ctx, sys, saverSchema)
	if err != nil {
		return Plan{}, err
	}
	lockKey := "lock-enabled"
	if _, ok := saver["ubuntu-lock-on-suspend"]; ok {
		lockKey = "ubuntu-lock-on-suspend"
	}
	if on, err := desktop.GVBool(saver[lockKey]); err != nil {
		return Plan{}, fmt.Errorf("%s %s: %w", saverSchema, lockKey, err)
	} else if !on {
		p.Changes = append(p.Changes, Change{Schema: saverSchema, Key: lockKey, From: "false", To: "true", Kind: Switch, Text: "fix.lock-on-wake"})
	}
	return p, nil
}

// timeoutPowerPlan: Cinnamon and MATE keep one suspend timeout per power
// source (0 for never) and a lock-on-suspend switch.
func timeoutPowerPlan(ctx context.Context, sys host.System, fam desktop.Family, schema, acKey, batteryKey, lockKey string) (Plan, error) {
	power, err := desktop.Gsettings(ctx, sys, schema)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Check: "idle-power"}
	if err := allowLocking(ctx, sys, fam, &p); err != nil {
		return Plan{}, err
	}
	for _, k := range [][2]string{{acKey, "fix.sleep-ac-after"}, {batteryKey, "fix.sleep-battery-after"}} {
		c, needed, err := timeoutChange(schema, k[0], power[k[0]], k[1])
		if err != nil {
			return Plan{}, err
		}
		if needed {
			p.Changes = append(p.Changes, c)
		}
	}
	if on, err := desktop.GVBool(power[lockKey]); err != nil {
		return Plan{}, fmt.Errorf("%s %s: %w", schema, lockKey, err)
	} else if !on {
		p.Changes = append(p.Changes, Change{Schema: schema, Key: lockKey, From: "false", To: "true", Kind: Switch, Text: "fix.lock-on-wake"})
	}
	return p, nil
}

// allowLocking adds to p, where the desktop's lockdown forbids locking the
// screen (disable-lock-screen), the change that allows it again: without
// it the desktop locks neither on idle nor on waking, whatever the other
// changes say. For refuses the plan when an administrator locked it.
func allowLocking(ctx context.Context, sys host.System, fam desktop.Family, p *Plan) error {
	off, err := desktop.LockScreenDisabled(ctx, sys, fam)
	if err != nil || !off {
		return err
	}
	// The key says "disabled"; the person reads "allowed": off → on.
	p.Changes = append(p.Changes, Change{Schema: desktop.LockdownSchemas[fam], Key: desktop.DisableLockScreen, From: "true", To: "false", Kind: Switch, FromShown: "false", ToShown: "true", Text: "fix.allow-lock-screen"})
	return nil
}

// timeoutChange sets a sleep timeout (seconds, 0 for never) to the limit;
// needed says whether it is longer or never now.
func timeoutChange(schema, key, value, text string) (c Change, needed bool, err error) {
	secs, err := desktop.GVUint(value)
	if err != nil {
		return Change{}, false, fmt.Errorf("%s %s: %w", schema, key, err)
	}
	c = Change{Schema: schema, Key: key, From: value, To: sameType(value, sleepLimit), Kind: Seconds, Never: true, Text: text}
	return c, secs == 0 || secs > sleepLimit, nil
}

// sameType writes n as a GVariant of the type value was printed in:
// gsettings prints uint32 with its type ("uint32 300") and int32 bare.
func sameType(value string, n uint64) string {
	if typ, _, ok := strings.Cut(strings.TrimSpace(value), " "); ok {
		return typ + " " + strconv.FormatUint(n, 10)
	}
	return strconv.FormatUint(n, 10)
}
