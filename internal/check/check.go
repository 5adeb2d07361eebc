// Package check holds Mamori's checks, one file each. A check's file
// declares its Spec (ID, deadline, the events that re-run it) and judges
// what was read with a pure function; `<check>_linux.go` and the other
// per-OS files only read facts from the system and return them with an
// error. A check that Mamori can fix declares its fix in `<check>_fix.go`
// (its Fixes method: a planner per desktop, beside the readers of the same
// settings, held to the same limits). Build lists the checks, in display
// order, with what each needs.
package check

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/osprefs"
	"github.com/mamori-project/mamori/internal/updates"
	"github.com/mamori-project/mamori/internal/wifi"
)

// Deps is what the checks need from the program that runs them.
type Deps struct {
	Sys host.System
	// WiFi reads the current connection and the saved profiles; nil when
	// there is no way to read them (the check then says why).
	WiFi WiFiReader
	// Trusted returns the person's trusted networks, read at each run.
	Trusted func() []config.TrustedNetwork
	// ExpectedRemote returns the remote-control tools the person uses on
	// purpose (settings), read at each run.
	ExpectedRemote func() []string
	// ReadFileContents says whether the person let the password-files
	// check look inside small text files (settings), read at each run.
	ReadFileContents func() bool
	// SharedComputer says whether the person told Mamori that others use
	// this computer (settings), read at each run.
	SharedComputer func() bool
	// AllowedRoots and AllowedHosts are the root certificates (SHA-256)
	// and hosts-file names an organisation added on purpose, read at
	// each run.
	AllowedRoots, AllowedHosts func() []string
	// Limits are the thresholds the checks judge by, read at each run;
	// nil: Mamori's own (MaxLockDelay, MaxIdleSleep, MaxIndexAge).
	Limits func() Limits
	// PackageStore is the file that keeps the package manager's answer
	// between processes; "" keeps it in memory only.
	PackageStore string
}

// Build returns every check, in display order, wired to deps. It is the one
// list of checks: the agent, `mamori check`, the settings window and the
// tests all take it from here.
func Build(deps Deps) ([]monitor.Check, error) {
	browsers, err := catalog.Browsers()
	if err != nil {
		return nil, err
	}
	products, err := catalog.AntivirusProducts()
	if err != nil {
		return nil, err
	}
	public, err := wifi.LoadCatalog()
	if err != nil {
		return nil, err
	}
	sites, err := catalog.SiteList()
	if err != nil {
		return nil, err
	}
	remote, err := catalog.RemoteTools()
	if err != nil {
		return nil, err
	}
	managers, err := catalog.PasswordManagers()
	if err != nil {
		return nil, err
	}
	secRoots, err := catalog.SecurityRoots()
	if err != nil {
		return nil, err
	}
	pkgs := &updates.Cache{Sys: deps.Sys, Store: deps.PackageStore}
	w := &WiFi{Public: public, Trusted: deps.Trusted}
	if deps.WiFi != nil {
		w.Source, w.Saved = deps.WiFi, deps.WiFi
	}
	return []monitor.Check{
		w,
		&ScreenLock{Sys: deps.Sys, Max: limit(deps.Limits, func(l Limits) time.Duration { return l.LockDelay })},
		&IdlePower{Sys: deps.Sys, Max: limit(deps.Limits, func(l Limits) time.Duration { return l.IdleSleep })},
		&OSUpdates{Sys: deps.Sys, Updates: pkgs, MaxAge: limit(deps.Limits, func(l Limits) time.Duration { return l.IndexAge })},
		&BrowserUpdates{Sys: deps.Sys, Updates: pkgs, Browsers: browsers},
		&Antivirus{Sys: deps.Sys, Products: products},
		&Firewall{Sys: deps.Sys},
		&DiskEncryption{Sys: deps.Sys},
		&RemoteControl{Sys: deps.Sys, Catalog: remote, Expected: deps.ExpectedRemote},
		&SiteRedirects{Sys: deps.Sys, Sites: sites, SecurityRoots: secRoots, Products: products, AllowedRoots: deps.AllowedRoots, AllowedHosts: deps.AllowedHosts},
		&PasswordManager{Sys: deps.Sys, Managers: managers},
		&BrowserPasswords{Sys: deps.Sys, Shared: deps.SharedComputer},
		&AppSources{Sys: deps.Sys, Updates: pkgs},
		&PasswordFiles{Sys: deps.Sys, ReadContents: deps.ReadFileContents},
	}, nil
}

// Limits are the thresholds an organisation may set (internal/policy);
// a zero one is Mamori's own.
type Limits struct {
	LockDelay, IdleSleep, IndexAge time.Duration
}

// limitOr is a check's threshold: what max says (an organisation's
// policy), or def where it says nothing or zero.
func limitOr(max func() time.Duration, def time.Duration) time.Duration {
	if max != nil {
		if d := max(); d > 0 {
			return d
		}
	}
	return def
}

// LimitsOf are the thresholds in the settings, as the agent and the
// window have them (an organisation's policy sets them; a zero one is
// Mamori's own): the checks judge by them and their fixes plan to them.
func LimitsOf(st config.Settings) Limits {
	return Limits{
		LockDelay: time.Duration(st.ScreenLockMinutes) * time.Minute,
		IdleSleep: time.Duration(st.IdleSleepMinutes) * time.Minute,
		IndexAge:  time.Duration(st.UpdateDays) * 24 * time.Hour,
	}
}

// limit reads one threshold of limits at each run; nil for none.
func limit(limits func() Limits, which func(Limits) time.Duration) func() time.Duration {
	if limits == nil {
		return nil
	}
	return func() time.Duration { return which(limits()) }
}

// IDs lists the checks' IDs in display order, for a program that shows
// them without running them (the settings window).
func IDs() []string {
	checks, err := Build(Deps{})
	if err != nil {
		// The catalogues are embedded: this is a build error, caught by
		// the tests.
		panic(err)
	}
	return monitor.IDs(checks)
}

// Pages returns the system settings pages the check id declares (each
// check's own file says where the system's settings for it are); nil for
// a check with none.
func Pages(id string) osprefs.Pages { return declared().pages[id] }

// PagesFor is Pages for a result whose advice may name another page than
// the check's usual one: on Xfce, light-locker's settings are in the
// Power Manager, which its advice names, not in the Settings Manager
// where the Xfce screensaver's are. A check says so with AdvicePages.
func PagesFor(id, advice string) osprefs.Pages {
	pages := Pages(id)
	over := declared().advice[advice]
	if len(over) == 0 {
		return pages
	}
	out := maps.Clone(pages)
	if out == nil {
		out = osprefs.Pages{}
	}
	maps.Copy(out, over)
	return out
}

// declared are the pages every check declares: its own, by check ID, and
// those its advice names instead, by advice key.
var declared = sync.OnceValue(func() (d struct{ pages, advice map[string]osprefs.Pages }) {
	checks, err := Build(Deps{})
	if err != nil {
		panic(err) // the catalogues are embedded: a build error, caught by the tests
	}
	d.pages, d.advice = map[string]osprefs.Pages{}, map[string]osprefs.Pages{}
	for _, c := range checks {
		if p, ok := c.(interface{ Pages() osprefs.Pages }); ok {
			d.pages[c.Spec().ID] = p.Pages()
		}
		if p, ok := c.(interface {
			AdvicePages() map[string]osprefs.Pages
		}); ok {
			maps.Copy(d.advice, p.AdvicePages())
		}
	}
	return d
})

// errUnsupported is the error of a reader on a system it has none for.
func errUnsupported(goos string) error { return monitor.ErrUnsupported(goos) }

// noDesktopError is a reader's answer in a session whose desktop Mamori
// cannot read settings from; raw is XDG_CURRENT_DESKTOP, "" when unset.
// evidence is what the reader could read all the same.
type noDesktopError struct {
	raw      string
	evidence []monitor.Evidence
}

func (e noDesktopError) Error() string {
	if e.raw == "" {
		return "no desktop session found (XDG_CURRENT_DESKTOP is not set)"
	}
	return fmt.Sprintf("Mamori does not read the settings of the '%s' desktop", e.raw)
}

// unknown is the result of a check whose reader failed: the reason in the
// person's language where Mamori knows it, the technical detail otherwise.
func unknown(advice string, err error) monitor.Result {
	var unsup monitor.UnsupportedError
	var nodesk noDesktopError
	switch {
	case errors.As(err, &unsup):
		return monitor.Unsupported(advice, unsup.System)
	case errors.As(err, &nodesk):
		r := monitor.Result{Status: monitor.Unknown, Advice: advice}
		if nodesk.raw == "" {
			r.Finding = monitor.T("finding.no-desktop")
		} else {
			// XDG_CURRENT_DESKTOP lists the desktop and those it derives
			// from ("Budgie:GNOME"); the person knows it by the first.
			name, _, _ := strings.Cut(nodesk.raw, ":")
			r.Finding = monitor.T("finding.unsupported-desktop", "Desktop", name)
		}
		r.Add("XDG_CURRENT_DESKTOP", nodesk.raw)
		r.Evidence = append(r.Evidence, nodesk.evidence...)
		return r
	}
	var missing *command.MissingError
	if errors.As(err, &missing) {
		return monitor.UnknownBecause(monitor.T("finding.unknown.missing", "Program", string(missing.Name)), advice, err.Error())
	}
	var elsewhere *command.NotDesktopError
	if errors.As(err, &elsewhere) {
		return monitor.UnknownBecause(monitor.T("finding.unknown.not-desktop"), advice, err.Error())
	}
	return monitor.Unknownf(advice, "%v", err)
}

// minutes rounds d up to whole minutes, so "locks within N minutes" is true.
func minutes(d time.Duration) int {
	return int((d + time.Minute - 1) / time.Minute)
}

// durationEvidence shows a duration where 0 means never.
func durationEvidence(d time.Duration) string {
	if d == 0 {
		return "never"
	}
	return d.String()
}

// baseName is the last element of a slash or backslash path, without
// Linux's " (deleted)" mark.
func baseName(p string) string {
	p = strings.TrimSuffix(p, " (deleted)")
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// dconfTriggers re-run a check when GSettings under any of prefixes change.
func dconfTriggers(prefixes ...string) []monitor.Trigger {
	out := make([]monitor.Trigger, len(prefixes))
	for i, p := range prefixes {
		out[i] = monitor.Trigger{Source: monitor.Dconf, Path: p}
	}
	return out
}

// fileTriggers re-run a check when any of paths changes.
func fileTriggers(paths ...string) []monitor.Trigger {
	out := make([]monitor.Trigger, len(paths))
	for i, p := range paths {
		out[i] = monitor.Trigger{Source: monitor.File, Path: p}
	}
	return out
}

// registryTriggers re-run a check when a value under any of keys changes
// (Windows; a key ending in "\\" with its subkeys).
func registryTriggers(keys ...string) []monitor.Trigger {
	out := make([]monitor.Trigger, len(keys))
	for i, k := range keys {
		out[i] = monitor.Trigger{Source: monitor.Registry, Path: k}
	}
	return out
}
