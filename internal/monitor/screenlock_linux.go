package monitor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"time"

	"github.com/mamori-project/mamori/internal/command"
)

// readLockPolicy reads the lock policy of the running desktop. When it cannot,
// it returns ok false and the Unknown result that says why.
func readLockPolicy(ctx context.Context, sys System) (lockPolicy, Result, bool) {
	desk, raw := detectDesktop(sys.Getenv)
	var (
		p   lockPolicy
		err error
	)
	switch desk {
	case deskGNOME:
		p, err = gsettingsLock(ctx, sys, "org.gnome.desktop.screensaver", "org.gnome.desktop.session", time.Second)
	case deskCinnamon:
		p, err = gsettingsLock(ctx, sys, "org.cinnamon.desktop.screensaver", "org.cinnamon.desktop.session", time.Second)
	case deskMATE:
		p, err = mateLock(ctx, sys)
	case deskKDE:
		p, err = kdeLock(sys)
	case deskXFCE:
		p, err = xfceLock(sys)
	default:
		return p, noDesktop("screen-lock", raw), false
	}
	if err != nil {
		return p, Unknownf("screen-lock", "%v", err), false
	}
	p.Desktop = raw
	return p, Result{}, true
}

// noDesktop is the Unknown result for a session whose desktop Mamori cannot
// read settings from.
func noDesktop(advice, raw string) Result {
	r := Result{Status: Unknown, Advice: advice}
	if raw == "" {
		r.Finding = T("finding.no-desktop")
	} else {
		r.Finding = T("finding.unsupported-desktop", "Desktop", raw)
	}
	r.Add("XDG_CURRENT_DESKTOP", raw)
	return r
}

// gsettings reads every key of a schema with one run of gsettings.
func gsettings(ctx context.Context, sys System, schema string) (map[string]string, error) {
	out, err := sys.Cmd.Run(ctx, command.Gsettings, "list-recursively", schema)
	if err != nil {
		var exit *command.ExitError
		if errors.As(err, &exit) {
			return nil, fmt.Errorf("reading %s: schema not available (%v)", schema, err)
		}
		return nil, fmt.Errorf("reading %s: %w", schema, err)
	}
	return parseGsettingsList(schema, out)
}

// gsettingsLock reads the GNOME-style keys (also used by Cinnamon): the
// screensaver's lock-enabled and lock-delay, the session's idle-delay.
// unit is the unit of the delays (seconds for GNOME).
func gsettingsLock(ctx context.Context, sys System, saverSchema, sessionSchema string, unit time.Duration) (lockPolicy, error) {
	saver, err := gsettings(ctx, sys, saverSchema)
	if err != nil {
		return lockPolicy{}, err
	}
	session, err := gsettings(ctx, sys, sessionSchema)
	if err != nil {
		return lockPolicy{}, err
	}
	p := lockPolicy{Source: "gsettings " + saverSchema}
	if p.Enabled, err = gvBool(saver["lock-enabled"]); err != nil {
		return p, fmt.Errorf("%s lock-enabled: %w", saverSchema, err)
	}
	delay, err := gvUint(saver["lock-delay"])
	if err != nil {
		return p, fmt.Errorf("%s lock-delay: %w", saverSchema, err)
	}
	idle, err := gvUint(session["idle-delay"])
	if err != nil {
		return p, fmt.Errorf("%s idle-delay: %w", sessionSchema, err)
	}
	p.Delay, p.Idle = time.Duration(delay)*unit, time.Duration(idle)*unit
	return p, nil
}

// mateLock reads MATE's screensaver, whose delays are in minutes.
func mateLock(ctx context.Context, sys System) (lockPolicy, error) {
	saver, err := gsettings(ctx, sys, "org.mate.screensaver")
	if err != nil {
		return lockPolicy{}, err
	}
	session, err := gsettings(ctx, sys, "org.mate.session")
	if err != nil {
		return lockPolicy{}, err
	}
	p := lockPolicy{Source: "gsettings org.mate.screensaver"}
	lock, err := gvBool(saver["lock-enabled"])
	if err != nil {
		return p, fmt.Errorf("org.mate.screensaver lock-enabled: %w", err)
	}
	active, err := gvBool(saver["idle-activation-enabled"])
	if err != nil {
		return p, fmt.Errorf("org.mate.screensaver idle-activation-enabled: %w", err)
	}
	delay, err := gvUint(saver["lock-delay"])
	if err != nil {
		return p, fmt.Errorf("org.mate.screensaver lock-delay: %w", err)
	}
	idle, err := gvUint(session["idle-delay"])
	if err != nil {
		return p, fmt.Errorf("org.mate.session idle-delay: %w", err)
	}
	p.Enabled = lock
	if active {
		p.Idle = time.Duration(idle) * time.Minute
	}
	p.Delay = time.Duration(delay) * time.Minute
	return p, nil
}

// kconfigPaths lists where a KDE config file is read from, system default
// first.
func kconfigPaths(sys System, name string) []string {
	return []string{path.Join("/etc/xdg", name), path.Join(sys.configHome(), name)}
}

// readKConfig reads a KDE config file as KConfig cascades it: the system
// default in /etc/xdg under the user's file. A missing file is not an error.
func readKConfig(sys System, name string) (kconfig, []string, error) {
	cfg := kconfig{}
	var read []string
	for _, p := range kconfigPaths(sys, name) {
		data, err := sys.readFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s: %w", p, err)
		}
		cfg.merge(parseKConfig(data))
		read = append(read, p)
	}
	return cfg, read, nil
}

// kdeLock reads kscreenlockerrc. Absent keys take kscreenlocker's own
// defaults: Autolock on, Timeout 5 minutes, LockGrace 5 seconds.
func kdeLock(sys System) (lockPolicy, error) {
	cfg, read, err := readKConfig(sys, "kscreenlockerrc")
	if err != nil {
		return lockPolicy{}, err
	}
	p := lockPolicy{Source: "kscreenlockerrc (defaults)"}
	if len(read) > 0 {
		p.Source = read[len(read)-1]
	}
	auto, ok, err := cfg.kBool("Daemon", "Autolock")
	if err != nil {
		return p, err
	}
	p.Enabled = auto || !ok
	timeout, ok, err := cfg.kInt("Daemon", "Timeout")
	if err != nil {
		return p, err
	}
	if !ok {
		timeout = 5
	}
	grace, ok, err := cfg.kInt("Daemon", "LockGrace")
	if err != nil {
		return p, err
	}
	if !ok {
		grace = 5
	}
	if timeout < 0 || grace < 0 {
		return p, fmt.Errorf("kscreenlockerrc: negative Timeout or LockGrace")
	}
	p.Idle = time.Duration(timeout) * time.Minute
	// LockGrace lets a touch of the mouse undo a lock that has just
	// engaged, without a password. A few seconds (the default 5) does not
	// leave the machine open; a long grace does, so it counts as delay.
	if g := time.Duration(grace) * time.Second; g > time.Minute {
		p.Delay = g
	}
	return p, nil
}

// xfconfPaths lists where an xfconf channel is read from, the user's file
// first.
func xfconfPaths(sys System, channel string) []string {
	rel := path.Join("xfce4/xfconf/xfce-perchannel-xml", channel+".xml")
	return []string{path.Join(sys.configHome(), rel), path.Join("/etc/xdg", rel)}
}

// readXfconf reads an xfconf channel: the user's file, or the system default.
// A channel with no file at all is empty: every property takes its default.
func readXfconf(sys System, channel string) (xfconfChannel, string, error) {
	for _, p := range xfconfPaths(sys, channel) {
		data, err := sys.readFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, "", fmt.Errorf("reading %s: %w", p, err)
		}
		ch, err := parseXfconf(data)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", p, err)
		}
		return ch, p, nil
	}
	return xfconfChannel{}, channel + " (defaults)", nil
}

// xfceLock reads xfce4-screensaver's channel, with its own defaults for
// absent properties (gs-prefs.h): lock on, idle after 5 minutes, lock at once.
func xfceLock(sys System) (lockPolicy, error) {
	if !sys.exists("/usr/bin/xfce4-screensaver") {
		return lockPolicy{}, fmt.Errorf("xfce4-screensaver is not installed; Mamori does not read other Xfce lockers (light-locker, xscreensaver) yet")
	}
	ch, src, err := readXfconf(sys, "xfce4-screensaver")
	if err != nil {
		return lockPolicy{}, err
	}
	p := lockPolicy{Source: src}
	saver, err := ch.xBool("/saver/enabled", true)
	if err != nil {
		return p, err
	}
	idleOn, err := ch.xBool("/saver/idle-activation/enabled", true)
	if err != nil {
		return p, err
	}
	idle, err := ch.xInt("/saver/idle-activation/delay", 5)
	if err != nil {
		return p, err
	}
	lock, err := ch.xBool("/lock/enabled", true)
	if err != nil {
		return p, err
	}
	withSaver, err := ch.xBool("/lock/saver-activation/enabled", true)
	if err != nil {
		return p, err
	}
	delay, err := ch.xInt("/lock/saver-activation/delay", 0)
	if err != nil {
		return p, err
	}
	p.Enabled = lock && withSaver
	if saver && idleOn && idle > 0 {
		p.Idle = time.Duration(idle) * time.Minute
	}
	p.Delay = time.Duration(delay) * time.Minute
	return p, nil
}
