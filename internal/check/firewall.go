package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Firewall checks that a firewall is on and filters what comes in (ADVICE
// topic 2): on a café's or hotel's network, every other guest can reach
// the services a computer listens on.
type Firewall struct {
	Sys host.System
}

// Spec: "firewall", re-run when a firewall's settings change.
func (c *Firewall) Spec() monitor.Spec {
	return monitor.Spec{ID: "firewall", Triggers: firewallTriggers(c.Sys)}
}

// fwState is one firewall found on the system.
type fwState struct {
	Name string
	// On: turned on (enabled at boot, or the system says so).
	On bool
	// Filtering: incoming connections are refused unless allowed.
	Filtering bool
	// Source is where this was read.
	Source string
	// Unsure says why On and Filtering could not be told (a file the
	// firewall reads holds what Mamori does not evaluate); "" when they
	// could.
	Unsure string
}

// fwFacts is what the readers found.
type fwFacts struct {
	Found []fwState
	// Unreadable names a firewall's rules that only root can read, when
	// nothing else tells.
	Unreadable string
	Windows    bool
}

// Run reads the firewalls' settings.
func (c *Firewall) Run(ctx context.Context) monitor.Result {
	f, err := readFirewall(c.Sys)
	if err != nil {
		return unknown("firewall", err)
	}
	return judgeFirewall(f)
}

// judgeFirewall: on Linux one firewall on and filtering is enough; on
// Windows every profile must be on. On but letting everything in,
// installed but off, or none at all is a warning; rules only root can
// read, with nothing else found, cannot be told.
func judgeFirewall(f fwFacts) monitor.Result {
	r := monitor.Result{Advice: "firewall"}
	if f.Windows {
		r.Advice = "firewall.windows"
	}
	var on, open, off, unsure []string
	for _, s := range f.Found {
		state := "off"
		switch {
		case s.Unsure != "":
			state = "cannot tell: " + s.Unsure
			unsure = append(unsure, s.Name)
		case s.On && s.Filtering:
			state = "on, filtering incoming connections"
			on = append(on, s.Name)
		case s.On:
			state = "on, letting every incoming connection in"
			open = append(open, s.Name)
		default:
			off = append(off, s.Name)
		}
		r.Add("firewall", s.Name+": "+state+" ("+s.Source+")")
	}
	switch {
	case f.Windows && len(off) > 0:
		// Each profile is a network type: one off is the café's. The
		// profiles are named in the evidence; the finding counts them
		// (their English names would stand in a Japanese sentence).
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.firewall.windows-off", "Count", len(off))
	case f.Windows && len(open) > 0:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.firewall.windows-open", "Count", len(open))
	case len(on) > 0:
		r.Status = monitor.OK
		r.Finding = monitor.T("finding.firewall.ok", "Names", on)
	case len(unsure) > 0:
		// The firewall that cannot be told may be the one that filters.
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.firewall.unsure", "Names", unsure)
	case len(open) > 0:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.firewall.open", "Names", open, "Count", len(open))
	case f.Unreadable != "":
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.firewall.root-only")
		r.Add("reason", f.Unreadable+" can be read only by root")
	case len(off) > 0:
		// Installed, only off: the advice is to turn it on, not to
		// install one (found on a trial with ufw off).
		r.Status = monitor.Warn
		r.Advice = "firewall.off"
		r.Finding = monitor.T("finding.firewall.off", "Names", off, "Count", len(off))
	default:
		r.Status = monitor.Warn
		r.Finding = monitor.T("finding.firewall.none")
	}
	return r
}
