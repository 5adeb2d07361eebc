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

func xf(channel, prop string) Setting { return Setting{Tool: Xfconf, Schema: channel, Key: prop} }

// xfLock: xfce4-screensaver locks when both lock switches are on, after
// its saver starts on idle (both saver switches on and a delay in
// minutes), plus the lock delay.
type xfLock struct {
	on          []named
	idle, delay Setting
}

var xfceLock = func() xfLock {
	const channel = "xfce4-screensaver"
	return xfLock{
		on: []named{
			{xf(channel, "/lock/enabled"), "fix.lock-enabled"},
			{xf(channel, "/lock/saver-activation/enabled"), "fix.lock-with-saver"},
			{xf(channel, "/saver/enabled"), "fix.saver-enabled"},
			{xf(channel, "/saver/idle-activation/enabled"), "fix.idle-activation-enabled"},
		},
		idle:  xf(channel, "/saver/idle-activation/delay"),
		delay: xf(channel, "/lock/saver-activation/delay"),
	}
}()

func (l xfLock) Plan(ctx context.Context, sys host.System) (Plan, error) {
	// Without xfce4-screensaver (light-locker locks the session) its
	// channel changes nothing: no fix rather than one that does nothing.
	if !sys.Exists("/usr/bin/xfce4-screensaver") {
		return Plan{}, ErrNoFix
	}
	ch, _, err := desktop.ReadXfconf(ctx, sys, l.idle.Schema)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Check: "screen-lock"}
	for _, s := range l.on {
		on, err := ch.Bool(s.Key, true)
		if err != nil {
			return Plan{}, err
		}
		if !on {
			p.Changes = append(p.Changes, s.Change(ch[s.Key], "true", Switch, s.text))
		}
	}
	limit := int64(lockMinutes)
	idle, err := ch.Int(l.idle.Key, limit)
	if err != nil {
		return Plan{}, err
	}
	delay, err := ch.Int(l.delay.Key, 0)
	if err != nil {
		return Plan{}, err
	}
	if idle <= 0 || idle > limit {
		c := l.idle.Change(ch[l.idle.Key], strconv.FormatInt(limit, 10), Minutes, "fix.idle-delay")
		c.Never = true
		p.Changes = append(p.Changes, c)
		idle = limit
	}
	if idle+delay > limit {
		p.Changes = append(p.Changes, l.delay.Change(ch[l.delay.Key], "0", Minutes, "fix.lock-delay"))
	}
	return p, nil
}

// xfPower: xfce4-power-manager sleeps after a number of minutes per power
// source (14, its slider's lowest stop, and 0 mean never) and locks on
// sleep when lock-screen-suspend-hibernate is on.
type xfPower struct {
	timeouts []named
	lock     Setting
}

var xfcePower = func() xfPower {
	const channel = "xfce4-power-manager"
	return xfPower{
		timeouts: []named{
			{xf(channel, "/xfce4-power-manager/inactivity-on-ac"), "fix.sleep-ac-after"},
			{xf(channel, "/xfce4-power-manager/inactivity-on-battery"), "fix.sleep-battery-after"},
		},
		lock: xf(channel, "/xfce4-power-manager/lock-screen-suspend-hibernate"),
	}
}()

func (x xfPower) Plan(ctx context.Context, sys host.System) (Plan, error) {
	ch, _, err := desktop.ReadXfconf(ctx, sys, x.lock.Schema)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Check: "idle-power"}
	limit := int64(sleepLimit / 60) // minutes
	for _, s := range x.timeouts {
		mins, err := ch.Int(s.Key, 14)
		if err != nil {
			return Plan{}, err
		}
		c := s.Change(ch[s.Key], strconv.FormatInt(limit, 10), Minutes, s.text)
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
		return Plan{}, err
	}
	if !on {
		p.Changes = append(p.Changes, x.lock.Change(ch[x.lock.Key], "true", Switch, "fix.lock-on-wake"))
	}
	return p, nil
}
