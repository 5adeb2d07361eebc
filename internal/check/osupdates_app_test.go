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
