package check

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Windows Update's state as it keeps it in the registry: a restart needed
// to finish installing, automatic updates turned off by policy, updates
// paused by the person. (The list of pending updates comes from the
// Windows Update Agent, a COM API Wine lacks: not read yet.)
const (
	winRebootRequired = `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired`
	winAUPolicy       = `HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU`
	winUXSettings     = `HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings`
)

// winUpdateFacts is what the registry says of Windows Update.
type winUpdateFacts struct {
	RebootRequired bool
	AutoOff        bool
	PausedUntil    time.Time
}

func windowsUpdate(reg host.Registry) (winUpdateFacts, error) {
	var f winUpdateFacts
	if reg == nil {
		return f, errors.New("no registry to read")
	}
	var err error
	if f.RebootRequired, err = reg.KeyExists(winRebootRequired); err != nil {
		return f, err
	}
	switch v, err := reg.Uint(winAUPolicy, "NoAutoUpdate"); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return f, err
	default:
		f.AutoOff = v == 1
	}
	switch s, err := reg.String(winUXSettings, "PauseUpdatesExpiryTime"); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return f, err
	default:
		t, perr := time.Parse(time.RFC3339, strings.TrimSpace(s))
		if perr != nil {
			return f, fmt.Errorf("%s PauseUpdatesExpiryTime: not a time: %q", winUXSettings, s)
		}
		f.PausedUntil = t
	}
	return f, nil
}

// judgeWindowsUpdate: a restart to finish, updates off or paused are
// warnings; otherwise Windows installs updates by itself, but whether some
// are waiting Mamori cannot see yet, so it does not say ok.
func judgeWindowsUpdate(f winUpdateFacts, now time.Time) monitor.Result {
	r := monitor.Result{Advice: "os-updates.windows"}
	r.Add("restart-required", f.RebootRequired).Add("automatic-updates", !f.AutoOff)
	paused := f.PausedUntil.After(now)
	if !f.PausedUntil.IsZero() {
		r.Add("paused-until", f.PausedUntil.UTC().Format(time.RFC3339))
	}
	switch {
	case f.AutoOff:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.os-updates.windows-off")
	case paused:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.os-updates.windows-paused", "Date", f.PausedUntil.Local().Format("2006-01-02"))
	case f.RebootRequired:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.os-updates.windows-restart")
	default:
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.os-updates.windows-on")
	}
	return r
}
