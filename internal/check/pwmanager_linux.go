package check

import (
	"bytes"
	"context"
	"encoding/json"
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
	config := sys.ConfigHome()
	for _, browser := range []string{"google-chrome", "chromium", "microsoft-edge", "BraveSoftware/Brave-Browser", "vivaldi"} {
		profiles, _ := sys.ReadDir(config + "/" + browser)
		for _, p := range profiles {
			for _, m := range managers {
				for _, id := range m.Chromium {
					if sys.Exists(config + "/" + browser + "/" + p.Name() + "/Extensions/" + id) {
						f.add(m.ID, "browser extension ("+path.Base(browser)+")")
					}
				}
			}
		}
	}
	ffRoot := sys.Home + "/.mozilla/firefox"
	profiles, _ := sys.ReadDir(ffRoot)
	for _, p := range profiles {
		dir := ffRoot + "/" + p.Name()
		if data, err := sys.ReadFile(dir + "/extensions.json"); err == nil {
			for _, m := range managers {
				for _, id := range m.Firefox {
					if bytes.Contains(data, []byte(`"id":"`+id+`"`)) {
						f.add(m.ID, "browser extension (Firefox)")
					}
				}
			}
		}
		if n := firefoxLogins(sys, dir); n > 0 && f.Browser == "" {
			f.Browser = "Firefox's own password manager"
		}
	}
	return f, nil
}

// firefoxLogins counts the logins Firefox keeps (logins.json), 0 when it
// keeps none or the file cannot be read.
func firefoxLogins(sys host.System, profile string) int {
	data, err := sys.ReadFile(profile + "/logins.json")
	if err != nil {
		return 0
	}
	var doc struct {
		Logins []json.RawMessage `json:"logins"`
	}
	if json.Unmarshal(data, &doc) != nil {
		return 0
	}
	return len(doc.Logins)
}
