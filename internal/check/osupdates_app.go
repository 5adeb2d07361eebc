package check

import (
	"path"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// updateApps are the programs a Linux desktop offers to install updates
// with, the ones the advice names: Ubuntu's Software Updater, GNOME
// Software (also KDE's Discover's place on GNOME), Linux Mint's Update
// Manager, KDE's Discover, Manjaro's Pamac, and GNOME's older package
// updater.
var updateApps = []string{
	"/usr/bin/update-manager", "/usr/bin/gnome-software", "/usr/bin/mintupdate",
	"/usr/bin/plasma-discover", "/usr/bin/pamac-manager", "/usr/bin/gpk-update-viewer",
	// elementary OS's and Pop!_OS's AppCenter, COSMIC's store, MX Linux's
	// updater, Ubuntu's App Center snap, GNOME Software from Flathub.
	"/usr/bin/io.elementary.appcenter", "/usr/bin/cosmic-store", "/usr/bin/apt-notifier.py",
	"/snap/bin/snap-store", "/var/lib/flatpak/exports/bin/org.gnome.Software",
}

// withoutUpdatesApp turns a Linux update finding's advice into its
// ".no-app" variant where none of updateApps is installed (stock Debian
// with Xfce has none): telling the person to open a program that is not
// there sends them looking for it. The evidence says which was looked for.
func withoutUpdatesApp(r monitor.Result, sys host.System) monitor.Result {
	switch r.Advice {
	case "os-updates.security", "os-updates.pending", "os-updates.stale":
	default:
		return r
	}
	apps := updateApps
	if sys.Home != "" {
		apps = append(apps[:len(apps):len(apps)], path.Join(sys.Home, ".local/share/flatpak/exports/bin/org.gnome.Software"))
	}
	for _, app := range apps {
		if sys.Exists(app) {
			return r
		}
	}
	r.Advice += ".no-app"
	r.Add("updates-app", "none found")
	return r
}
