// Package fix changes a per-user setting that a check found wanting, when
// the person asks for it: a Plan says exactly what will change and from
// what, Apply changes it, and Undo puts the old values back. Mamori never
// applies a plan on its own, and only settings a user may change without
// root are fixed here (GSettings: GNOME, Cinnamon, MATE); system settings
// (updates, firewall) open the right settings page instead.
package fix

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Kind says how a value reads to a person.
type Kind string

// The kinds of value.
const (
	Switch  Kind = "switch"  // a GVariant boolean: on or off
	Seconds Kind = "seconds" // a GVariant integer of seconds
	Minutes Kind = "minutes" // a GVariant integer of minutes
	Action  Kind = "action"  // a GVariant string naming what happens: 'suspend', 'nothing'
)

// Change is one setting to change.
type Change struct {
	Schema, Key string
	// From and To are GVariant text, as gsettings prints and takes it.
	From, To string
	Kind     Kind
	// Never: a time of 0 means never (a timeout), not at once (a delay).
	Never bool `json:",omitempty"`
	// Text is the catalogue key that names the setting to a person.
	Text string
}

// Plan is what fixing a check changes.
type Plan struct {
	Check   string   `json:"check"`
	Changes []Change `json:"changes"`
}

// ErrNoFix means Mamori cannot fix this check on this desktop: the person
// is shown how instead.
var ErrNoFix = errors.New("no fix for this check on this desktop")

// ErrManaged means a setting the fix would change is locked by an
// administrator: the advice tells the person whom to ask. It is an ErrNoFix.
var ErrManaged = fmt.Errorf("%w: an administrator has locked the setting", ErrNoFix)

// For returns the plan that fixes check on the running desktop, read from
// the settings as they are now. A plan with no changes means nothing needs
// changing.
func For(ctx context.Context, sys host.System, check string) (Plan, error) {
	var (
		p   Plan
		err error
	)
	switch check {
	case "screen-lock":
		p, err = lockFor(ctx, sys)
	case "idle-power":
		p, err = powerFor(ctx, sys)
	default:
		return Plan{}, ErrNoFix
	}
	if err != nil {
		return Plan{}, err
	}
	// A setting the administrator locked cannot be changed: no plan, and
	// the check's advice says whom to ask.
	for _, c := range p.Changes {
		w, err := desktop.Writable(ctx, sys, c.Schema, c.Key)
		if err != nil {
			return Plan{}, err
		}
		if !w {
			return Plan{}, fmt.Errorf("%w (%s %s)", ErrManaged, c.Schema, c.Key)
		}
	}
	return p, nil
}

// Offered reports whether Mamori can offer to fix r on the running
// desktop, without reading anything (a notification asks this): the check
// has a plan on this desktop and no administrator's lock is behind the
// verdict. The plan itself is made when the person asks (For).
func Offered(getenv func(string) string, r monitor.Result) bool {
	if r.Status != monitor.Warn && r.Status != monitor.Critical {
		return false
	}
	if r.CheckID != "screen-lock" && r.CheckID != "idle-power" || r.Get("locked-by-administrator") != "" {
		return false
	}
	switch fam, _ := desktop.Detect(getenv); fam {
	case desktop.GNOME, desktop.Cinnamon, desktop.MATE:
		return true
	}
	return false
}

// lockFor makes the screen lock within 5 minutes of idle.
func lockFor(ctx context.Context, sys host.System) (Plan, error) {
	fam, _ := desktop.Detect(sys.Getenv)
	switch fam {
	case desktop.GNOME:
		return lockPlan(ctx, sys, "org.gnome.desktop.screensaver", "org.gnome.desktop.session", Seconds, 300, nil)
	case desktop.Cinnamon:
		return lockPlan(ctx, sys, "org.cinnamon.desktop.screensaver", "org.cinnamon.desktop.session", Seconds, 300, nil)
	case desktop.MATE:
		// MATE also needs its screensaver to start on idle at all.
		return lockPlan(ctx, sys, "org.mate.screensaver", "org.mate.session", Minutes, 5, []string{"idle-activation-enabled"})
	}
	return Plan{}, ErrNoFix
}

// lockPlan turns locking on and makes the screen lock within limit (in
// the schema's unit) of idle: idle-delay is set to the limit when it is
// off (0) or longer, and lock-delay to 0 when the two add up past it.
func lockPlan(ctx context.Context, sys host.System, saverSchema, sessionSchema string, unit Kind, limit uint64, alsoOn []string) (Plan, error) {
	saver, err := desktop.Gsettings(ctx, sys, saverSchema)
	if err != nil {
		return Plan{}, err
	}
	session, err := desktop.Gsettings(ctx, sys, sessionSchema)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Check: "screen-lock"}
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

// sleepLimit is the idle time, in seconds, the power fix sets where a
// machine sleeps later or never: the idle-power check's limit.
const sleepLimit = 30 * 60

// powerFor makes an idle machine sleep within 30 minutes, on mains and on
// battery, and lock when it wakes.
func powerFor(ctx context.Context, sys host.System) (Plan, error) {
	fam, _ := desktop.Detect(sys.Getenv)
	switch fam {
	case desktop.GNOME:
		return gnomePowerPlan(ctx, sys)
	case desktop.Cinnamon:
		return timeoutPowerPlan(ctx, sys, "org.cinnamon.settings-daemon.plugins.power", "sleep-inactive-ac-timeout", "sleep-inactive-battery-timeout", "lock-on-suspend")
	case desktop.MATE:
		return timeoutPowerPlan(ctx, sys, "org.mate.power-manager", "sleep-computer-ac", "sleep-computer-battery", "lock-suspend")
	}
	return Plan{}, ErrNoFix
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
func timeoutPowerPlan(ctx context.Context, sys host.System, schema, acKey, batteryKey, lockKey string) (Plan, error) {
	power, err := desktop.Gsettings(ctx, sys, schema)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Check: "idle-power"}
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

// Apply makes the plan's changes. If one fails, those already made are put
// back, so a plan is applied whole or not at all.
func (p Plan) Apply(ctx context.Context, run command.Runner) error {
	for i, c := range p.Changes {
		if err := set(ctx, run, c.Schema, c.Key, c.To); err != nil {
			for j := i - 1; j >= 0; j-- {
				set(ctx, run, p.Changes[j].Schema, p.Changes[j].Key, p.Changes[j].From)
			}
			return err
		}
	}
	return nil
}

// Undo puts back the values the plan found.
func (p Plan) Undo(ctx context.Context, run command.Runner) error {
	var errs []error
	for i := len(p.Changes) - 1; i >= 0; i-- {
		c := p.Changes[i]
		if err := set(ctx, run, c.Schema, c.Key, c.From); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func set(ctx context.Context, run command.Runner, schema, key, value string) error {
	if strings.ContainsAny(schema+key, " \n") {
		return fmt.Errorf("bad setting name %q %q", schema, key)
	}
	if _, err := run.Run(ctx, command.Gsettings, "set", schema, key, value); err != nil {
		return fmt.Errorf("setting %s %s: %w", schema, key, err)
	}
	return nil
}
