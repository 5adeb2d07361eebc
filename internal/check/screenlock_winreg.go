package check

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// The registry keys Windows keeps its screen saver in: the person's own
// settings, the Group Policy that overrides them, and the machine's
// inactivity limit (which locks the session whatever the screen saver
// does).
const (
	WinDesktopKey     = `HKCU\Control Panel\Desktop`
	WinDesktopPolicy  = `HKCU\Software\Policies\Microsoft\Windows\Control Panel\Desktop`
	winMachinePolicy  = `HKLM\Software\Policies\Microsoft\Windows\Control Panel\Desktop`
	winInactivityKey  = `HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System`
	winInactivityName = "InactivityTimeoutSecs"
)

// winSaverValue reads one screen-saver value (REG_SZ) where Windows takes
// it from: a Group Policy (the person's, then the machine's) wins over the
// person's own setting. managed says a policy set it.
func winSaverValue(reg host.Registry, name string) (value string, set, managed bool, err error) {
	for i, key := range []string{WinDesktopPolicy, winMachinePolicy, WinDesktopKey} {
		v, err := reg.String(key, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", false, false, err
		}
		return strings.TrimSpace(v), true, i < 2, nil
	}
	return "", false, false, nil
}

// Where Windows keeps the other ways it locks: the video timeout of the
// power plan (the display turns off; on its own that does not lock), the
// Group Policy over power settings (one key per setting GUID, whatever its
// subgroup), and Dynamic Lock (locks when the paired phone goes away).
const (
	winVideoGroup  = "7516b95f-f776-4464-8c53-06167f40cc99" // GUID_VIDEO_SUBGROUP
	winVideoIdle   = "3c0bc021-c8a8-4e07-a973-6b14cbcb2b7e" // GUID_VIDEO_POWERDOWN_TIMEOUT, seconds, 0 never
	winPowerPolicy = `HKLM\Software\Policies\Microsoft\Power\PowerSettings`
	winWinlogonKey = `HKCU\Software\Microsoft\Windows NT\CurrentVersion\Winlogon`
	winDynamicLock = "EnableGoodbye"
)

// windowsLock reads how Windows locks the session when left alone, and
// keeps the soonest way that does:
//   - the screen saver, when it is active, secure (a password on resume)
//     and has a program (SCRNSAVE.EXE; with none set, or one that names
//     no file, no screen saver starts), ScreenSaveTimeOut seconds after
//     the last input;
//   - InactivityTimeoutSecs, where a policy sets it: it locks the session
//     by itself;
//   - sleep, when the power plan sends the machine to sleep (or
//     hibernation) on every power source it runs on and asks for the
//     sign-in on waking: how most Windows 10 and 11 PCs lock, with no
//     screen saver at all. The lock then comes as late as the slowest
//     source's sleep.
//
// The display turning off and Dynamic Lock are kept as evidence only: the
// first does not lock a PC that sleeps the classic way, the second locks
// only when a paired phone goes out of range, not when the PC is idle.
func windowsLock(reg host.Registry, files winFiles, hasBattery bool) (lockPolicy, error) {
	p := lockPolicy{Desktop: "Windows", Source: "registry " + WinDesktopKey}
	if reg == nil {
		return p, errors.New("no registry to read")
	}
	vals := map[string]string{}
	managed := map[string]bool{}
	for _, name := range []string{"ScreenSaveActive", "ScreenSaverIsSecure", "SCRNSAVE.EXE", "ScreenSaveTimeOut"} {
		v, _, m, err := winSaverValue(reg, name)
		if err != nil {
			return p, err
		}
		vals[name], managed[name] = v, m
	}
	program := vals["SCRNSAVE.EXE"]
	if vals["ScreenSaveActive"] == "1" && vals["ScreenSaverIsSecure"] == "1" && program != "" {
		missing, err := files.saverProgram(program)
		if err != nil {
			return p, err
		}
		if missing != "" {
			p.Extra = append(p.Extra, monitor.Evidence{Key: "screen-saver-program", Value: missing})
			program = ""
		}
	}
	p.Enabled = vals["ScreenSaveActive"] == "1" && vals["ScreenSaverIsSecure"] == "1" && program != ""
	if vals["ScreenSaveTimeOut"] != "" {
		secs, err := strconv.ParseUint(vals["ScreenSaveTimeOut"], 10, 32)
		if err != nil {
			return p, fmt.Errorf("%s ScreenSaveTimeOut: not a number: '%s'", WinDesktopKey, vals["ScreenSaveTimeOut"])
		}
		p.Idle = time.Duration(secs) * time.Second
	}
	if managed["ScreenSaveActive"] || managed["ScreenSaverIsSecure"] || managed["SCRNSAVE.EXE"] {
		p.Managed = append(p.Managed, "lock-enabled")
	}
	if managed["ScreenSaveTimeOut"] {
		p.Managed = append(p.Managed, "idle-after")
	}
	p.Extra = append(p.Extra, monitor.Evidence{Key: "screen-saver", Value: fmt.Sprint(p.Enabled)})
	switch secs, err := reg.Uint(winInactivityKey, winInactivityName); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return p, err
	case secs > 0:
		limit := time.Duration(secs) * time.Second
		if !p.locks() || limit < p.Idle {
			// Not marked managed: the person can still set a screen saver
			// that locks sooner.
			p.Enabled, p.Idle, p.Delay = true, limit, 0
			p.Source = "registry " + winInactivityKey + `\` + winInactivityName
		}
	}
	if on, err := reg.Uint(winWinlogonKey, winDynamicLock); err == nil {
		p.Extra = append(p.Extra, monitor.Evidence{Key: "dynamic-lock", Value: fmt.Sprint(on == 1)})
	}
	s, err := windowsSleepLock(reg, hasBattery)
	p.Extra = append(p.Extra, s.evidence...)
	switch {
	case err != nil && p.locks():
		// The screen saver or the limit locks anyway: the verdict stands
		// on them, and Details say what could not be read.
		p.Extra = append(p.Extra, monitor.Evidence{Key: "sleep", Value: "could not tell: " + err.Error()})
	case err != nil:
		return p, err
	case s.after > 0 && (!p.locks() || s.after < p.Idle+p.Delay):
		p.Enabled, p.Idle, p.Delay, p.ViaSleep = true, s.after, 0, true
		p.Source = "power plan " + s.scheme + " (sleep, sign-in on wake)"
	}
	return p, nil
}

// winSleep is what the power plan says about locking through sleep.
type winSleep struct {
	scheme string
	// after is how long idle before the machine sleeps on every power
	// source it runs on and asks for the sign-in on waking; 0 when it
	// does not lock that way (never sleeps on a source, or wakes signed
	// in).
	after    time.Duration
	evidence []monitor.Evidence
}

// windowsSleepLock reads the active power plan (as idle-power does, Group
// Policy first) for the lock that sleep gives. A machine with no active
// plan (Wine keeps none; Windows always has one) does not sleep by
// itself: after stays 0.
func windowsSleepLock(reg host.Registry, hasBattery bool) (winSleep, error) {
	var s winSleep
	if _, err := reg.String(winPowerSchemes, "ActivePowerScheme"); errors.Is(err, fs.ErrNotExist) {
		s.evidence = append(s.evidence, monitor.Evidence{Key: "sleep", Value: "no active power plan"})
		return s, nil
	}
	pp, err := windowsPower(reg, hasBattery)
	if err != nil {
		return s, err
	}
	s.scheme = strings.TrimPrefix(pp.Source, "power plan ")
	sources := []struct {
		name string
		rule sleepRule
	}{{"AC", pp.AC}}
	if hasBattery {
		sources = append(sources, struct {
			name string
			rule sleepRule
		}{"DC", pp.Battery})
	}
	var slowest time.Duration
	for _, src := range sources {
		if !src.rule.Known {
			return s, errors.New(src.rule.Why)
		}
		key := map[string]string{"AC": "on-ac", "DC": "on-battery"}[src.name]
		s.evidence = append(s.evidence, monitor.Evidence{Key: "sleep-" + key, Value: durationEvidence(src.rule.After)})
		if secs, err := winPowerValue(reg, s.scheme, winVideoGroup, winVideoIdle, src.name); err == nil {
			s.evidence = append(s.evidence, monitor.Evidence{Key: "display-off-" + key, Value: durationEvidence(time.Duration(secs) * time.Second)})
		}
		if src.rule.After == 0 {
			return s, nil
		}
		slowest = max(slowest, src.rule.After)
	}
	if pp.LockOnSleep == nil {
		return s, errors.New("whether waking from sleep asks for the sign-in: not in the power plan")
	}
	s.evidence = append(s.evidence, monitor.Evidence{Key: "sign-in-on-wake", Value: fmt.Sprint(*pp.LockOnSleep)})
	if *pp.LockOnSleep {
		s.after = slowest
	}
	return s, nil
}
