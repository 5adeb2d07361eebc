package check

import (
	"context"
	"path"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readPasswordManagers looks in the desktop entries (system, user,
// Flatpak, Snap), the running processes, the extensions of the
// Chromium-family browsers' profiles and Firefox's add-ons, and Firefox's
// own saved logins.
func readPasswordManagers(ctx context.Context, sys host.System, managers []catalog.PasswordManager) (pmFacts, error) {
	var f pmFacts
	procs, err := sys.Procs.Processes(ctx)
	if err == nil {
		matchManagerProcs(&f, procs, managers, false)
	}
	dataHome := path.Join(sys.Home, ".local/share")
	for _, dir := range []string{"/usr/share/applications", "/usr/local/share/applications", dataHome + "/applications",
		"/var/lib/flatpak/exports/share/applications", dataHome + "/flatpak/exports/share/applications", "/var/lib/snapd/desktop/applications"} {
		for _, m := range managers {
			for _, d := range m.Desktop {
				if sys.Exists(dir + "/" + d) {
					f.add(m.ID, "installed")
				}
			}
		}
	}
	scanBrowsers(&f, browserDirs(sys), managers)
	return f, nil
}
