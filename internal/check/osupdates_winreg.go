package check

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

// Windows Update's state as it keeps it in the registry: a restart needed
// to finish installing, automatic updates turned off by policy, updates
// paused by the person. The list of waiting updates comes from the Windows
// Update Agent (winSearch).
const (
	winRebootRequired = `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired`
	winAUPolicy       = `HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU`
	winUXSettings     = `HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings`
)

// winUpdateFacts is what the registry says of Windows Update, and what
// the Windows Update Agent answered (Search nil: SearchErr says why not).
type winUpdateFacts struct {
	// MaxAge is how old the last search may be; 0 means MaxIndexAge.
	MaxAge         time.Duration
	RebootRequired bool
	AutoOff        bool
	PausedUntil    time.Time
	Search         *winSearch
	SearchErr      error
}

// winSearch is the Windows Update Agent's answer: the updates waiting,
// from its own last download of the catalogue (an offline search: Mamori
// makes no network call), and when Windows last searched and installed.
type winSearch struct {
	Pending     []updates.Pending
	LastSearch  time.Time // zero when Windows never said
	LastInstall time.Time
}

// wuaUpdate is one update as IUpdate describes it.
type wuaUpdate struct {
	Title string
	// MsrcSeverity is "Critical", "Important", "Moderate", "Low" or ""
	// (not a security update).
	MsrcSeverity string
	// Categories are the category names ("Security Updates", "Definition
	// Updates", "Windows 11"…).
	Categories []string
}

// pendingFromWUA makes the waiting list: a security update is one Microsoft
// rated (MsrcSeverity) or filed under Security Updates.
func pendingFromWUA(list []wuaUpdate) []updates.Pending {
	var out []updates.Pending
	for _, u := range list {
		p := updates.Pending{Name: monitor.Cut(u.Title, 120), Security: u.MsrcSeverity != ""}
		for _, c := range u.Categories {
			if strings.EqualFold(c, "Security Updates") {
				p.Security = true
			}
		}
		out = append(out, p)
	}
	return out
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
			return f, fmt.Errorf("%s PauseUpdatesExpiryTime: not a time: '%s'", winUXSettings, s)
		}
		f.PausedUntil = t
	}
	return f, nil
}

// judgeWindowsUpdate: security updates waiting are critical; updates off
// or paused, a restart to finish, other updates waiting or a search more
// than a week old are warnings. Without the Windows Update Agent's answer,
// whether updates wait cannot be told: unknown, with the reason.
func judgeWindowsUpdate(f winUpdateFacts, now time.Time) monitor.Result {
	r := monitor.Result{Advice: "os-updates.windows"}
	r.Add("restart-required", f.RebootRequired).Add("automatic-updates", !f.AutoOff)
	paused := f.PausedUntil.After(now)
	if !f.PausedUntil.IsZero() {
		r.Add("paused-until", f.PausedUntil.UTC().Format(time.RFC3339))
	}
	s := f.Search
	security, age := 0, time.Duration(-1)
	if s != nil {
		rep := updates.Report{Pending: s.Pending}
		security = rep.Security()
		r.Add("pending", len(s.Pending)).Add("security", security)
		for i, p := range s.Pending {
			if i == 10 {
				r.Add("more", fmt.Sprintf("%d more", len(s.Pending)-10))
				break
			}
			r.Add("update", p.Name)
		}
		if !s.LastSearch.IsZero() {
			age = now.Sub(s.LastSearch)
			r.Add("last-search", s.LastSearch.UTC().Format(time.RFC3339))
		}
		if !s.LastInstall.IsZero() {
			r.Add("last-install", s.LastInstall.UTC().Format(time.RFC3339))
		}
	}
	switch {
	case security > 0:
		r.Status = monitor.Critical
		r.Finding = monitor.T("finding.os-updates.security", "Count", security, "Total", len(s.Pending))
	case f.AutoOff:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.os-updates.windows-off")
	case paused:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.os-updates.windows-paused", "Date", f.PausedUntil.Local().Format("2006-01-02"))
	case f.RebootRequired:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.os-updates.windows-restart")
	case s == nil:
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.os-updates.windows-on")
		if f.SearchErr != nil {
			r.Add("reason", f.SearchErr.Error())
		}
	case len(s.Pending) > 0:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.os-updates.pending", "Count", len(s.Pending))
	case age > cmp.Or(f.MaxAge, MaxIndexAge):
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.os-updates.stale", "Days", int(age/(24*time.Hour)), "Count", int(age/(24*time.Hour)))
	default:
		r.Status = monitor.OK
		r.Finding = monitor.T("finding.os-updates.ok")
	}
	return r
}
