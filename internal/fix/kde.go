package fix

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
)

// KDE: kwriteconfig writes the person's own files; the daemons are told.

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

func kc(file, key string) Setting { return Setting{Tool: KConfig, Schema: file, Key: key} }

// ownKConfig is the person's own copy of a KDE file (not the system's
// defaults under it): what kwriteconfig writes, and what Undo puts back.
func ownKConfig(sys host.System, file string) desktop.KConfig {
	data, err := sys.ReadFile(desktop.KConfigPaths(sys, file)[1])
	if err != nil {
		return desktop.KConfig{}
	}
	return desktop.ParseKConfig(data)
}

// kLock: kscreenlocker locks Timeout minutes after the last input when
// Autolock is on; a LockGrace of over a minute (seconds) lets anyone undo
// the lock without a password, so it counts as delay. The values in effect
// are the system's defaults under the person's file; From is what the
// person's file itself says, so Undo puts that file back as it was.
type kLock struct{ autolock, timeout, grace Setting }

var kdeLock = kLock{
	autolock: kc("kscreenlockerrc", "Daemon/Autolock"),
	timeout:  kc("kscreenlockerrc", "Daemon/Timeout"),
	grace:    kc("kscreenlockerrc", "Daemon/LockGrace"),
}

func (l kLock) Plan(_ context.Context, sys host.System) (Plan, error) {
	file := l.autolock.Schema
	cfg, _, err := desktop.ReadKConfig(sys, file)
	if err != nil {
		return Plan{}, err
	}
	own := ownKConfig(sys, file)
	p := Plan{Check: "screen-lock", Reload: []string{"kscreenlocker"}}
	change := func(s Setting, to string, kind Kind, text string) Change {
		return s.Change(own[s.Group()][s.Name()], to, kind, text)
	}
	if auto, ok, err := cfg.Bool(l.autolock.Group(), l.autolock.Name()); err != nil {
		return Plan{}, err
	} else if ok && !auto {
		c := change(l.autolock, "true", Switch, "fix.lock-enabled")
		c.FromShown = "false"
		p.Changes = append(p.Changes, c)
	}
	timeout, ok, err := cfg.Int(l.timeout.Group(), l.timeout.Name())
	if err != nil {
		return Plan{}, err
	}
	limit := int64(lockMinutes)
	if !ok {
		timeout = limit
	}
	if timeout <= 0 || timeout > limit {
		c := change(l.timeout, strconv.FormatInt(limit, 10), Minutes, "fix.idle-delay")
		c.Never, c.FromShown = true, strconv.FormatInt(timeout, 10)
		p.Changes = append(p.Changes, c)
		timeout = limit
	}
	if grace, ok, err := cfg.Int(l.grace.Group(), l.grace.Name()); err != nil {
		return Plan{}, err
	} else if ok && grace > 60 && timeout*60+grace > int64(lockSeconds) {
		c := change(l.grace, "5", Seconds, "fix.lock-grace")
		c.FromShown = strconv.FormatInt(grace, 10)
		p.Changes = append(p.Changes, c)
	}
	// What an administrator locked in /etc/xdg ([$i]) kwriteconfig would
	// write to the person's file in vain.
	for _, c := range p.Changes {
		if s := (Setting{c.Tool, c.Schema, c.Key}); cfg.Immutable(s.Group(), s.Name()) {
			return Plan{}, fmt.Errorf("%w (%s [%s] %s)", ErrManaged, file, s.Group(), s.Name())
		}
	}
	return p, nil
}

// kPower: PowerDevil suspends an idle machine per power profile (Plasma 6:
// powerdevilrc [AC|Battery][SuspendAndShutdown], an action, 1 for sleep,
// and a timeout in seconds; Plasma 5: powermanagementprofilesrc
// [AC|Battery][SuspendSession], present when on, idleTime in
// milliseconds); kscreenlocker locks on resume unless LockOnResume is off.
type kPower struct {
	plasma6, plasma5 []kProfile
	lockOnResume     Setting
}

// kProfile is one power profile's idle sleep.
type kProfile struct {
	name            string // "ac", "battery"
	action, timeout Setting
}

var kdePower = func() kPower {
	p := kPower{lockOnResume: kc("kscreenlockerrc", "Daemon/LockOnResume")}
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
}()

func (k kPower) Plan(_ context.Context, sys host.System) (Plan, error) {
	p := Plan{Check: "idle-power"}
	plasma5 := sys.Getenv("KDE_SESSION_VERSION") == "5"
	profiles := k.plasma6
	if plasma5 {
		profiles = k.plasma5
	}
	file := profiles[0].action.Schema
	cfg, _, err := desktop.ReadKConfig(sys, file)
	if err != nil {
		return Plan{}, err
	}
	mine := ownKConfig(sys, file)
	for _, prof := range profiles {
		g := prof.action.Group()
		change := func(s Setting, to string, kind Kind, text string) Change {
			return s.Change(mine[g][s.Name()], to, kind, text)
		}
		if plasma5 {
			ms, ok, err := cfg.Int(g, prof.timeout.Name())
			if err != nil {
				return Plan{}, err
			}
			_, on := cfg[g]
			if on && ok && ms > 0 && ms <= int64(sleepLimit)*1000 {
				continue
			}
			if !on {
				// No group: PowerDevil does not suspend at all. Sleep, as
				// its settings page writes it.
				c := change(prof.action, "1", Action, "fix.sleep-"+prof.name+"-action")
				c.FromShown, c.ToShown = "nothing", "suspend"
				p.Changes = append(p.Changes, c)
			}
			c := change(prof.timeout, strconv.Itoa(sleepLimit*1000), Millis, "fix.sleep-"+prof.name+"-after")
			c.Never = true
			if !on {
				c.FromShown = "0"
			}
			p.Changes = append(p.Changes, c)
			continue
		}
		action, ok, err := cfg.Int(g, prof.action.Name())
		if err != nil {
			return Plan{}, err
		}
		if ok && action == 0 {
			c := change(prof.action, "1", Action, "fix.sleep-"+prof.name+"-action")
			c.FromShown, c.ToShown = "nothing", "suspend"
			p.Changes = append(p.Changes, c)
		}
		secs, ok, err := cfg.Int(g, prof.timeout.Name())
		if err != nil {
			return Plan{}, err
		}
		if !ok || secs <= 0 || secs > int64(sleepLimit) {
			p.Changes = append(p.Changes, change(prof.timeout, strconv.Itoa(sleepLimit), Seconds, "fix.sleep-"+prof.name+"-after"))
		}
	}
	if len(p.Changes) > 0 {
		p.Reload = append(p.Reload, "powerdevil")
	}
	l := k.lockOnResume
	lock, _, err := desktop.ReadKConfig(sys, l.Schema)
	if err != nil {
		return Plan{}, err
	}
	if on, ok, err := lock.Bool(l.Group(), l.Name()); err != nil {
		return Plan{}, err
	} else if ok && !on {
		c := l.Change(ownKConfig(sys, l.Schema)[l.Group()][l.Name()], "true", Switch, "fix.lock-on-wake")
		c.FromShown = "false"
		p.Changes = append(p.Changes, c)
		p.Reload = append(p.Reload, "kscreenlocker")
	}
	return p, nil
}
