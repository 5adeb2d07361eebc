package check

import (
	"context"
	"fmt"
	"strings"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/osprefs"
	"github.com/mamori-project/mamori/internal/updates"
)

// BrowserUpdates checks that installed browsers are up to date and that no
// running browser is an old build left behind by an update.
type BrowserUpdates struct {
	Sys      host.System
	Updates  *updates.Cache
	Browsers []catalog.Browser
}

// Spec: "browser-updates", with the same time and the same package
// triggers as os-updates, because it may be the one that asks the package
// manager and its answer changes with the same files.
// browserUpdatesPages are where the system's own settings for updates, browsers' among them are, for the
// status window's Open settings.
var browserUpdatesPages = osprefs.Pages{
	osprefs.GNOME: osprefs.GNOMESoftwareUpdates(),
}

// Pages declares the check's settings pages.
func (*BrowserUpdates) Pages() osprefs.Pages { return browserUpdatesPages }

func (*BrowserUpdates) Spec() monitor.Spec {
	return monitor.Spec{
		ID: "browser-updates", Timeout: packageTimeout, Settle: packageSettle,
		Triggers: fileTriggers(updates.StateFiles()...),
	}
}

// installedBrowser is a browser found on disk.
type installedBrowser struct {
	catalog.Browser
	Package string // the distribution package, "" for other installs
	Version string
	Via     string // "package", "snap", "flatpak", "files"
}

// staleProcess is a running browser whose binary has been replaced.
type staleProcess struct {
	Browser string
	PID     int32
	Why     string
}

// browserFacts is what the browser-updates check reads: the installed
// browsers, the package manager's answer and the running processes that
// outlived an update. An error stands beside what could not be read.
type browserFacts struct {
	Installed []installedBrowser
	Updates   updates.Report
	UpdateErr error
	Stale     []staleProcess
	ProcErr   error
	// SelfUpdating: the browsers update themselves (Windows) and no
	// package manager knows of their updates.
	SelfUpdating bool
	// UpdaterOff names the browsers whose own updater a policy turns off.
	UpdaterOff []string
}

// Run finds browsers, their pending updates and stale running builds.
func (c *BrowserUpdates) Run(ctx context.Context) monitor.Result {
	f, err := readBrowsers(ctx, c.Sys, c.Browsers, c.Updates)
	if err != nil {
		return unknown("browser-updates", err)
	}
	return judgeBrowsers(f, c.Browsers)
}

// judgeBrowsers gives the verdict; known is the catalogue looked through.
func judgeBrowsers(f browserFacts, known []catalog.Browser) monitor.Result {
	if len(f.Installed) == 0 {
		var names []string
		for _, b := range known {
			names = append(names, b.Name)
		}
		// Nothing to keep up to date, as far as Mamori can see: the
		// finding names the browsers looked for, so a person with another
		// one knows it was not checked.
		r := monitor.Result{Status: monitor.NotApplicable, Advice: "browser-updates",
			Finding: monitor.T("finding.browser-updates.none-found")}
		r.Add("looked-for", strings.Join(names, ", "))
		return r
	}
	r := monitor.Result{Advice: "browser-updates"}
	for _, b := range f.Installed {
		r.Add("installed", fmt.Sprintf("%s %s (%s)", b.Name, orUnknown(b.Version), b.Via))
	}

	var pending []string
	security := false
	for _, b := range f.UpdaterOff {
		r.Add("updater-off", b)
	}
	if f.SelfUpdating {
		r.Add("updates", "by each browser's own updater")
	} else if f.UpdateErr != nil {
		r.Add("pending-updates", "unknown: "+f.UpdateErr.Error())
	} else {
		for _, b := range f.Installed {
			if b.Package == "" {
				continue
			}
			if u, ok := f.Updates.Find(b.Package); ok {
				pending = append(pending, fmt.Sprintf("%s %s", b.Name, u.To))
				security = security || u.Security
				r.Add("update", fmt.Sprintf("%s %s → %s", b.Package, u.From, u.To))
			}
		}
	}
	if f.ProcErr != nil {
		r.Add("running", "unknown: "+f.ProcErr.Error())
	}
	for _, s := range f.Stale {
		if s.PID == 0 { // known from the updater's record, not a process
			r.Add("restart-needed", fmt.Sprintf("%s: %s", s.Browser, s.Why))
			continue
		}
		r.Add("restart-needed", fmt.Sprintf("%s (pid %d): %s", s.Browser, s.PID, s.Why))
	}

	switch {
	case len(pending) > 0:
		r.Status, r.Advice = monitor.Warn, "browser-updates.pending"
		if security {
			r.Status = monitor.Critical
		}
		r.Finding = monitor.T("finding.browser-updates.pending", "Browsers", pending)
	case len(f.UpdaterOff) > 0:
		r.Status, r.Advice = monitor.Warn, "browser-updates.updater-off"
		r.Finding = monitor.T("finding.browser-updates.updater-off", "Browsers", f.UpdaterOff)
	case len(f.Stale) > 0:
		r.Status, r.Advice = monitor.Warn, "browser-updates.restart"
		r.Finding = monitor.T("finding.browser-updates.restart", "Browser", f.Stale[0].Browser)
	case f.SelfUpdating:
		r.Status = monitor.OK
		r.Finding = monitor.T(browsersKey(len(f.Installed), "finding.browser-updates.self-updating", "finding.browser-updates.self-updating-several"), "Count", len(f.Installed))
	case f.UpdateErr != nil:
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.unknown")
		r.Add("reason", f.UpdateErr.Error())
	default:
		r.Status = monitor.OK
		r.Finding = monitor.T(browsersKey(len(f.Installed), "finding.browser-updates.ok", "finding.browser-updates.ok-several"), "Count", len(f.Installed))
	}
	return r
}

// browsersKey is the key of a finding about one browser, or of the one
// about several: Japanese has no plural form to choose between (CLDR, and
// go-i18n, which the catalogues follow), and "the browser" and "all of
// the n browsers" are different sentences there.
func browsersKey(browsers int, one, several string) string {
	if browsers > 1 {
		return several
	}
	return one
}

func orUnknown(s string) string {
	if s == "" {
		return "version unknown"
	}
	return s
}

// staleBrowsers finds running browser processes whose executable was
// replaced on disk after they started: the kernel marks such an executable
// " (deleted)", and a snap's running revision differs from its current one.
func staleBrowsers(sys host.System, installed []installedBrowser, procs []host.Process) []staleProcess {
	type key struct{ name, why string }
	seen := map[key]bool{}
	var out []staleProcess
	for _, b := range installed {
		names := map[string]bool{}
		for _, n := range b.Procs {
			names[n] = true
		}
		for _, e := range b.Exes {
			names[baseName(e)] = true
		}
		for _, p := range procs {
			if !names[p.Name] && !names[baseName(p.Exe)] {
				continue
			}
			why := ""
			switch {
			case strings.HasSuffix(p.Exe, " (deleted)"):
				why = "its program file was replaced by an update"
			case b.Snap != "" && strings.HasPrefix(p.Exe, "/snap/"+b.Snap+"/"):
				rev := strings.SplitN(strings.TrimPrefix(p.Exe, "/snap/"+b.Snap+"/"), "/", 2)[0]
				if cur, ok := snapCurrent(sys, b.Snap); ok && rev != cur {
					why = fmt.Sprintf("runs snap revision %s, %s is installed", rev, cur)
				}
			}
			if why == "" || seen[key{b.Name, why}] {
				continue
			}
			seen[key{b.Name, why}] = true
			out = append(out, staleProcess{Browser: b.Name, PID: p.PID, Why: why})
		}
	}
	return out
}
