package check

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// lockTriggers are the settings the lock readers below read: dconf's paths
// for GNOME, Cinnamon and MATE, KDE's and Xfce's files.
func lockTriggers(sys host.System) []monitor.Trigger {
	t := dconfTriggers(
		"/org/gnome/desktop/screensaver/", "/org/gnome/desktop/session/",
		"/org/cinnamon/desktop/screensaver/", "/org/cinnamon/desktop/session/",
		"/org/mate/screensaver/", "/org/mate/desktop/session/",
		// The lockdown, which forbids locking whatever the rest say.
		"/org/gnome/desktop/lockdown/", "/org/cinnamon/desktop/lockdown/", "/org/mate/desktop/lockdown/",
		// light-locker, Xfce's locker on Debian.
		"/apps/light-locker/",
	)
	t = append(t, fileTriggers(desktop.KConfigPaths(sys, "kscreenlockerrc")...)...)
	t = append(t, fileTriggers(desktop.XfconfPaths(sys, "xfce4-screensaver")...)...)
	// When the screen blanks, which starts light-locker's count.
	return append(t, fileTriggers(desktop.XfconfPaths(sys, "xfce4-power-manager")...)...)
}

// readLockPolicy reads the lock policy of the running desktop.
func readLockPolicy(ctx context.Context, sys host.System) (lockPolicy, error) {
	desk, raw := desktop.Detect(sys.Getenv)
	var (
		p   lockPolicy
		err error
	)
	switch desk {
	case desktop.GNOME:
		p, err = gsettingsLock(ctx, sys, desk, "org.gnome.desktop.screensaver", "org.gnome.desktop.session", time.Second)
	case desktop.Cinnamon:
		p, err = gsettingsLock(ctx, sys, desk, "org.cinnamon.desktop.screensaver", "org.cinnamon.desktop.session", time.Second)
	case desktop.MATE:
		p, err = mateLock(ctx, sys)
	case desktop.KDE:
		p, err = kdeLock(sys)
	case desktop.XFCE:
		p, err = xfceLock(ctx, sys)
	default:
		return p, noDesktopError{raw: raw}
	}
	p.Desktop = raw
	return p, err
}

// gsettingsLock reads the GNOME-style keys (also used by Cinnamon): the
// screensaver's lock-enabled and lock-delay, the session's idle-delay, and
// the lockdown's disable-lock-screen, which the desktop obeys over all of
// them. unit is the unit of the delays (seconds for GNOME).
func gsettingsLock(ctx context.Context, sys host.System, fam desktop.Family, saverSchema, sessionSchema string, unit time.Duration) (lockPolicy, error) {
	saver, err := desktop.Gsettings(ctx, sys, saverSchema)
	if err != nil {
		return lockPolicy{}, err
	}
	session, err := desktop.Gsettings(ctx, sys, sessionSchema)
	if err != nil {
		return lockPolicy{}, err
	}
	p := lockPolicy{Source: "gsettings " + saverSchema}
	if p.Enabled, err = desktop.GVBool(saver["lock-enabled"]); err != nil {
		return p, fmt.Errorf("%s lock-enabled: %w", saverSchema, err)
	}
	delay, err := desktop.GVUint(saver["lock-delay"])
	if err != nil {
		return p, fmt.Errorf("%s lock-delay: %w", saverSchema, err)
	}
	idle, err := desktop.GVUint(session["idle-delay"])
	if err != nil {
		return p, fmt.Errorf("%s idle-delay: %w", sessionSchema, err)
	}
	p.Delay, p.Idle = time.Duration(delay)*unit, time.Duration(idle)*unit
	if p.Disabled, err = desktop.LockScreenDisabled(ctx, sys, fam); err != nil {
		return p, err
	}
	p.managed = gsettingsManaged(sys, fam, saverSchema, sessionSchema)
	return p, nil
}

// gsettingsManaged finds which of the lock settings an administrator has
// locked in a system dconf database (gsettings reads the values through
// the same databases, so the values themselves are already the ones that
// apply).
func gsettingsManaged(sys host.System, fam desktop.Family, saverSchema, sessionSchema string) func(context.Context) ([]string, error) {
	return func(ctx context.Context) ([]string, error) {
		var managed []string
		for _, s := range []struct{ schema, key, name string }{
			{desktop.LockdownSchemas[fam], desktop.DisableLockScreen, desktop.DisableLockScreen},
			{saverSchema, "lock-enabled", "lock-enabled"},
			{sessionSchema, "idle-delay", "idle-after"},
			{saverSchema, "lock-delay", "lock-delay"},
		} {
			w, err := desktop.Writable(ctx, sys, s.schema, s.key)
			if err != nil {
				return nil, err
			}
			if !w {
				managed = append(managed, s.name)
			}
		}
		return managed, nil
	}
}

// mateLock reads MATE's screensaver, whose delays are in minutes.
func mateLock(ctx context.Context, sys host.System) (lockPolicy, error) {
	saver, err := desktop.Gsettings(ctx, sys, "org.mate.screensaver")
	if err != nil {
		return lockPolicy{}, err
	}
	session, err := desktop.Gsettings(ctx, sys, "org.mate.session")
	if err != nil {
		return lockPolicy{}, err
	}
	p := lockPolicy{Source: "gsettings org.mate.screensaver"}
	lock, err := desktop.GVBool(saver["lock-enabled"])
	if err != nil {
		return p, fmt.Errorf("org.mate.screensaver lock-enabled: %w", err)
	}
	active, err := desktop.GVBool(saver["idle-activation-enabled"])
	if err != nil {
		return p, fmt.Errorf("org.mate.screensaver idle-activation-enabled: %w", err)
	}
	delay, err := desktop.GVUint(saver["lock-delay"])
	if err != nil {
		return p, fmt.Errorf("org.mate.screensaver lock-delay: %w", err)
	}
	idle, err := desktop.GVUint(session["idle-delay"])
	if err != nil {
		return p, fmt.Errorf("org.mate.session idle-delay: %w", err)
	}
	p.Enabled = lock
	if active {
		p.Idle = time.Duration(idle) * time.Minute
	}
	p.Delay = time.Duration(delay) * time.Minute
	if p.Disabled, err = desktop.LockScreenDisabled(ctx, sys, desktop.MATE); err != nil {
		return p, err
	}
	p.managed = gsettingsManaged(sys, desktop.MATE, "org.mate.screensaver", "org.mate.session")
	return p, nil
}

// kdeLock reads kscreenlockerrc. Absent keys take kscreenlocker's own
// defaults: Autolock on, Timeout 5 minutes, LockGrace 5 seconds.
func kdeLock(sys host.System) (lockPolicy, error) {
	cfg, read, err := desktop.ReadKConfig(sys, "kscreenlockerrc")
	if err != nil {
		return lockPolicy{}, err
	}
	p := lockPolicy{Source: "kscreenlockerrc (defaults)"}
	if len(read) > 0 {
		p.Source = read[len(read)-1]
	}
	auto, ok, err := cfg.Bool("Daemon", "Autolock")
	if err != nil {
		return p, err
	}
	p.Enabled = auto || !ok
	timeout, ok, err := cfg.Int("Daemon", "Timeout")
	if err != nil {
		return p, err
	}
	if !ok {
		timeout = 5
	}
	grace, ok, err := cfg.Int("Daemon", "LockGrace")
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
	// What an administrator locked in /etc/xdg with KDE's kiosk marker.
	for key, name := range map[string]string{"Autolock": "lock-enabled", "Timeout": "idle-after", "LockGrace": "lock-delay"} {
		if cfg.Immutable("Daemon", key) {
			p.Managed = append(p.Managed, name)
		}
	}
	slices.Sort(p.Managed)
	return p, nil
}

// xfceLock reads xfce4-screensaver's channel, with its own defaults for
// absent properties (gs-prefs.h): lock on, idle after 5 minutes, lock at once.
func xfceLock(ctx context.Context, sys host.System) (lockPolicy, error) {
	if !sys.Exists("/usr/bin/xfce4-screensaver") {
		if sys.Exists("/usr/bin/light-locker") {
			return lightLockerLock(ctx, sys)
		}
		return lockPolicy{}, errNoXfceLocker
	}
	ch, src, err := desktop.ReadXfconf(ctx, sys, "xfce4-screensaver")
	if err != nil {
		return lockPolicy{}, err
	}
	p := lockPolicy{Source: src}
	saver, err := ch.Bool("/saver/enabled", true)
	if err != nil {
		return p, err
	}
	idleOn, err := ch.Bool("/saver/idle-activation/enabled", true)
	if err != nil {
		return p, err
	}
	idle, err := ch.Int("/saver/idle-activation/delay", 5)
	if err != nil {
		return p, err
	}
	lock, err := ch.Bool("/lock/enabled", true)
	if err != nil {
		return p, err
	}
	withSaver, err := ch.Bool("/lock/saver-activation/enabled", true)
	if err != nil {
		return p, err
	}
	delay, err := ch.Int("/lock/saver-activation/delay", 0)
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

// xfpmBlankDefault is xfce4-power-manager's blank-on-ac when it is not set
// (minutes; xfpm-xfconf.c in 4.18).
const xfpmBlankDefault = 10

// lightLockerLock reads light-locker, which locks an Xfce session on Debian
// and Xubuntu without xfce4-screensaver: it locks lock-after-screensaver
// seconds after the screen blanks (0: never), and the screen blanks when
// xfce4-power-manager's blank-on-ac says (minutes; 0: never). With
// late-locking it locks as the blank screen wakes instead, still before
// anything on it shows. Its settings are GSettings (apps.light-locker), read
// with gsettings, which also gives the schema's defaults.
func lightLockerLock(ctx context.Context, sys host.System) (lockPolicy, error) {
	const schema = "apps.light-locker"
	ll, err := desktop.Gsettings(ctx, sys, schema)
	if err != nil {
		return lockPolicy{}, err
	}
	p := lockPolicy{Source: "gsettings " + schema, LightLocker: true}
	after, err := desktop.GVUint(ll["lock-after-screensaver"])
	if err != nil {
		return p, fmt.Errorf("%s lock-after-screensaver: %w", schema, err)
	}
	if p.LateLocking, err = desktop.GVBool(ll["late-locking"]); err != nil {
		return p, fmt.Errorf("%s late-locking: %w", schema, err)
	}
	p.Enabled, p.Delay = after > 0, time.Duration(after)*time.Second
	ch, src, err := desktop.ReadXfconf(ctx, sys, "xfce4-power-manager")
	if err != nil {
		return p, err
	}
	p.Source += ", " + src
	blank, err := ch.Int("/xfce4-power-manager/blank-on-ac", xfpmBlankDefault)
	if err != nil {
		return p, err
	}
	if blank > 0 {
		p.Idle = time.Duration(blank) * time.Minute
	}
	return p, nil
}
