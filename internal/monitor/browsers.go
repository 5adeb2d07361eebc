package monitor

import (
	"context"
	"fmt"
	"strings"

	"github.com/mamori-project/mamori/internal/monitor/catalog"
)

// BrowserUpdates checks that installed browsers are up to date and that no
// running browser is an old build left behind by an update.
type BrowserUpdates struct {
	Sys      System
	Updates  *PackageUpdates
	Browsers []catalog.Browser
}

// ID returns "browser-updates".
func (*BrowserUpdates) ID() string { return "browser-updates" }

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

// Run finds browsers, their pending updates and stale running builds.
func (c *BrowserUpdates) Run(ctx context.Context) Result {
	installed, err := findBrowsers(ctx, c.Sys, c.Browsers)
	if err != nil {
		return Unknownf("browser-updates", "%v", err)
	}
	if len(installed) == 0 {
		var names []string
		for _, b := range c.Browsers {
			names = append(names, b.Name)
		}
		r := Result{Status: Unknown, Advice: "browser-updates",
			Finding: T("finding.browser-updates.none-found")}
		r.Add("looked-for", strings.Join(names, ", "))
		return r
	}
	r := Result{Advice: "browser-updates"}
	for _, b := range installed {
		r.Add("installed", fmt.Sprintf("%s %s (%s)", b.Name, orUnknown(b.Version), b.Via))
	}

	var pending []string
	security := false
	rep, repErr := c.Updates.Report(ctx)
	if repErr != nil {
		r.Add("pending-updates", "unknown: "+repErr.Error())
	} else {
		for _, b := range installed {
			if b.Package == "" {
				continue
			}
			if u, ok := rep.Find(b.Package); ok {
				pending = append(pending, fmt.Sprintf("%s %s", b.Name, u.To))
				security = security || u.Security
				r.Add("update", fmt.Sprintf("%s %s → %s", b.Package, u.From, u.To))
			}
		}
	}

	procs, err := c.Sys.Procs.Processes(ctx)
	var stale []staleProcess
	if err != nil {
		r.Add("running", "unknown: "+err.Error())
	} else {
		stale = staleBrowsers(c.Sys, installed, procs)
		for _, s := range stale {
			r.Add("restart-needed", fmt.Sprintf("%s (pid %d): %s", s.Browser, s.PID, s.Why))
		}
	}

	switch {
	case len(pending) > 0:
		r.Status, r.Advice = Warn, "browser-updates.pending"
		if security {
			r.Status = Critical
		}
		r.Finding = T("finding.browser-updates.pending", "Browsers", strings.Join(pending, ", "))
	case len(stale) > 0:
		r.Status, r.Advice = Warn, "browser-updates.restart"
		r.Finding = T("finding.browser-updates.restart", "Browser", stale[0].Browser)
	case repErr != nil:
		r.Status = Unknown
		r.Finding = T("finding.unknown", "Reason", repErr.Error())
	default:
		r.Status = OK
		r.Finding = T("finding.browser-updates.ok", "Count", len(installed))
	}
	return r
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
func staleBrowsers(sys System, installed []installedBrowser, procs []Process) []staleProcess {
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
