package check

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/osprefs"
)

// MaxDefinitionsAge is how old virus definitions may get.
const MaxDefinitionsAge = 7 * 24 * time.Hour

// Antivirus checks that antivirus software runs and, for ClamAV, that its
// definitions are current.
type Antivirus struct {
	Sys      host.System
	Products []catalog.Antivirus
}

// Spec: "antivirus". Processes come and go without an event Mamori can
// watch cheaply, so the interval re-runs it.
// antivirusPages are where the system's own settings for the antivirus are, for the
// status window's Open settings.
var antivirusPages = osprefs.Pages{
	osprefs.Windows: osprefs.Explorer("windowsdefender:"),
}

// Pages declares the check's settings pages.
func (*Antivirus) Pages() osprefs.Pages { return antivirusPages }

func (*Antivirus) Spec() monitor.Spec { return monitor.Spec{ID: "antivirus"} }

// avFacts is what the antivirus check reads: the products running, and
// for ClamAV when it runs, when its newest definitions were built.
type avFacts struct {
	Scanned int // processes looked at
	Found   []avMatch
	// Ignored are processes named like a product that were not believed.
	Ignored []string
	// Defs is the definitions of the one running product whose
	// definitions the system lets a user date (ClamAV, Microsoft
	// Defender); its Product is "" when none runs.
	Defs avDefinitions
	// Windows: the advice is Windows' (Defender is built in).
	Windows bool
	// Stale are running products whose definitions the system itself
	// reports out of date (Windows Security Center), without a date.
	Stale []string
	// RealtimeOff are products that run with their real-time protection
	// turned off (Microsoft Defender): found, but not protecting.
	RealtimeOff []string
	// Center is what Windows Security Center said of each product, or
	// why it could not be asked: evidence.
	Center []string
	// Unconfirmed are products seen running (their service, or a process
	// under their program's name) whose program Windows would not show,
	// where Security Center did not answer; Seen says what was seen.
	Unconfirmed []string
	Seen        []string
}

// Run lists processes and matches them against the catalogue.
func (c *Antivirus) Run(ctx context.Context) monitor.Result {
	f, err := readAntivirus(ctx, c.Sys, c.Products)
	if err != nil {
		return unknown("antivirus", err)
	}
	return judgeAntivirus(f, c.Sys.Now())
}

func judgeAntivirus(f avFacts, now time.Time) monitor.Result {
	r := monitor.Result{Advice: "antivirus"}
	r.Add("processes-scanned", f.Scanned)
	for _, ig := range f.Ignored {
		r.Add("not-believed", ig)
	}
	for _, c := range f.Center {
		r.Add("security-center", c)
	}
	if len(f.Found) == 0 && len(f.Unconfirmed) > 0 {
		// Seen, but not confirmed: not "none".
		for _, s := range f.Seen {
			r.Add("seen-running", s)
		}
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.antivirus.unconfirmed", "Products", f.Unconfirmed)
		return r
	}
	if len(f.Found) == 0 {
		r.Status, r.Advice = monitor.Warn, "antivirus.none"
		if f.Windows {
			r.Advice = "antivirus.windows"
		}
		r.Finding = monitor.T("finding.antivirus.none")
		if len(f.RealtimeOff) > 0 {
			r.Finding = monitor.T("finding.antivirus.realtime-off", "Products", f.RealtimeOff)
		}
		return r
	}
	var names []string
	for _, m := range f.Found {
		names = append(names, m.product.Name)
		if m.pid == 0 { // named by the system, not a process
			r.Add("running", fmt.Sprintf("%s (%s)", m.product.Name, m.proc))
			continue
		}
		r.Add("running", fmt.Sprintf("%s (%s, pid %d)", m.product.Name, monitor.Cut(m.proc, 40), m.pid))
	}
	list := names // joined by the printer, in the person's language
	if len(f.Stale) > 0 && len(f.Stale) == len(f.Found) {
		r.Status, r.Advice = monitor.Warn, "antivirus.stale"
		if f.Windows {
			r.Advice = "antivirus.stale.windows"
		}
		r.Finding = monitor.T("finding.antivirus.stale-reported", "Products", list)
		return r
	}
	d := f.Defs
	if d.Product == "" || !hasProduct(f.Found, d.Product) {
		r.Status = monitor.OK
		r.Finding = monitor.T("finding.antivirus.ok-unchecked", "Products", list)
		return r
	}
	r.Add(d.SourceKey, d.Source)
	if d.Err != nil {
		r.Status = monitor.Unknown
		r.Finding = monitor.T("finding.antivirus.defs-unknown", "Products", list)
		r.Add("reason", d.Err.Error())
		return r
	}
	age := now.Sub(d.Built)
	r.Add("definitions-built", d.Built.UTC().Format(time.RFC3339))
	days := int(age / (24 * time.Hour))
	maxAge := d.MaxAge
	if maxAge == 0 {
		maxAge = MaxDefinitionsAge
	}
	if age > maxAge {
		r.Status, r.Advice = monitor.Warn, "antivirus.stale"
		if f.Windows {
			r.Advice = "antivirus.stale.windows"
		}
		r.Finding = monitor.T("finding.antivirus.stale", "Products", list, "Days", days, "Count", days)
		return r
	}
	r.Status = monitor.OK
	r.Finding = monitor.T("finding.antivirus.ok", "Products", list, "Days", days, "Count", days)
	return r
}

// avDefinitions is when a product's newest definitions were made.
type avDefinitions struct {
	Product string // the catalogue ID
	// Source is where they were read: evidence, under SourceKey.
	Source, SourceKey string
	Built             time.Time
	Err               error // why they could not be dated
	// MaxAge is how old they may get; zero means MaxDefinitionsAge.
	// XProtect's are published every few weeks, not daily.
	MaxAge time.Duration
}

type avMatch struct {
	product catalog.Antivirus
	proc    string
	pid     int32
}

// matchProducts returns each product with a running process that believe
// accepts, once, in catalogue order, and a line for each process that
// carried a product's name but was not believed (anyone can name a program
// savd). A nil believe accepts every process.
func matchProducts(products []catalog.Antivirus, procs []host.Process, believe func(host.Process, catalog.Antivirus) (bool, string)) (found []avMatch, ignored []string) {
	byName := map[string]int{}
	for i, p := range products {
		for _, n := range p.Procs {
			byName[n] = i
			if len(n) > 15 { // the kernel keeps 15 bytes of a process name
				byName[n[:15]] = i
			}
		}
	}
	seen := map[int]avMatch{}
	for _, p := range procs {
		for _, n := range []string{p.Name, baseName(p.Args0), baseName(p.Exe)} {
			i, ok := byName[n]
			if !ok || n == "" {
				continue
			}
			if _, dup := seen[i]; dup {
				break
			}
			if believe != nil {
				if ok, why := believe(p, products[i]); !ok {
					ignored = append(ignored, fmt.Sprintf("%s (pid %d, %s): %s", monitor.Cut(n, 40), p.PID, monitor.Cut(p.Exe, 80), why))
					break
				}
			}
			seen[i] = avMatch{product: products[i], proc: n, pid: p.PID}
			break
		}
	}
	idx := make([]int, 0, len(seen))
	for i := range seen {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	found = make([]avMatch, len(idx))
	for k, i := range idx {
		found[k] = seen[i]
	}
	return found, ignored
}

// hasProduct reports whether the product with catalogue ID id was found.
func hasProduct(found []avMatch, id string) bool {
	for _, f := range found {
		if f.product.ID == id {
			return true
		}
	}
	return false
}

// parseCVDHeader reads a ClamAV database header: 512 bytes of
// "ClamAV-VDB:build time:version:signatures:level:MD5:signature:builder:stime"
// with the build time as "02 Jan 2006 15-04 -0700".
func parseCVDHeader(head []byte) (time.Time, error) {
	s := strings.TrimRight(string(head), " \x00")
	if !strings.HasPrefix(s, "ClamAV-VDB:") {
		return time.Time{}, errors.New("not a ClamAV database header")
	}
	f := strings.Split(s, ":")
	if len(f) < 3 {
		return time.Time{}, errors.New("truncated ClamAV database header")
	}
	if t, err := time.Parse("02 Jan 2006 15-04 -0700", f[1]); err == nil {
		return t, nil
	}
	// Fall back to the builder's Unix time, the ninth field.
	if len(f) >= 9 {
		if sec, err := strconv.ParseInt(strings.TrimSpace(f[8]), 10, 64); err == nil && sec > 0 {
			return time.Unix(sec, 0), nil
		}
	}
	return time.Time{}, fmt.Errorf("unreadable build time '%s'", monitor.Cut(f[1], 40))
}

// parseStatusUID reads the real user ID from /proc/PID/status: the first
// field of the "Uid:" line (real, effective, saved, file system).
func parseStatusUID(data []byte) (int, bool) {
	for line := range lines.All(data) {
		if rest, ok := strings.CutPrefix(line, "Uid:"); ok {
			f := strings.Fields(rest)
			if len(f) == 0 {
				return 0, false
			}
			uid, err := strconv.Atoi(f[0])
			return uid, err == nil && uid >= 0
		}
	}
	return 0, false
}
