package check

import (
	"context"

	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// powerTriggers are the settings the power readers below read: dconf's
// paths for GNOME, Cinnamon and MATE (GNOME's lock-on-suspend is the
// screensaver's lock-enabled), KDE's and Xfce's files, logind's files.
func powerTriggers(sys host.System) []monitor.Trigger {
	t := dconfTriggers(
		"/org/gnome/settings-daemon/plugins/power/", "/org/gnome/desktop/screensaver/",
		"/org/cinnamon/settings-daemon/plugins/power/",
		"/org/mate/power-manager/",
		"/org/gnome/desktop/lockdown/", "/org/cinnamon/desktop/lockdown/", "/org/mate/desktop/lockdown/",
	)
	for _, name := range []string{"kscreenlockerrc", "powerdevilrc", "powermanagementprofilesrc"} {
		t = append(t, fileTriggers(desktop.KConfigPaths(sys, name)...)...)
	}
	t = append(t, fileTriggers(desktop.XfconfPaths(sys, "xfce4-power-manager")...)...)
	t = append(t, fileTriggers(logindFiles...)...)
	for _, dir := range logindDropIns {
		t = append(t, fileTriggers(dir+"/")...)
	}
	return t
}

// readPowerPolicy reads the desktop's power settings and logind's.
func readPowerPolicy(ctx context.Context, sys host.System) (powerPolicy, error) {
	p := powerPolicy{HasBattery: hasBattery(sys)}
	logind, src, err := readLogind(sys)
	if err != nil {
		return p, err
	}
	p.Logind = logind
	desk, raw := desktop.Detect(sys.Getenv)
	p.Desktop = raw
	switch desk {
	case desktop.GNOME:
		err = gnomePower(ctx, sys, &p)
	case desktop.Cinnamon:
		err = cinnamonPower(ctx, sys, &p)
	case desktop.MATE:
		err = matePower(ctx, sys, &p)
	case desktop.KDE:
		err = kdePower(sys, &p)
	case desktop.XFCE:
		err = xfcePower(ctx, sys, &p)
	default:
		// Without a desktop whose settings Mamori reads, logind alone can
		// still tell, when it suspends an idle machine.
		if !logind.Known || logind.After == 0 {
			return p, noDesktopError{raw: raw, evidence: []monitor.Evidence{{Key: "logind-idle-action", Value: strings.TrimPrefix(logind.Action, "logind ")}}}
		}
		p.AC = sleepRule{Why: "no desktop power settings"}
		p.Battery = p.AC
		p.Source = src
	}
	if err != nil {
		return p, err
	}
	if p.Source == "" {
		p.Source = src
	}
	return p, nil
}

// hasBattery reports whether the machine runs on a battery of its own (not a
// wireless mouse's).
func hasBattery(sys host.System) bool {
	const dir = "/sys/class/power_supply"
	entries, err := sys.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		typ, _ := sys.ReadFile(path.Join(dir, e.Name(), "type"))
		scope, _ := sys.ReadFile(path.Join(dir, e.Name(), "scope"))
		if strings.TrimSpace(string(typ)) == "Battery" && strings.TrimSpace(string(scope)) != "Device" {
			return true
		}
	}
	return false
}

// logind's configuration: the first main file found, then the drop-in
// directories in systemd's order.
var (
	logindFiles   = []string{"/etc/systemd/logind.conf", "/usr/lib/systemd/logind.conf"}
	logindDropIns = []string{"/usr/lib/systemd/logind.conf.d", "/usr/local/lib/systemd/logind.conf.d", "/run/systemd/logind.conf.d", "/etc/systemd/logind.conf.d"}
)

// readLogind reads logind.conf and its drop-ins in systemd's order.
func readLogind(sys host.System) (sleepRule, string, error) {
	var files [][]byte
	var read []string
	for _, main := range logindFiles {
		if data, err := sys.ReadFile(main); err == nil {
			files, read = append(files, data), append(read, main)
			break
		}
	}
	// Drop-ins from every directory, ordered by file name; a name in /etc
	// masks the same name in /run and /usr/lib.
	byName := map[string]string{}
	for _, dir := range logindDropIns {
		entries, err := sys.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".conf") {
				byName[e.Name()] = path.Join(dir, e.Name())
			}
		}
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := sys.ReadFile(byName[n])
		if err != nil {
			return sleepRule{}, "", fmt.Errorf("reading %s: %w", byName[n], err)
		}
		files, read = append(files, data), append(read, byName[n])
	}
	rule, err := parseLogind(files...)
	if err != nil {
		return rule, "", fmt.Errorf("logind configuration: %w", err)
	}
	src := "logind defaults"
	if len(read) > 0 {
		src = strings.Join(read, ", ")
	}
	return rule, src, nil
}

func gnomePower(ctx context.Context, sys host.System, p *powerPolicy) error {
	const schema = "org.gnome.settings-daemon.plugins.power"
	power, err := desktop.Gsettings(ctx, sys, schema)
	if err != nil {
		return err
	}
	p.Source = "gsettings " + schema
	p.AC = gsettingsSleep(power, "sleep-inactive-ac")
	p.Battery = gsettingsSleep(power, "sleep-inactive-battery")
	saver, err := desktop.Gsettings(ctx, sys, "org.gnome.desktop.screensaver")
	if err != nil {
		return err
	}
	// GNOME Shell locks on suspend when locking is enabled; Ubuntu adds a
	// key of its own for it.
	key := "lock-enabled"
	if _, ok := saver["ubuntu-lock-on-suspend"]; ok {
		key = "ubuntu-lock-on-suspend"
	}
	if v, err := desktop.GVBool(saver[key]); err == nil {
		p.LockOnSleep = &v
	}
	return lockdown(ctx, sys, desktop.GNOME, p)
}

// lockdown reads whether the desktop's lockdown forbids locking the
// screen: GNOME Shell, cinnamon-screensaver and mate-screensaver then do
// not lock on waking either, whatever the lock-on-suspend switch says.
func lockdown(ctx context.Context, sys host.System, fam desktop.Family, p *powerPolicy) error {
	off, err := desktop.LockScreenDisabled(ctx, sys, fam)
	if err != nil || !off {
		return err
	}
	locked := false
	p.LockDisabled, p.LockOnSleep = true, &locked
	w, err := desktop.Writable(ctx, sys, desktop.LockdownSchemas[fam], desktop.DisableLockScreen)
	if err != nil {
		return err
	}
	p.LockManaged = !w
	return nil
}

func cinnamonPower(ctx context.Context, sys host.System, p *powerPolicy) error {
	return timeoutPower(ctx, sys, p, desktop.Cinnamon, "org.cinnamon.settings-daemon.plugins.power",
		"sleep-inactive-ac-timeout", "sleep-inactive-battery-timeout", "lock-on-suspend")
}

func matePower(ctx context.Context, sys host.System, p *powerPolicy) error {
	return timeoutPower(ctx, sys, p, desktop.MATE, "org.mate.power-manager", "sleep-computer-ac", "sleep-computer-battery", "lock-suspend")
}

// timeoutPower reads a schema that keeps one suspend timeout (seconds, 0
// for never) per power source and a lock-on-suspend switch.
func timeoutPower(ctx context.Context, sys host.System, p *powerPolicy, fam desktop.Family, schema, acKey, batteryKey, lockKey string) error {
	power, err := desktop.Gsettings(ctx, sys, schema)
	if err != nil {
		return err
	}
	p.Source = "gsettings " + schema
	read := func(key string) sleepRule {
		secs, err := desktop.GVUint(power[key])
		if err != nil {
			return sleepRule{Why: key + ": " + err.Error()}
		}
		return sleepRule{Known: true, Action: "suspend", After: time.Duration(secs) * time.Second}
	}
	p.AC, p.Battery = read(acKey), read(batteryKey)
	if v, err := desktop.GVBool(power[lockKey]); err == nil {
		p.LockOnSleep = &v
	}
	return lockdown(ctx, sys, fam, p)
}

// kdePower reads PowerDevil: Plasma 6's powerdevilrc, or Plasma 5's
// powermanagementprofilesrc. LockOnResume comes from kscreenlockerrc.
func kdePower(sys host.System, p *powerPolicy) error {
	lock, _, err := desktop.ReadKConfig(sys, "kscreenlockerrc")
	if err != nil {
		return err
	}
	v, ok, err := lock.Bool("Daemon", "LockOnResume")
	if err != nil {
		return err
	}
	v = v || !ok // kscreenlocker locks on resume unless told not to
	p.LockOnSleep = &v

	if sys.Getenv("KDE_SESSION_VERSION") == "5" {
		cfg, read, err := desktop.ReadKConfig(sys, "powermanagementprofilesrc")
		if err != nil {
			return err
		}
		if len(read) == 0 {
			p.AC = sleepRule{Why: "powermanagementprofilesrc not found"}
			p.Battery = p.AC
			return nil
		}
		p.Source = read[len(read)-1]
		p.AC, p.Battery = plasma5Sleep(cfg, "AC"), plasma5Sleep(cfg, "Battery")
		return nil
	}
	cfg, read, err := desktop.ReadKConfig(sys, "powerdevilrc")
	if err != nil {
		return err
	}
	p.Source = "powerdevilrc"
	if len(read) > 0 {
		p.Source = read[len(read)-1]
	}
	p.AC, p.Battery = plasma6Sleep(cfg, "AC"), plasma6Sleep(cfg, "Battery")
	return nil
}

// plasma6Sleep reads [profile][SuspendAndShutdown]. AutoSuspendAction: 0
// nothing, 1 sleep (the default), 2 hibernate, 8 shut down.
func plasma6Sleep(cfg desktop.KConfig, profile string) sleepRule {
	g := profile + "/SuspendAndShutdown"
	action, ok, err := cfg.Int(g, "AutoSuspendAction")
	if err != nil {
		return sleepRule{Why: err.Error()}
	}
	if !ok {
		action = 1
	}
	if action == 0 {
		return sleepRule{Known: true, Action: "nothing"}
	}
	secs, ok, err := cfg.Int(g, "AutoSuspendIdleTimeoutSec")
	if err != nil {
		return sleepRule{Why: err.Error()}
	}
	if !ok {
		return sleepRule{Why: fmt.Sprintf("%s power profile uses Plasma's built-in sleep timeout, which Mamori does not read", profile)}
	}
	return sleepRule{Known: true, Action: fmt.Sprintf("action %d", action), After: time.Duration(max(secs, 0)) * time.Second}
}

// plasma5Sleep reads [profile][SuspendSession]: present means on, idleTime
// in milliseconds.
func plasma5Sleep(cfg desktop.KConfig, profile string) sleepRule {
	g := profile + "/SuspendSession"
	if _, on := cfg[g]; !on {
		return sleepRule{Known: true, Action: "nothing"}
	}
	ms, ok, err := cfg.Int(g, "idleTime")
	if err != nil {
		return sleepRule{Why: err.Error()}
	}
	if !ok {
		return sleepRule{Why: profile + " SuspendSession has no idleTime"}
	}
	typ, _, _ := cfg.Int(g, "suspendType")
	return sleepRule{Known: true, Action: fmt.Sprintf("type %d", typ), After: time.Duration(max(ms, 0)) * time.Millisecond}
}

// xfcePower reads xfce4-power-manager's channel: inactivity-on-ac and
// inactivity-on-battery in minutes. 14, the default, means never; so does 0
// (its idle alarm takes no zero timeout), which scripts often write.
func xfcePower(ctx context.Context, sys host.System, p *powerPolicy) error {
	ch, src, err := desktop.ReadXfconf(ctx, sys, "xfce4-power-manager")
	if err != nil {
		return err
	}
	p.Source = src
	for _, s := range []struct {
		key  string
		rule *sleepRule
	}{{"inactivity-on-ac", &p.AC}, {"inactivity-on-battery", &p.Battery}} {
		mins, err := ch.Int("/xfce4-power-manager/"+s.key, xfpmNever)
		if err != nil {
			*s.rule = sleepRule{Why: err.Error()}
			continue
		}
		if mins == xfpmNever || mins <= 0 {
			mins = 0 // never
		}
		*s.rule = sleepRule{Known: true, Action: "sleep", After: time.Duration(mins) * time.Minute}
	}
	lock, err := ch.Bool("/xfce4-power-manager/lock-screen-suspend-hibernate", true)
	if err != nil {
		return err
	}
	p.LockOnSleep = &lock
	return nil
}
