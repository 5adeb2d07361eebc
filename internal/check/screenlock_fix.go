package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"time"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/fix"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// The screen lock's fix, on each desktop it can fix: read the setting
// beside the reader that judges it, plan its change. It sets the check's
// own limit (an organisation's, or MaxLockDelay): the screen locks within
// it of idle.

// Fixes declares the check's fix on each desktop, planning to the limit
// the check judges by.
func (c *ScreenLock) Fixes() fix.ByDesktop {
	max := fixLimit(c.limit)
	return fix.ByDesktop{
		desktop.GNOME:    newGSLock(desktop.GNOME, "org.gnome.desktop.screensaver", "org.gnome.desktop.session", fix.Seconds, max),
		desktop.Cinnamon: newGSLock(desktop.Cinnamon, "org.cinnamon.desktop.screensaver", "org.cinnamon.desktop.session", fix.Seconds, max),
		// MATE also needs its screensaver to start on idle at all.
		desktop.MATE: newGSLock(desktop.MATE, "org.mate.screensaver", "org.mate.session", fix.Minutes, max, "idle-activation-enabled"),
		desktop.XFCE: newXfLock(max),
		desktop.KDE:  newKLock(max),
		fix.Windows:  newWinLock(max),
	}
}

// GNOME, Cinnamon and MATE: gsettings.

// gsLock: locking on, and the screen locked within max (in the schema's
// unit) of idle: idle-delay is set to the limit when it is off (0) or
// longer, and lock-delay to 0 when the two add up past it.
type gsLock struct {
	on          []fix.Setting // switches that must be on: lock-enabled first
	idle, delay fix.Setting
	unit        fix.Kind
	max         fixLimit
	lockdown    gsLockdown
}

func newGSLock(fam desktop.Family, saver, session string, unit fix.Kind, max fixLimit, alsoOn ...string) gsLock {
	l := gsLock{idle: gs(session, "idle-delay"), delay: gs(saver, "lock-delay"), unit: unit, max: max, lockdown: gsLockdownOf(fam)}
	for _, key := range append([]string{"lock-enabled"}, alsoOn...) {
		l.on = append(l.on, gs(saver, key))
	}
	return l
}

func (l gsLock) Plan(ctx context.Context, sys host.System) (fix.Plan, error) {
	r := newGSRead(ctx, sys)
	p := fix.Plan{}
	if err := l.lockdown.allow(ctx, sys, &p); err != nil {
		return fix.Plan{}, err
	}
	for _, s := range l.on {
		v, _, err := r.get(s)
		if err != nil {
			return fix.Plan{}, err
		}
		if on, err := desktop.GVBool(v); err != nil {
			return fix.Plan{}, fmt.Errorf("%s %s: %w", s.Schema, s.Key, err)
		} else if !on {
			p.Changes = append(p.Changes, s.Change("false", "true", fix.Switch, "fix."+s.Key))
		}
	}
	idleV, _, err := r.get(l.idle)
	if err != nil {
		return fix.Plan{}, err
	}
	idle, err := desktop.GVUint(idleV)
	if err != nil {
		return fix.Plan{}, fmt.Errorf("%s idle-delay: %w", l.idle.Schema, err)
	}
	delayV, _, err := r.get(l.delay)
	if err != nil {
		return fix.Plan{}, err
	}
	delay, err := desktop.GVUint(delayV)
	if err != nil {
		return fix.Plan{}, fmt.Errorf("%s lock-delay: %w", l.delay.Schema, err)
	}
	per := time.Second
	if l.unit == fix.Minutes {
		per = time.Minute
	}
	n, err := l.max.in(per)
	if err != nil {
		return fix.Plan{}, err
	}
	limit := uint64(n)
	if idle == 0 || idle > limit {
		c := l.idle.Change(idleV, sameType(idleV, limit), l.unit, "fix.idle-delay")
		c.Never = true
		p.Changes = append(p.Changes, c)
		idle = limit
	}
	if idle+delay > limit {
		p.Changes = append(p.Changes, l.delay.Change(delayV, sameType(delayV, 0), l.unit, "fix.lock-delay"))
	}
	return p, nil
}

// Xfce: xfconf-query, through xfconfd.

// xfLock: xfce4-screensaver locks when both lock switches are on, after
// its saver starts on idle (both saver switches on and a delay in
// minutes), plus the lock delay.
type xfLock struct {
	on          []named
	idle, delay fix.Setting
	max         fixLimit
}

func newXfLock(max fixLimit) xfLock {
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
		max:   max,
	}
}

// Offers: not where light-locker locks the session (the check says so in
// its evidence), as Plan would find.
func (l xfLock) Offers(r monitor.Result) bool {
	return r.Get("locker") != "light-locker"
}

var _ fix.Offerer = xfLock{}

func (l xfLock) Plan(ctx context.Context, sys host.System) (fix.Plan, error) {
	// Without xfce4-screensaver (light-locker locks the session) its
	// channel changes nothing: no fix rather than one that does nothing.
	if !sys.Exists("/usr/bin/xfce4-screensaver") {
		return fix.Plan{}, fix.ErrNoFix
	}
	ch, _, err := desktop.ReadXfconf(ctx, sys, l.idle.Schema)
	if err != nil {
		return fix.Plan{}, err
	}
	p := fix.Plan{}
	for _, s := range l.on {
		on, err := ch.Bool(s.Key, true)
		if err != nil {
			return fix.Plan{}, err
		}
		if !on {
			p.Changes = append(p.Changes, s.Change(ch[s.Key], "true", fix.Switch, s.text))
		}
	}
	limit, err := l.max.in(time.Minute)
	if err != nil {
		return fix.Plan{}, err
	}
	idle, err := ch.Int(l.idle.Key, limit)
	if err != nil {
		return fix.Plan{}, err
	}
	delay, err := ch.Int(l.delay.Key, 0)
	if err != nil {
		return fix.Plan{}, err
	}
	if idle <= 0 || idle > limit {
		c := l.idle.Change(ch[l.idle.Key], strconv.FormatInt(limit, 10), fix.Minutes, "fix.idle-delay")
		c.Never = true
		p.Changes = append(p.Changes, c)
		idle = limit
	}
	if idle+delay > limit {
		p.Changes = append(p.Changes, l.delay.Change(ch[l.delay.Key], "0", fix.Minutes, "fix.lock-delay"))
	}
	return p, nil
}

// KDE: kscreenlocker.

// kLock: kscreenlocker locks Timeout minutes after the last input when
// Autolock is on; a LockGrace of over a minute (seconds) lets anyone undo
// the lock without a password, so it counts as delay. The values in effect
// are the system's defaults under the person's file; From is what the
// person's file itself says, so Undo puts that file back as it was.
type kLock struct {
	autolock, timeout, grace fix.Setting
	max                      fixLimit
}

func newKLock(max fixLimit) kLock {
	return kLock{
		autolock: kc("kscreenlockerrc", "Daemon/Autolock"),
		timeout:  kc("kscreenlockerrc", "Daemon/Timeout"),
		grace:    kc("kscreenlockerrc", "Daemon/LockGrace"),
		max:      max,
	}
}

func (l kLock) Plan(_ context.Context, sys host.System) (fix.Plan, error) {
	file := l.autolock.Schema
	cfg, _, err := desktop.ReadKConfig(sys, file)
	if err != nil {
		return fix.Plan{}, err
	}
	own := ownKConfig(sys, file)
	p := fix.Plan{Reload: []string{"kscreenlocker"}}
	change := func(s fix.Setting, to string, kind fix.Kind, text string) fix.Change {
		return s.Change(own[s.Group()][s.Name()], to, kind, text)
	}
	if auto, ok, err := cfg.Bool(l.autolock.Group(), l.autolock.Name()); err != nil {
		return fix.Plan{}, err
	} else if ok && !auto {
		c := change(l.autolock, "true", fix.Switch, "fix.lock-enabled")
		c.FromShown = "false"
		p.Changes = append(p.Changes, c)
	}
	timeout, ok, err := cfg.Int(l.timeout.Group(), l.timeout.Name())
	if err != nil {
		return fix.Plan{}, err
	}
	limit, err := l.max.in(time.Minute)
	if err != nil {
		return fix.Plan{}, err
	}
	if !ok {
		timeout = limit
	}
	if timeout <= 0 || timeout > limit {
		c := change(l.timeout, strconv.FormatInt(limit, 10), fix.Minutes, "fix.idle-delay")
		c.Never, c.FromShown = true, strconv.FormatInt(timeout, 10)
		p.Changes = append(p.Changes, c)
		timeout = limit
	}
	if grace, ok, err := cfg.Int(l.grace.Group(), l.grace.Name()); err != nil {
		return fix.Plan{}, err
	} else if ok && grace > 60 && time.Duration(timeout)*time.Minute+time.Duration(grace)*time.Second > l.max() {
		c := change(l.grace, "5", fix.Seconds, "fix.lock-grace")
		c.FromShown = strconv.FormatInt(grace, 10)
		p.Changes = append(p.Changes, c)
	}
	// What an administrator locked in /etc/xdg ([$i]) kwriteconfig would
	// write to the person's file in vain.
	for _, c := range p.Changes {
		if s := (fix.Setting{Tool: c.Tool, Schema: c.Schema, Key: c.Key}); cfg.Immutable(s.Group(), s.Name()) {
			return fix.Plan{}, fmt.Errorf("%w (%s [%s] %s)", fix.ErrManaged, file, s.Group(), s.Name())
		}
	}
	return p, nil
}

// Windows: the screen saver.

func win(name string) fix.Setting {
	return fix.Setting{Tool: fix.WinDesktop, Schema: WinDesktopKey, Key: name}
}

// winLock: the screen saver locks when it is active, secure (the sign-in
// screen on resume) and has a program, after ScreenSaveTimeOut seconds. A
// value a Group Policy sets is not the person's to change: no plan.
type winLock struct {
	on               []named // switches: "1" for on
	program, timeout fix.Setting
	max              fixLimit
}

func newWinLock(max fixLimit) winLock {
	return winLock{
		on:      []named{{win("ScreenSaveActive"), "fix.saver-enabled"}, {win("ScreenSaverIsSecure"), "fix.lock-enabled"}},
		program: win("SCRNSAVE.EXE"),
		timeout: win("ScreenSaveTimeOut"),
		max:     max,
	}
}

func (w winLock) Plan(_ context.Context, sys host.System) (fix.Plan, error) {
	return w.planFrom(sys.Registry, winFiles{FS: drives{}, Getenv: sys.Getenv})
}

// planFrom plans from the registry's values; a program that names no file
// (one removed, or a path no Windows has) counts as none.
func (w winLock) planFrom(reg host.Registry, files winFiles) (fix.Plan, error) {
	p := fix.Plan{}
	for _, policy := range []string{"ScreenSaveActive", "ScreenSaverIsSecure", "SCRNSAVE.EXE", "ScreenSaveTimeOut"} {
		_, err := reg.String(WinDesktopPolicy, policy)
		if err == nil {
			return fix.Plan{}, fmt.Errorf("%w (%s\\%s)", fix.ErrManaged, WinDesktopPolicy, policy)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return fix.Plan{}, err
		}
	}
	get := func(s fix.Setting) (string, error) {
		v, err := reg.String(s.Schema, s.Key)
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil
		}
		return v, err
	}
	for _, s := range w.on {
		v, err := get(s.Setting)
		if err != nil {
			return fix.Plan{}, err
		}
		if v != "1" {
			from := "0"
			if v == "" {
				from = "" // not set: Undo removes it
			}
			c := s.Change(from, "1", fix.Switch, s.text)
			c.FromShown, c.ToShown = boolText(v == "1"), "true"
			p.Changes = append(p.Changes, c)
		}
	}
	program, err := get(w.program)
	if err != nil {
		return fix.Plan{}, err
	}
	missing := program == ""
	if !missing {
		why, err := files.saverProgram(program)
		if err != nil {
			return fix.Plan{}, err
		}
		missing = why != ""
	}
	if missing {
		blank, err := winBlankSaver(files.Getenv)
		if err != nil {
			return fix.Plan{}, err
		}
		c := w.program.Change(program, blank, fix.Action, "fix.saver-program")
		c.FromShown, c.ToShown = "none", "blank"
		p.Changes = append(p.Changes, c)
	}
	timeout, err := get(w.timeout)
	if err != nil {
		return fix.Plan{}, err
	}
	limit, err := w.max.in(time.Second)
	if err != nil {
		return fix.Plan{}, err
	}
	if secs, err := strconv.ParseUint(timeout, 10, 32); err != nil || secs == 0 || secs > uint64(limit) {
		c := w.timeout.Change(timeout, strconv.FormatInt(limit, 10), fix.Seconds, "fix.idle-delay")
		c.Never = true
		p.Changes = append(p.Changes, c)
	}
	return p, nil
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
