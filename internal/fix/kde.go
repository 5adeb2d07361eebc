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
