package check

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
)

// winCurrentVersion is where Windows keeps its own version: CurrentBuild
// ("19045"), DisplayVersion ("22H2", since Windows 10 20H2) and EditionID
// ("Core", "Professional", "Enterprise"…). ProductName is not read: it says
// "Windows 10" on Windows 11 too.
const winCurrentVersion = `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion`

// osVersion is the system's version as the system states it: Windows'
// build and edition, or os-release's ID and VERSION_ID.
type osVersion struct {
	// Build, Display and Edition are Windows' CurrentBuild,
	// DisplayVersion and EditionID.
	Build   int
	Display string
	Edition string
	// ID, VersionID and Codename are os-release's ID, VERSION_ID and
	// VERSION_CODENAME.
	ID        string
	VersionID string
	Codename  string
	// Extended is the apt source that brings the release security updates
	// past its maker's last day (extendedSource), "" where there is none.
	Extended string
	// ESM is the apt source of Ubuntu Pro's Expanded Security Maintenance
	// (esmSource), "" where there is none.
	ESM string
}

// windowsVersion reads the build and edition from the registry. A build
// that is not a number is an error; a missing DisplayVersion (Windows 10
// before 20H2) or EditionID is left empty.
func windowsVersion(reg host.Registry) (osVersion, error) {
	var v osVersion
	if reg == nil {
		return v, errors.New("no registry to read")
	}
	s, err := reg.String(winCurrentVersion, "CurrentBuild")
	if err != nil {
		return v, err
	}
	if v.Build, err = strconv.Atoi(strings.TrimSpace(s)); err != nil || v.Build <= 0 {
		return v, fmt.Errorf("%s CurrentBuild: not a build number: '%s'", winCurrentVersion, monitor.Cut(s, 40))
	}
	for name, to := range map[string]*string{"DisplayVersion": &v.Display, "EditionID": &v.Edition} {
		switch s, err := reg.String(winCurrentVersion, name); {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return v, err
		default:
			*to = strings.TrimSpace(s)
		}
	}
	return v, nil
}

// osReleaseFiles are where os-release lies, in the order systemd reads them.
var osReleaseFiles = []string{"/etc/os-release", "/usr/lib/os-release"}

// linuxVersion reads os-release.
func linuxVersion(sys host.System) (osVersion, error) {
	var errs []error
	for _, name := range osReleaseFiles {
		data, err := sys.ReadFile(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		return parseOSRelease(data), nil
	}
	return osVersion{}, fmt.Errorf("reading os-release: %w", errors.Join(errs...))
}

// parseOSRelease reads ID, VERSION_ID and VERSION_CODENAME from an
// os-release file (shell-style assignments, values optionally quoted). It
// reads every line, however long (the file is bounded where it is read),
// and past a leading byte-order mark: a scanner that stopped at a long
// line would lose the ID without a word.
func parseOSRelease(data []byte) osVersion {
	var v osVersion
	for line := range lines.All(bytes.TrimPrefix(data, []byte("\ufeff"))) {
		key, val, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') && val[len(val)-1] == val[0] {
			val = val[1 : len(val)-1]
		}
		switch key {
		case "ID":
			v.ID = monitor.Cut(val, 40)
		case "VERSION_ID":
			v.VersionID = monitor.Cut(val, 40)
		case "VERSION_CODENAME":
			v.Codename = monitor.Cut(val, 40)
		}
	}
	return v
}

// extendedSource finds, among apt's sources, one that brings the release
// security updates past Debian LTS: Freexian's Extended LTS
// (deb.freexian.com/extended-lts, open to anyone who adds it to apt:
// freexian.com/lts/extended/docs/how-to-use-extended-lts), for the
// release's codename. It returns the file and the source, for the
// evidence.
func extendedSource(srcs []aptSource, codename string) string {
	if codename == "" {
		return ""
	}
	for _, s := range srcs {
		uri := strings.ToLower(strings.TrimRight(s.URI, "/"))
		_, rest, ok := strings.Cut(uri, "://")
		if !ok {
			continue
		}
		host, path, _ := strings.Cut(rest, "/")
		if (host == "deb.freexian.com" || strings.HasSuffix(host, ".freexian.com")) && path == "extended-lts" &&
			(s.Suite == codename || strings.HasPrefix(s.Suite, codename+"-")) {
			return s.File + ": " + s.URI + " " + s.Suite
		}
	}
	return ""
}

// esmSource finds, among apt's sources, Ubuntu Pro's Expanded Security
// Maintenance (esm.ubuntu.com, which the Pro client adds when it is turned
// on: ubuntu.com/pro), which brings an LTS release security updates past
// its standard support. It returns the file and the source, for the
// evidence.
func esmSource(srcs []aptSource) string {
	for _, s := range srcs {
		_, rest, ok := strings.Cut(strings.ToLower(s.URI), "://")
		if host, _, _ := strings.Cut(rest, "/"); ok && host == "esm.ubuntu.com" {
			return s.File + ": " + s.URI + " " + s.Suite
		}
	}
	return ""
}

// supportEnd is what the catalogue says of a version: its name and
// feature version, the last day of its security updates, and where that
// was read.
type supportEnd struct {
	Name, Version string
	LastDay       time.Time
	Sources       []string
	windows       bool
	// boughtLastDay is the last day of the updates that can be bought past
	// LastDay (Microsoft's ESU for organisations, Ubuntu Pro's Legacy
	// add-on), which the check cannot see; zero where there are none.
	boughtLastDay time.Time
	// standardLastDay is the end of an Ubuntu LTS's standard support;
	// zero where the catalogue gives none.
	standardLastDay time.Time
}

// boughtUntil parses a catalogue's bought_last_day; one that is not a date
// is taken as never ending, so that the finding keeps saying that bought
// updates may still come.
func boughtUntil(day string) time.Time {
	if day == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// supportOf finds v in the catalogue; ok is false for a version it does
// not list.
func supportOf(v osVersion, cat catalog.OSSupport) (supportEnd, bool) {
	if v.Build > 0 {
		for _, w := range cat.Windows {
			if v.Build < w.MinBuild || v.Build > w.MaxBuild || !slices.Contains(w.Editions, v.Edition) {
				continue
			}
			if day, err := time.Parse(time.DateOnly, w.LastDay); err == nil {
				return supportEnd{Name: w.Name, Version: w.Version, LastDay: day, Sources: w.Sources, windows: true, boughtLastDay: boughtUntil(w.BoughtLastDay)}, true
			}
		}
		return supportEnd{}, false
	}
	for _, r := range cat.Linux {
		if r.ID != v.ID || r.VersionID != v.VersionID {
			continue
		}
		if day, err := time.Parse(time.DateOnly, r.LastDay); err == nil {
			standard, _ := time.Parse(time.DateOnly, r.StandardLastDay)
			return supportEnd{Name: r.Name, LastDay: day, Sources: r.Sources, boughtLastDay: boughtUntil(r.BoughtLastDay), standardLastDay: standard}, true
		}
	}
	return supportEnd{}, false
}

// ended reports whether now is past the last day: a whole day later, in
// UTC, so that no time zone ends it early.
func (s supportEnd) ended(now time.Time) bool {
	return !now.Before(s.LastDay.AddDate(0, 0, 1))
}

// judgeSupport turns r into its own finding when the vendor no longer
// ships security updates for v: whatever the updater said (nothing
// waiting, or that it could not tell), a system past its last day gets no
// fixes, so "up to date" would not be true. A version the catalogue does
// not know, or one still supported, keeps r's verdict; readErr (the
// version could not be read) is kept as evidence and changes nothing.
func judgeSupport(r monitor.Result, v osVersion, readErr error, cat catalog.OSSupport, now time.Time) monitor.Result {
	if readErr != nil {
		r.Add("system-version", "unknown: "+readErr.Error())
		return r
	}
	switch {
	case v.Build > 0:
		r.Add("windows-build", v.Build).Add("windows-version", cmp.Or(v.Display, "unknown")).Add("windows-edition", cmp.Or(v.Edition, "unknown"))
	default:
		r.Add("os-release", strings.TrimSpace(v.ID+" "+v.VersionID+" "+v.Codename))
	}
	s, ok := supportOf(v, cat)
	if !ok {
		r.Add("support-end", "not in Mamori's catalogue")
		// Nothing is waiting, but whether updates still come was not
		// looked up: "up to date" would claim more than was read.
		switch r.Finding.Key {
		case "finding.os-updates.ok":
			r.Finding = monitor.T("finding.os-updates.ok-unjudged")
		case "finding.os-updates.ok-manual":
			r.Finding = monitor.T("finding.os-updates.ok-manual-unjudged")
		}
		return r
	}
	r.Add("support-end", s.LastDay.Format(time.DateOnly))
	if !s.ended(now) {
		return standardEnded(r, s, v, now)
	}
	if v.Extended != "" {
		// Updates still come, from past the maker's last day: the
		// updater's verdict stands.
		r.Add("extended-support", v.Extended)
		return r
	}
	for _, src := range s.Sources {
		r.Add("support-end-source", src)
	}
	r.Status = monitor.Critical
	// Updates can still be bought for it: the check cannot see whether
	// they were, and the finding says so.
	bought := !s.boughtLastDay.IsZero() && !(supportEnd{LastDay: s.boughtLastDay}).ended(now)
	if bought {
		r.Add("bought-support-end", s.boughtLastDay.Format(time.DateOnly))
	}
	switch {
	case s.windows && s.Version == "" && bought:
		r.Advice = "os-updates.windows-ended"
		r.Finding = monitor.T("finding.os-updates.windows-ended-unless-bought")
	case s.windows && s.Version == "":
		r.Advice = "os-updates.windows-ended"
		r.Finding = monitor.T("finding.os-updates.windows-ended")
	case s.windows:
		r.Advice = "os-updates.windows-version-ended"
		r.Finding = monitor.T("finding.os-updates.windows-version-ended", "Version", s.Version)
	case bought:
		r.Advice = "os-updates.release-ended"
		r.Finding = monitor.T("finding.os-updates.release-ended-unless-bought", "System", s.Name)
	default:
		r.Advice = "os-updates.release-ended"
		r.Finding = monitor.T("finding.os-updates.release-ended", "System", s.Name)
	}
	// The version and its last day decide this verdict: they come first
	// under Details, before the updater's lines, which may be cut.
	slices.SortStableFunc(r.Evidence, func(a, b monitor.Evidence) int {
		return cmp.Compare(supportFirst(a.Key), supportFirst(b.Key))
	})
	return r
}

// supportFirst orders the evidence of a release verdict: what was read of
// the version and its last day (0) before the rest (1).
func supportFirst(key string) int {
	switch key {
	case "windows-build", "windows-version", "windows-edition", "os-release", "support-end", "support-end-source", "bought-support-end":
		return 0
	}
	return 1
}

// standardEnded: an Ubuntu LTS past its standard support still gets most
// security updates only through Ubuntu Pro. Where apt's sources show no
// Pro (esm.ubuntu.com), an up-to-date verdict becomes a warning of its
// own: nothing is waiting because little is still published for it. A
// worse verdict (updates waiting, or unknown) stands, with the date under
// Details.
func standardEnded(r monitor.Result, s supportEnd, v osVersion, now time.Time) monitor.Result {
	if s.standardLastDay.IsZero() || !(supportEnd{LastDay: s.standardLastDay}).ended(now) {
		return r
	}
	r.Add("standard-support-end", s.standardLastDay.Format(time.DateOnly))
	if v.ESM != "" {
		r.Add("ubuntu-pro", v.ESM)
		return r
	}
	r.Add("ubuntu-pro", "no esm.ubuntu.com source in apt's sources")
	if r.Status != monitor.OK {
		return r
	}
	for _, src := range s.Sources {
		r.Add("support-end-source", src)
	}
	r.Status = monitor.Warn
	r.Advice = "os-updates.ubuntu-standard-ended"
	r.Finding = monitor.T("finding.os-updates.ubuntu-standard-ended", "System", s.Name)
	return r
}
