package check

import (
	"testing"
	"testing/fstest"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestUpdatesAppElsewhere: systems whose updates app is not one of the
// usual packages' paths are not told they have none (red team).
func TestUpdatesAppElsewhere(t *testing.T) {
	pending := monitor.Result{Status: monitor.Warn, Advice: "os-updates.pending"}
	for name, path := range map[string]string{
		"Pop!_OS (Pop!_Shop)":                         "usr/bin/io.elementary.appcenter",
		"elementary OS (AppCenter)":                   "usr/bin/io.elementary.appcenter",
		"Ubuntu App Center (snap)":                    "snap/bin/snap-store",
		"COSMIC Store":                                "usr/bin/cosmic-store",
		"MX Linux (MX Updater)":                       "usr/bin/apt-notifier.py",
		"GNOME Software from Flathub":                 "var/lib/flatpak/exports/bin/org.gnome.Software",
		"GNOME Software from Flathub, for the person": "home/p/.local/share/flatpak/exports/bin/org.gnome.Software",
	} {
		t.Run(name, func(t *testing.T) {
			got := withoutUpdatesApp(pending, host.System{FS: fstest.MapFS{path: {}}, Home: "/home/p"}).Advice
			if got != "os-updates.pending" {
				t.Errorf("/%s installed: advice %q", path, got)
			}
		})
	}
}

// TestWithoutAnApp: where no updates app or app store is installed (stock
// Debian with Xfce), the advice does not send the person to open one
// (found on a trial); where one is, it does; an OK result is left alone.
func TestWithoutAnApp(t *testing.T) {
	pending := monitor.Result{Status: monitor.Warn, Advice: "os-updates.pending"}
	sources := monitor.Result{Status: monitor.Warn, Advice: "app-sources"}
	updates, store := withoutUpdatesApp, withoutStoreApp
	for _, tc := range []struct {
		name  string
		judge func(monitor.Result, host.System) monitor.Result
		files fstest.MapFS
		r     monitor.Result
		want  string
	}{
		{"updates, no app", updates, fstest.MapFS{}, pending, "os-updates.pending.no-app"},
		{"updates, GNOME Software", updates, fstest.MapFS{"usr/bin/gnome-software": {}}, pending, "os-updates.pending"},
		{"updates, Software Updater", updates, fstest.MapFS{"usr/bin/update-manager": {}}, pending, "os-updates.pending"},
		{"updates ok stays", updates, fstest.MapFS{}, monitor.Result{Status: monitor.OK, Advice: "os-updates"}, "os-updates"},
		{"sources, no store", store, fstest.MapFS{}, sources, "app-sources.no-store"},
		{"sources, GNOME Software", store, fstest.MapFS{"usr/bin/gnome-software": {}}, sources, "app-sources"},
		{"sources, Discover", store, fstest.MapFS{"usr/bin/plasma-discover": {}}, sources, "app-sources"},
		{"sources ok stays", store, fstest.MapFS{}, monitor.Result{Status: monitor.OK, Advice: "app-sources"}, "app-sources"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.judge(tc.r, host.System{FS: tc.files}).Advice; got != tc.want {
				t.Errorf("advice %q, want %q", got, tc.want)
			}
		})
	}
}
