package check

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/host"
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

// windowsLock reads the screen saver's lock from the registry: it locks
// when it is active, secure (a password on resume) and has a program
// (SCRNSAVE.EXE; with none set Windows shows none), ScreenSaveTimeOut
// seconds after the last input. InactivityTimeoutSecs, where a policy sets
// it, locks the session by itself and wins when sooner.
func windowsLock(reg host.Registry) (lockPolicy, error) {
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
	p.Enabled = vals["ScreenSaveActive"] == "1" && vals["ScreenSaverIsSecure"] == "1" && vals["SCRNSAVE.EXE"] != ""
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
	switch secs, err := reg.Uint(winInactivityKey, winInactivityName); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return p, err
	case secs > 0:
		limit := time.Duration(secs) * time.Second
		if !p.Enabled || p.Idle == 0 || limit < p.Idle {
			// Not marked managed: the person can still set a screen saver
			// that locks sooner.
			p.Enabled, p.Idle, p.Delay = true, limit, 0
			p.Source = "registry " + winInactivityKey + `\` + winInactivityName
		}
	}
	return p, nil
}
