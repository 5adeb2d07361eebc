package monitor

import (
	"context"
	"fmt"
	"time"
)

// MaxIndexAge is how old the package index may get before pending updates
// can no longer be trusted to be known.
const MaxIndexAge = 7 * 24 * time.Hour

// OSUpdates checks for pending operating-system updates.
type OSUpdates struct {
	Sys     System
	Updates *PackageUpdates
}

// ID returns "os-updates".
func (*OSUpdates) ID() string { return "os-updates" }

// Run asks the package manager (through the shared cache).
func (c *OSUpdates) Run(ctx context.Context) Result {
	rep, err := c.Updates.Report(ctx)
	if err != nil {
		return Unknownf("os-updates", "%v", err)
	}
	return judgeUpdates(rep, c.Sys.Now())
}

func judgeUpdates(rep UpdateReport, now time.Time) Result {
	r := Result{Advice: "os-updates"}
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
		r.Status, r.Advice = Critical, "os-updates.security"
		r.Finding = T("finding.os-updates.security", "Count", rep.Security(), "Total", len(rep.Pending))
	case len(rep.Pending) > 0:
		r.Status, r.Advice = Warn, "os-updates.pending"
		r.Finding = T("finding.os-updates.pending", "Count", len(rep.Pending))
	case age > MaxIndexAge:
		r.Status, r.Advice = Warn, "os-updates.stale"
		r.Finding = T("finding.os-updates.stale", "Days", days)
	case rep.Auto != nil && !*rep.Auto:
		r.Status, r.Advice = OK, "os-updates.manual"
		r.Finding = T("finding.os-updates.ok-manual")
	default:
		r.Status = OK
		r.Finding = T("finding.os-updates.ok")
	}
	return r
}
