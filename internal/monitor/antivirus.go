package monitor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/monitor/catalog"
	"github.com/mamori-project/mamori/internal/safe"
)

// MaxDefinitionsAge is how old virus definitions may get.
const MaxDefinitionsAge = 7 * 24 * time.Hour

// Antivirus checks that antivirus software runs and, for ClamAV, that its
// definitions are current.
type Antivirus struct {
	Sys      System
	Products []catalog.Antivirus
}

// ID returns "antivirus".
func (*Antivirus) ID() string { return "antivirus" }

// Run lists processes and matches them against the catalogue.
func (c *Antivirus) Run(ctx context.Context) Result {
	procs, err := c.Sys.Procs.Processes(ctx)
	if err != nil {
		return Unknownf("antivirus", "%v", err)
	}
	found := matchProducts(c.Products, procs)
	r := Result{Advice: "antivirus"}
	r.Add("processes-scanned", len(procs))
	if len(found) == 0 {
		r.Status, r.Advice = Warn, "antivirus.none"
		r.Finding = T("finding.antivirus.none")
		return r
	}
	var names []string
	for _, f := range found {
		names = append(names, f.product.Name)
		r.Add("running", fmt.Sprintf("%s (%s, pid %d)", f.product.Name, safe.Text(f.proc, 40), f.pid))
	}
	list := strings.Join(names, ", ")
	if !hasProduct(found, "clamav") {
		r.Status = OK
		r.Finding = T("finding.antivirus.ok-unchecked", "Products", list)
		return r
	}
	db := clamDatabaseDir(c.Sys)
	r.Add("clamav-database", db)
	built, err := clamDefinitionsTime(c.Sys, db)
	if err != nil {
		r.Status = Unknown
		r.Finding = T("finding.antivirus.defs-unknown", "Products", list, "Reason", err.Error())
		return r
	}
	age := c.Sys.Now().Sub(built)
	r.Add("definitions-built", built.UTC().Format(time.RFC3339))
	days := int(age / (24 * time.Hour))
	if age > MaxDefinitionsAge {
		r.Status, r.Advice = Warn, "antivirus.stale"
		r.Finding = T("finding.antivirus.stale", "Products", list, "Days", days)
		return r
	}
	r.Status = OK
	r.Finding = T("finding.antivirus.ok", "Products", list, "Days", days)
	return r
}

type avMatch struct {
	product catalog.Antivirus
	proc    string
	pid     int32
}

// matchProducts returns each product with a running process, once, in
// catalogue order.
func matchProducts(products []catalog.Antivirus, procs []Process) []avMatch {
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
			if i, ok := byName[n]; ok && n != "" {
				if _, dup := seen[i]; !dup {
					seen[i] = avMatch{product: products[i], proc: n, pid: p.PID}
				}
				break
			}
		}
	}
	idx := make([]int, 0, len(seen))
	for i := range seen {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	out := make([]avMatch, len(idx))
	for k, i := range idx {
		out[k] = seen[i]
	}
	return out
}

func hasProduct(found []avMatch, id string) bool {
	for _, f := range found {
		if f.product.ID == id {
			return true
		}
	}
	return false
}

// clamDatabaseDir reads DatabaseDirectory from freshclam.conf or clamd.conf.
func clamDatabaseDir(sys System) string {
	for _, conf := range []string{"/etc/clamav/freshclam.conf", "/etc/clamav/clamd.conf", "/etc/freshclam.conf", "/etc/clamd.d/scan.conf"} {
		data, err := sys.readFile(conf)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) == 2 && f[0] == "DatabaseDirectory" && path.IsAbs(f[1]) {
				return f[1]
			}
		}
	}
	return "/var/lib/clamav"
}

// clamDefinitionsTime returns the build time of the newest ClamAV database in
// dir, read from the files' own headers.
func clamDefinitionsTime(sys System, dir string) (time.Time, error) {
	entries, err := fs.ReadDir(sys.FS, rel(dir))
	if err != nil {
		return time.Time{}, fmt.Errorf("reading %s: %w", dir, err)
	}
	var newest time.Time
	var lastErr error
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if ext != ".cvd" && ext != ".cld" && ext != ".cud" {
			continue
		}
		f, err := sys.FS.Open(rel(path.Join(dir, e.Name())))
		if err != nil {
			lastErr = err
			continue
		}
		head := make([]byte, 512)
		n, _ := f.Read(head)
		f.Close()
		t, err := parseCVDHeader(head[:n])
		if err != nil {
			lastErr = fmt.Errorf("%s: %w", e.Name(), err)
			continue
		}
		if t.After(newest) {
			newest = t
		}
	}
	if newest.IsZero() {
		if lastErr != nil {
			return newest, lastErr
		}
		return newest, errors.New("no ClamAV database files in " + dir)
	}
	return newest, nil
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
	return time.Time{}, fmt.Errorf("unreadable build time %q", truncate(f[1], 40))
}
