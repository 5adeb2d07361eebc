package check

import (
	"path"
	"slices"

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
	if anyInstalled(sys, updateApps) {
		return r
	}
	r.Advice += ".no-app"
	r.Add("updates-app", "none found")
	return r
}

// storeApps are the app stores a Linux desktop offers to install programs
// from, the ones app-sources' advice means by "a store".
var storeApps = []string{
	"/usr/bin/gnome-software", "/usr/bin/plasma-discover", "/usr/bin/mintinstall",
	"/usr/bin/pamac-manager", "/usr/bin/io.elementary.appcenter", "/usr/bin/cosmic-store",
	"/snap/bin/snap-store", "/var/lib/flatpak/exports/bin/org.gnome.Software",
}

// withoutStoreApp turns app-sources' Linux advice into its ".no-store"
// variant where no app store is installed (stock Debian with Xfce has
// none): the person is then told to ask before installing, not to use a
// store that is not there.
func withoutStoreApp(r monitor.Result, sys host.System) monitor.Result {
	if r.Advice != "app-sources" || r.Status == monitor.OK {
		return r
	}
	if anyInstalled(sys, storeApps) {
		return r
	}
	r.Advice += ".no-store"
	r.Add("store-app", "none found")
	return r
}

// anyInstalled reports whether one of apps is installed, or GNOME
// Software from Flathub for the person alone.
func anyInstalled(sys host.System, apps []string) bool {
	if sys.Home != "" {
		apps = append(apps[:len(apps):len(apps)], path.Join(sys.Home, ".local/share/flatpak/exports/bin/org.gnome.Software"))
	}
	return slices.ContainsFunc(apps, sys.Exists)
}
