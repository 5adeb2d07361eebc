package check

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/osprefs"
	"github.com/mamori-project/mamori/internal/updates"
)

// MaxIndexAge is how old the package index may get before pending updates
// can no longer be trusted to be known.
const MaxIndexAge = 7 * 24 * time.Hour

// OSUpdates checks for pending operating-system updates.
type OSUpdates struct {
	Sys     host.System
	Updates *updates.Cache
	// MaxAge is how old the package index may get (an organisation's
	// policy); nil or 0 means MaxIndexAge.
	MaxAge func() time.Duration
}

// packageTimeout bounds a check that may have to ask the package manager:
// apt's simulation takes seconds, longer on a slow disk.
const packageTimeout = 2 * time.Minute

// packageSettle is how long the package state must stay quiet before the
// package checks re-run: an upgrade rewrites dpkg's status for minutes.
const packageSettle = 30 * time.Second

// oSUpdatesPages are where the system's own settings for the system's updates are, for the
// status window's Open settings.
var oSUpdatesPages = osprefs.Pages{
	osprefs.Windows: osprefs.Explorer("ms-settings:windowsupdate"),
	osprefs.MacOS:   osprefs.SystemSettings("x-apple.systempreferences:com.apple.Software-Update-Settings.extension"),
	osprefs.KDE:     osprefs.KDEModule("kcm_updates"),
	osprefs.GNOME:   osprefs.GNOMESoftwareUpdates(),
}

// Pages declares the check's settings pages.
func (*OSUpdates) Pages() osprefs.Pages { return oSUpdatesPages }

// Spec: "os-updates", with time for the package manager's simulation,
// re-run once the package index, the installed set or the sources have
// changed and settled, and when GNOME Software's update settings change.
func (*OSUpdates) Spec() monitor.Spec {
	return monitor.Spec{
		ID: "os-updates", Timeout: packageTimeout, Settle: packageSettle,
		Triggers: append(fileTriggers(updates.StateFiles()...), dconfTriggers("/org/gnome/software/")...),
	}
}

// Run asks the package manager (through the shared cache); on Windows,
// which has none, it reads Windows Update's state from the registry and
// asks the Windows Update Agent what waits.
func (c *OSUpdates) Run(ctx context.Context) monitor.Result {
	if c.Sys.Registry != nil {
		f, err := windowsUpdate(c.Sys.Registry)
		if err != nil {
			return unknown("os-updates", err)
		}
		f.Search, f.SearchErr = searchWindowsUpdate(ctx)
		f.MaxAge = limitOr(c.MaxAge, MaxIndexAge)
		v, verr := windowsVersion(c.Sys.Registry)
		return c.withSupport(judgeWindowsUpdate(f, c.Sys.Now()), v, verr)
	}
	var r monitor.Result
	if rep, err := systemUpdates(ctx, c.Sys, c.Updates); err != nil {
		r = unknown("os-updates", err)
	} else {
		r = judgeUpdatesWithin(rep, c.Sys.Now(), limitOr(c.MaxAge, MaxIndexAge))
		if runtime.GOOS == "linux" {
			r = withoutUpdatesApp(r, c.Sys)
		}
	}
	if runtime.GOOS == "linux" {
		v, verr := linuxVersion(c.Sys)
		if f, err := readSources(ctx, c.Sys, nil); err == nil {
			v.Extended = extendedSource(f.Sources, v.Codename)
			v.ESM = esmSource(f.Sources)
		}
		r = c.withSupport(r, v, verr)
	}
	return r
}

// withSupport judges r by the system's version (judgeSupport): a version
// its maker no longer updates is a finding of its own, whatever the
// updater said.
func (c *OSUpdates) withSupport(r monitor.Result, v osVersion, verr error) monitor.Result {
	cat, err := catalog.OSSupportList()
	if err != nil {
		r.Add("system-version", err.Error())
		return r
	}
	return judgeSupport(r, v, verr, cat, c.Sys.Now())
}

func judgeUpdates(rep updates.Report, now time.Time) monitor.Result {
	return judgeUpdatesWithin(rep, now, 0)
}

// judgeUpdatesWithin judges with an index allowed to age maxAge (0:
// MaxIndexAge).
func judgeUpdatesWithin(rep updates.Report, now time.Time, maxAge time.Duration) monitor.Result {
	r := monitor.Result{Advice: "os-updates"}
	r.Add("manager", rep.Manager).Add("pending", len(rep.Pending)).Add("security", rep.Security())
	age := time.Duration(-1)
	if !rep.IndexTime.IsZero() {
		age = now.Sub(rep.IndexTime)
		r.Add("index-refreshed", rep.IndexTime.UTC().Format(time.RFC3339))
	} else {
		r.Add("index-refreshed", "unknown")
	}
	if !rep.Checked.IsZero() {
		// The list may come from an earlier process's simulation.
		r.Add("pending-listed", rep.Checked.UTC().Format(time.RFC3339))
	}
	if rep.Auto != nil {
		r.Add("automatic-updates", *rep.Auto).Add("automatic-how", rep.AutoHow)
	} else {
		r.Add("automatic-updates", "unknown")
	}
	for i, p := range rep.Pending {
		if i == 10 {
			r.Add("more", fmt.Sprintf("%d more", len(rep.Pending)-10))
			break
		}
		r.Add("update", fmt.Sprintf("%s %s → %s", p.Name, p.From, p.To))
	}
	r.Evidence = append(r.Evidence, rep.Notes...)
	days := int(age / (24 * time.Hour))
	switch {
	case rep.Security() > 0:
		r.Status, r.Advice = monitor.Critical, "os-updates.security"
		r.Finding = monitor.T("finding.os-updates.security", "Count", rep.Security(), "Total", len(rep.Pending))
	case len(rep.Pending) > 0:
		r.Status, r.Advice = monitor.Warn, "os-updates.pending"
		r.Finding = monitor.T("finding.os-updates.pending", "Count", len(rep.Pending))
	case age > cmp.Or(maxAge, MaxIndexAge):
		r.Status, r.Advice = monitor.Warn, "os-updates.stale"
		r.Finding = monitor.T("finding.os-updates.stale", "Days", days, "Count", days)
	case rep.Auto != nil && !*rep.Auto:
		r.Status, r.Advice = monitor.OK, "os-updates.manual"
		r.Finding = monitor.T("finding.os-updates.ok-manual")
	default:
		r.Status = monitor.OK
		r.Finding = monitor.T("finding.os-updates.ok")
	}
	return r
}
