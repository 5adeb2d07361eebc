// Package fix changes a per-user setting that a check found wanting, when
// the person asks for it: a Plan says exactly what will change and from
// what, Apply changes it, and Undo puts the old values back. Mamori never
// applies a plan on its own, and only settings a user may change without
// root are fixed here (GSettings: GNOME, Cinnamon, MATE; xfconf: Xfce);
// system settings (updates, firewall) open the right settings page instead.
package fix

import (
	"context"
	"errors"
	"fmt"
	"runtime"
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
	Millis  Kind = "milliseconds"
)

// Tool is what a change is made with.
type Tool string

// The tools.
const (
	// GSettings: gsettings set SCHEMA KEY VALUE (GNOME, Cinnamon, MATE).
	// The zero value, so that plans kept before there were others read
	// back the same.
	GSettings Tool = ""
	// Xfconf: xfconf-query -c CHANNEL -p PROPERTY (Xfce), through xfconfd.
	Xfconf Tool = "xfconf"
	// KConfig: kwriteconfig6 (or 5) --file FILE --group GROUP --key KEY
	// (KDE); Key is "Group/Key".
	KConfig Tool = "kconfig"
	// WinDesktop: a REG_SZ value of HKCU\Control Panel\Desktop (Windows'
	// screen saver), Windows then told of it (SystemParametersInfo).
	WinDesktop Tool = "windows-desktop"
)

// Change is one setting to change.
type Change struct {
	Tool Tool `json:",omitempty"`
	// Schema and Key name the setting: a GSettings schema and key, an
	// xfconf channel and property, or a KDE config file and "Group/Key".
	Schema, Key string
	// From and To are the values as the tool prints and takes them
	// (GVariant text for gsettings). For xfconf and KDE, From "" means
	// the setting was not set: Undo removes it again, back to its default.
	From, To string
	Kind     Kind
	// Never: a time of 0 means never (a timeout), not at once (a delay).
	Never bool `json:",omitempty"`
	// FromShown and ToShown, when set, are From and To as a person should
	// read them, where the tool's value reads otherwise: xfce4-power-
	// manager's 14 (or an unset property, its default) means never, 0;
	// PowerDevil's action 1 is suspend.
	FromShown string `json:",omitempty"`
	ToShown   string `json:",omitempty"`
	// Text is the catalogue key that names the setting to a person.
	Text string
}

// Plan is what fixing a check changes.
type Plan struct {
	Check   string   `json:"check"`
	Changes []Change `json:"changes"`
	// Reload names the daemons told to read their settings again after
	// the changes, and after Undo: "kscreenlocker", "powerdevil" (KDE
	// reads its files only when told).
	Reload []string `json:"reload,omitempty"`
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
	// the check's advice says whom to ask. (Xfce's kiosk locks are not
	// read: xfconf-query fails on them, and Apply then undoes the rest.)
	for _, c := range p.Changes {
		if c.Tool != GSettings {
			continue
		}
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
	if runtime.GOOS == "windows" {
		return r.CheckID == "screen-lock"
	}
	switch fam, _ := desktop.Detect(getenv); fam {
	case desktop.GNOME, desktop.Cinnamon, desktop.MATE, desktop.XFCE:
		return true
	case desktop.KDE:
		return true
	}
	return false
}

// lockFor makes the screen lock within 5 minutes of idle.
func lockFor(ctx context.Context, sys host.System) (Plan, error) {
	if sys.Registry != nil {
		return windowsLockPlan(sys.Registry)
	}
	fam, _ := desktop.Detect(sys.Getenv)
	switch fam {
	case desktop.GNOME:
		return lockPlan(ctx, sys, "org.gnome.desktop.screensaver", "org.gnome.desktop.session", Seconds, 300, nil)
	case desktop.Cinnamon:
		return lockPlan(ctx, sys, "org.cinnamon.desktop.screensaver", "org.cinnamon.desktop.session", Seconds, 300, nil)
	case desktop.MATE:
		// MATE also needs its screensaver to start on idle at all.
		return lockPlan(ctx, sys, "org.mate.screensaver", "org.mate.session", Minutes, 5, []string{"idle-activation-enabled"})
	case desktop.XFCE:
		return xfceLockPlan(ctx, sys)
	case desktop.KDE:
		return kdeLockPlan(sys)
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
	case desktop.XFCE:
		return xfcePowerPlan(ctx, sys)
	case desktop.KDE:
		return kdePowerPlan(sys)
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
		if err := set(ctx, run, c, c.To); err != nil {
			for j := i - 1; j >= 0; j-- {
				set(ctx, run, p.Changes[j], p.Changes[j].From)
			}
			p.reload(ctx, run)
			return err
		}
	}
	p.reload(ctx, run)
	return nil
}

// reload tells the plan's daemon to read its settings again. Where it is
// not running (or not answering) the files are changed all the same, and it
// reads them when it starts.
func (p Plan) reload(ctx context.Context, run command.Runner) {
	// As KDE's own settings pages do. --print-reply: the call is done when
	// dbus-send returns.
	for _, d := range p.Reload {
		switch d {
		case "kscreenlocker":
			run.Run(ctx, command.DBusSend, "--session", "--print-reply", "--reply-timeout=2000", "--type=method_call", "--dest=org.kde.screensaver", "/ScreenSaver", "org.kde.screensaver.configure")
		case "powerdevil":
			run.Run(ctx, command.DBusSend, "--session", "--print-reply", "--reply-timeout=2000", "--type=method_call", "--dest=org.kde.Solid.PowerManagement", "/org/kde/Solid/PowerManagement", "org.kde.Solid.PowerManagement.refreshStatus")
		}
	}
}

// Undo puts back the values the plan found.
func (p Plan) Undo(ctx context.Context, run command.Runner) error {
	var errs []error
	for i := len(p.Changes) - 1; i >= 0; i-- {
		c := p.Changes[i]
		if err := set(ctx, run, c, c.From); err != nil {
			errs = append(errs, err)
		}
	}
	p.reload(ctx, run)
	return errors.Join(errs...)
}

// set gives c's setting value.
func set(ctx context.Context, run command.Runner, c Change, value string) error {
	// Names go to programs as arguments; the registry's key is fixed.
	if c.Tool != WinDesktop && (strings.ContainsAny(c.Schema+c.Key, " \n") || strings.HasPrefix(c.Schema+c.Key, "-")) {
		return fmt.Errorf("bad setting name %q %q", c.Schema, c.Key)
	}
	var err error
	switch c.Tool {
	case GSettings:
		_, err = run.Run(ctx, command.Gsettings, "set", c.Schema, c.Key, value)
	case Xfconf:
		args := []string{"-c", c.Schema, "-p", c.Key}
		if value == "" {
			args = append(args, "-r") // it was not set: back to its default
		} else {
			args = append(args, "-n", "-t", xfconfType(c.Kind), "-s", value)
		}
		_, err = run.Run(ctx, command.XfconfQuery, args...)
	case KConfig:
		err = kwrite(ctx, run, c, value)
	case WinDesktop:
		err = setWinDesktop(c.Key, value)
	default:
		err = fmt.Errorf("no tool %q", c.Tool)
	}
	if err != nil {
		return fmt.Errorf("setting %s %s: %w", c.Schema, c.Key, err)
	}
	return nil
}

// kwrite writes (or, for "", deletes) a KDE setting with kwriteconfig.
func kwrite(ctx context.Context, run command.Runner, c Change, value string) error {
	prog := command.KWriteConfig6
	if !run.Has(prog) {
		prog = command.KWriteConfig5
	}
	parts := strings.Split(c.Key, "/")
	args := []string{"--file", c.Schema}
	for _, g := range parts[:len(parts)-1] {
		args = append(args, "--group", g)
	}
	args = append(args, "--key", parts[len(parts)-1])
	if value == "" {
		args = append(args, "--delete")
	} else {
		if c.Kind == Switch {
			args = append(args, "--type", "bool")
		}
		args = append(args, value)
	}
	_, err := run.Run(ctx, prog, args...)
	return err
}

// kdeLockPlan: kscreenlocker locks Timeout minutes after the last input
// when Autolock is on; a LockGrace of over a minute (seconds) lets anyone
// undo the lock without a password, so it counts as delay. The values in
// effect are the system's defaults under the person's file; From is what
// the person's file itself says, so Undo puts that file back as it was.
func kdeLockPlan(sys host.System) (Plan, error) {
	const file = "kscreenlockerrc"
	cfg, _, err := desktop.ReadKConfig(sys, file)
	if err != nil {
		return Plan{}, err
	}
	own := desktop.KConfig{}
	if data, err := sys.ReadFile(desktop.KConfigPaths(sys, file)[1]); err == nil {
		own = desktop.ParseKConfig(data)
	}
	p := Plan{Check: "screen-lock", Reload: []string{"kscreenlocker"}}
	change := func(key, to string, kind Kind, text string) Change {
		return Change{Tool: KConfig, Schema: file, Key: "Daemon/" + key, From: own["Daemon"][key], To: to, Kind: kind, Text: text}
	}
	if auto, ok, err := cfg.Bool("Daemon", "Autolock"); err != nil {
		return Plan{}, err
	} else if ok && !auto {
		c := change("Autolock", "true", Switch, "fix.lock-enabled")
		c.FromShown = "false"
		p.Changes = append(p.Changes, c)
	}
	timeout, ok, err := cfg.Int("Daemon", "Timeout")
	if err != nil {
		return Plan{}, err
	}
	if !ok {
		timeout = 5
	}
	if timeout <= 0 || timeout > 5 {
		c := change("Timeout", "5", Minutes, "fix.idle-delay")
		c.Never, c.FromShown = true, strconv.FormatInt(timeout, 10)
		p.Changes = append(p.Changes, c)
		timeout = 5
	}
	if grace, ok, err := cfg.Int("Daemon", "LockGrace"); err != nil {
		return Plan{}, err
	} else if ok && grace > 60 && timeout*60+grace > 300 {
		c := change("LockGrace", "5", Seconds, "fix.lock-grace")
		c.FromShown = strconv.FormatInt(grace, 10)
		p.Changes = append(p.Changes, c)
	}
	// What an administrator locked in /etc/xdg ([$i]) kwriteconfig would
	// write to the person's file in vain.
	for _, c := range p.Changes {
		if key := strings.TrimPrefix(c.Key, "Daemon/"); cfg.Immutable("Daemon", key) {
			return Plan{}, fmt.Errorf("%w (%s [Daemon] %s)", ErrManaged, file, key)
		}
	}
	return p, nil
}

// kdePowerPlan: PowerDevil suspends an idle machine per power profile
// (Plasma 6: powerdevilrc [AC|Battery][SuspendAndShutdown], an action, 1
// for sleep, and a timeout in seconds; Plasma 5:
// powermanagementprofilesrc [AC|Battery][SuspendSession], present when on,
// idleTime in milliseconds); kscreenlocker locks on resume unless
// LockOnResume is off.
func kdePowerPlan(sys host.System) (Plan, error) {
	p := Plan{Check: "idle-power"}
	own := func(file string) desktop.KConfig {
		data, err := sys.ReadFile(desktop.KConfigPaths(sys, file)[1])
		if err != nil {
			return desktop.KConfig{}
		}
		return desktop.ParseKConfig(data)
	}
	plasma5 := sys.Getenv("KDE_SESSION_VERSION") == "5"
	file, group := "powerdevilrc", "SuspendAndShutdown"
	if plasma5 {
		file, group = "powermanagementprofilesrc", "SuspendSession"
	}
	cfg, _, err := desktop.ReadKConfig(sys, file)
	if err != nil {
		return Plan{}, err
	}
	mine := own(file)
	for _, profile := range []string{"AC", "Battery"} {
		g := profile + "/" + group
		change := func(key, to string, kind Kind, text string) Change {
			return Change{Tool: KConfig, Schema: file, Key: g + "/" + key, From: mine[g][key], To: to, Kind: kind, Text: text}
		}
		lower := strings.ToLower(profile)
		if plasma5 {
			ms, ok, err := cfg.Int(g, "idleTime")
			if err != nil {
				return Plan{}, err
			}
			_, on := cfg[g]
			if on && ok && ms > 0 && ms <= sleepLimit*1000 {
				continue
			}
			if !on {
				// No group: PowerDevil does not suspend at all. Sleep, as
				// its settings page writes it.
				c := change("suspendType", "1", Action, "fix.sleep-"+lower+"-action")
				c.FromShown, c.ToShown = "nothing", "suspend"
				p.Changes = append(p.Changes, c)
			}
			c := change("idleTime", strconv.Itoa(sleepLimit*1000), Millis, "fix.sleep-"+lower+"-after")
			c.Never = true
			if !on {
				c.FromShown = "0"
			}
			p.Changes = append(p.Changes, c)
			continue
		}
		action, ok, err := cfg.Int(g, "AutoSuspendAction")
		if err != nil {
			return Plan{}, err
		}
		if ok && action == 0 {
			c := change("AutoSuspendAction", "1", Action, "fix.sleep-"+lower+"-action")
			c.FromShown, c.ToShown = "nothing", "suspend"
			p.Changes = append(p.Changes, c)
		}
		secs, ok, err := cfg.Int(g, "AutoSuspendIdleTimeoutSec")
		if err != nil {
			return Plan{}, err
		}
		if !ok || secs <= 0 || secs > sleepLimit {
			p.Changes = append(p.Changes, change("AutoSuspendIdleTimeoutSec", strconv.Itoa(sleepLimit), Seconds, "fix.sleep-"+lower+"-after"))
		}
	}
	if len(p.Changes) > 0 {
		p.Reload = append(p.Reload, "powerdevil")
	}
	lock, _, err := desktop.ReadKConfig(sys, "kscreenlockerrc")
	if err != nil {
		return Plan{}, err
	}
	if on, ok, err := lock.Bool("Daemon", "LockOnResume"); err != nil {
		return Plan{}, err
	} else if ok && !on {
		c := Change{Tool: KConfig, Schema: "kscreenlockerrc", Key: "Daemon/LockOnResume", From: own("kscreenlockerrc")["Daemon"]["LockOnResume"], To: "true", Kind: Switch, FromShown: "false", Text: "fix.lock-on-wake"}
		p.Changes = append(p.Changes, c)
		p.Reload = append(p.Reload, "kscreenlocker")
	}
	return p, nil
}

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
