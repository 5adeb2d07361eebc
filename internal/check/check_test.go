package check

import (
	"context"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/command/commandtest"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/osprefs"
)

// noProcs is a process list with nothing in it.
type noProcs struct{}

func (noProcs) Processes(context.Context) ([]host.Process, error) { return nil, nil }

// emptySystem has no programs, no files, no environment and no processes.
func emptySystem() host.System {
	return host.System{
		Cmd: commandtest.Runner{}, FS: fstest.MapFS{}, Getenv: func(string) string { return "" },
		Home: "/home/u", Procs: noProcs{}, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) },
	}
}

func TestBuildListsEveryCheckOnce(t *testing.T) {
	checks, err := Build(Deps{Sys: emptySystem()})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"wifi", "screen-lock", "idle-power", "os-updates", "browser-updates", "antivirus", "firewall", "disk-encryption", "remote-control", "site-redirects", "password-manager", "browser-passwords", "app-sources", "password-files"}
	if got := monitor.IDs(checks); !slices.Equal(got, want) {
		t.Errorf("Build lists %v, want %v", got, want)
	}
	if got := IDs(); !slices.Equal(got, want) {
		t.Errorf("IDs() = %v, want %v", got, want)
	}
	// The engine accepts the list: kebab-case, no duplicates.
	if _, err := monitor.New(checks, monitor.Options{}); err != nil {
		t.Error(err)
	}
}

// TestNothingIsOKByDefault runs every check on a system that offers nothing
// to read: each must say it could not tell (or that something is missing),
// never OK, on every OS.
func TestNothingIsOKByDefault(t *testing.T) {
	checks, err := Build(Deps{Sys: emptySystem()})
	if err != nil {
		t.Fatal(err)
	}
	// Not applicable is honest only where the finding says what was
	// looked for and not found.
	explained := map[string]bool{"finding.browser-updates.none-found": true}
	for _, c := range checks {
		r := c.Run(context.Background())
		if r.Status == monitor.OK || r.Status == monitor.NotApplicable && !explained[r.Finding.Key] || !r.Status.Valid() {
			t.Errorf("%s on an empty system: %s %v %v", c.Spec().ID, r.Status, r.Finding, r.Evidence)
		}
	}
}

func TestSpecs(t *testing.T) {
	checks, _ := Build(Deps{Sys: emptySystem()})
	for _, c := range checks {
		s := c.Spec()
		switch s.ID {
		case "os-updates", "browser-updates":
			if s.Timeout < time.Minute {
				t.Errorf("%s may run the package manager's simulation but allows only %v", s.ID, s.Timeout)
			}
		case "wifi":
			if !slices.Contains(s.Triggers, monitor.Trigger{Source: monitor.Network}) {
				t.Errorf("wifi is not re-run on a network change: %v", s.Triggers)
			}
		}
		for _, tr := range s.Triggers {
			if tr.Source != monitor.Network && tr.Path == "" {
				t.Errorf("%s: %s trigger without a path", s.ID, tr.Source)
			}
		}
	}
}

func TestUnknownSaysWhy(t *testing.T) {
	tests := []struct {
		err  error
		key  string
		args map[string]any
	}{
		{errUnsupported("windows"), "finding.unsupported", map[string]any{"System": "Windows"}},
		{fmt.Errorf("no system bus; from the kernel: %w", errUnsupported("darwin")), "finding.unsupported", map[string]any{"System": "macOS"}},
		{noDesktopError{}, "finding.no-desktop", nil},
		{noDesktopError{raw: "Hyprland"}, "finding.unsupported-desktop", map[string]any{"Desktop": "Hyprland"}},
		{noDesktopError{raw: "Budgie:GNOME"}, "finding.unsupported-desktop", map[string]any{"Desktop": "Budgie"}},
		{fmt.Errorf("reading: %w", noDesktopError{}), "finding.no-desktop", nil},
		{errors.New("gsettings: no schema"), "finding.unknown", nil},
		{fmt.Errorf("reading org.gnome.desktop.screensaver: %w", &command.MissingError{Name: command.Gsettings}), "finding.unknown.missing", map[string]any{"Program": "gsettings"}},
	}
	for _, tt := range tests {
		r := unknown("screen-lock", tt.err)
		if r.Status != monitor.Unknown || r.Advice != "screen-lock" || r.Finding.Key != tt.key || fmt.Sprint(r.Finding.Args) != fmt.Sprint(tt.args) {
			t.Errorf("unknown(%v) = %s %s %v", tt.err, r.Status, r.Finding.Key, r.Finding.Args)
		}
		// The system's own words are kept, as evidence, not in the sentence.
		if tt.key == "finding.unknown" || tt.key == "finding.unknown.missing" {
			if r.Get("reason") != tt.err.Error() {
				t.Errorf("unknown(%v): reason evidence %q", tt.err, r.Get("reason"))
			}
		}
	}
}

func TestBaseName(t *testing.T) {
	for in, want := range map[string]string{
		"/usr/sbin/clamd":                               "clamd",
		"/usr/lib/firefox/firefox (deleted)":            "firefox",
		`C:\Program Files\Windows Defender\MsMpEng.exe`: "MsMpEng.exe",
		"savd": "savd",
		"":     "",
	} {
		if got := baseName(in); got != want {
			t.Errorf("baseName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestChecksDoNotEscape: checks hand on the text they read as it is, cut
// to length with monitor.Cut; report.Build escapes it, once. A check that
// escaped too would have \u001B shown as \\u001B.
func TestChecksDoNotEscape(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"github.com/mamori-project/mamori/internal/safe"` {
				t.Errorf("%s imports internal/safe: escaping is report.Build's, once", name)
			}
		}
	}
}

// TestDeclaredPages: each check declares where the system's own settings
// for it are, and only where there are some.
func TestDeclaredPages(t *testing.T) {
	tests := []struct {
		check, goos, desktop string
		want                 osprefs.Page
		ok                   bool
	}{
		{"screen-lock", "linux", "ubuntu:GNOME", osprefs.GNOMEPanel("privacy"), true},
		{"wifi", "linux", "GNOME", osprefs.GNOMEPanel("wifi"), true},
		{"os-updates", "linux", "GNOME", osprefs.GNOMESoftwareUpdates(), true},
		{"idle-power", "linux", "KDE", osprefs.KDEModule("kcm_powerdevilprofilesconfig"), true},
		// Xfce: the Power Manager's own settings, not the Settings Manager's list.
		{"idle-power", "linux", "XFCE", osprefs.Page{Program: command.XfcePowerSettings}, true},
		{"screen-lock", "linux", "X-Cinnamon", osprefs.CinnamonModule("screensaver"), true},
		{"antivirus", "linux", "GNOME", osprefs.Page{}, false},
		{"firewall", "windows", "", osprefs.Page{}, false},
		{"os-updates", "windows", "", osprefs.Explorer("ms-settings:windowsupdate"), true},
		{"antivirus", "windows", "", osprefs.Explorer("windowsdefender:"), true},
		{"wifi", "darwin", "", osprefs.SystemSettings("x-apple.systempreferences:com.apple.wifi-settings-extension"), true},
		{"no-such-check", "windows", "", osprefs.Page{}, false},
	}
	for _, tt := range tests {
		got, ok := osprefs.For(Pages(tt.check), tt.goos, tt.desktop)
		if ok != tt.ok || (ok && (got.Program != tt.want.Program || !slices.Equal(got.Args, tt.want.Args))) {
			t.Errorf("%s on %s/%q: %+v, %v; want %+v, %v", tt.check, tt.goos, tt.desktop, got, ok, tt.want, tt.ok)
		}
	}
	// Where light-locker locks Xfce, the page its advice names (the Power
	// Manager), not the Settings Manager (found on a trial); elsewhere the
	// check's own.
	for _, tt := range []struct {
		advice, desktop string
		want            osprefs.Page
	}{
		{"screen-lock.light-locker", "XFCE", osprefs.XfcePowerManager()},
		{"screen-lock.off", "XFCE", osprefs.XfceSettings()},
		{"screen-lock.light-locker", "GNOME", osprefs.GNOMEPanel("privacy")},
	} {
		got, ok := osprefs.For(PagesFor("screen-lock", tt.advice), "linux", tt.desktop)
		if !ok || got.Program != tt.want.Program || !slices.Equal(got.Args, tt.want.Args) {
			t.Errorf("%s on %s: %+v, %v; want %+v", tt.advice, tt.desktop, got, ok, tt.want)
		}
	}
}
