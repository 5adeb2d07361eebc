package fix

import (
	"context"
	"strconv"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
)

// Xfce: xfconf-query, through xfconfd.

// xfconfType is the type xfconf-query creates a property with; a property
// that exists keeps its own.
func xfconfType(k Kind) string {
	if k == Switch {
		return "bool"
	}
	return "int"
}

// xfceLockPlan: xfce4-screensaver locks when both lock switches are on,
// after its saver starts on idle (both saver switches on and a delay in
// minutes), plus the lock delay.
func xfceLockPlan(ctx context.Context, sys host.System) (Plan, error) {
	const channel = "xfce4-screensaver"
	ch, _, err := desktop.ReadXfconf(ctx, sys, channel)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Check: "screen-lock"}
	for _, s := range []struct{ prop, text string }{
		{"/lock/enabled", "fix.lock-enabled"},
		{"/lock/saver-activation/enabled", "fix.lock-with-saver"},
		{"/saver/enabled", "fix.saver-enabled"},
		{"/saver/idle-activation/enabled", "fix.idle-activation-enabled"},
	} {
		on, err := ch.Bool(s.prop, true)
		if err != nil {
			return Plan{}, err
		}
		if !on {
			p.Changes = append(p.Changes, Change{Tool: Xfconf, Schema: channel, Key: s.prop, From: ch[s.prop], To: "true", Kind: Switch, Text: s.text})
		}
	}
	const limit = 5 // minutes
	idle, err := ch.Int("/saver/idle-activation/delay", 5)
	if err != nil {
		return Plan{}, err
	}
	delay, err := ch.Int("/lock/saver-activation/delay", 0)
	if err != nil {
		return Plan{}, err
	}
	if idle <= 0 || idle > limit {
		p.Changes = append(p.Changes, Change{Tool: Xfconf, Schema: channel, Key: "/saver/idle-activation/delay", From: ch["/saver/idle-activation/delay"], To: strconv.Itoa(limit), Kind: Minutes, Never: true, Text: "fix.idle-delay"})
		idle = limit
	}
	if idle+delay > limit {
		p.Changes = append(p.Changes, Change{Tool: Xfconf, Schema: channel, Key: "/lock/saver-activation/delay", From: ch["/lock/saver-activation/delay"], To: "0", Kind: Minutes, Text: "fix.lock-delay"})
	}
	return p, nil
}

// xfcePowerPlan: xfce4-power-manager sleeps after a number of minutes per
// power source (14, its slider's lowest stop, and 0 mean never) and locks
// on sleep when lock-screen-suspend-hibernate is on.
func xfcePowerPlan(ctx context.Context, sys host.System) (Plan, error) {
	const channel = "xfce4-power-manager"
	ch, _, err := desktop.ReadXfconf(ctx, sys, channel)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Check: "idle-power"}
	const limit = sleepLimit / 60 // minutes
	for _, s := range []struct{ prop, text string }{
		{"/xfce4-power-manager/inactivity-on-ac", "fix.sleep-ac-after"},
		{"/xfce4-power-manager/inactivity-on-battery", "fix.sleep-battery-after"},
	} {
		mins, err := ch.Int(s.prop, 14)
		if err != nil {
			return Plan{}, err
		}
		c := Change{Tool: Xfconf, Schema: channel, Key: s.prop, From: ch[s.prop], To: strconv.Itoa(limit), Kind: Minutes, Never: true, Text: s.text}
		switch {
		case mins == 14 || mins <= 0:
			c.FromShown = "0" // never
		case mins <= limit:
			continue
		}
		p.Changes = append(p.Changes, c)
	}
	const lockProp = "/xfce4-power-manager/lock-screen-suspend-hibernate"
	on, err := ch.Bool(lockProp, true)
	if err != nil {
		return Plan{}, err
	}
	if !on {
		p.Changes = append(p.Changes, Change{Tool: Xfconf, Schema: channel, Key: lockProp, From: ch[lockProp], To: "true", Kind: Switch, Text: "fix.lock-on-wake"})
	}
	return p, nil
}
