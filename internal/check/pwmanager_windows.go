package check

import (
	"context"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readPasswordManagers looks at the running programs, and at the browsers'
// extensions and Firefox's saved logins in the person's own folders
// (%LOCALAPPDATA% for the Chromium family, %APPDATA% for Firefox).
func readPasswordManagers(ctx context.Context, sys host.System, managers []catalog.PasswordManager) (pmFacts, error) {
	f := pmFacts{Windows: true}
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return f, err
	}
	matchManagerProcs(&f, procs, managers, true)
	if local, err := windows.KnownFolderPath(windows.FOLDERID_LocalAppData, 0); err == nil {
		scanBrowsers(&f, os.DirFS(local), managers, map[string]string{
			"Google/Chrome/User Data": "Chrome", "Microsoft/Edge/User Data": "Edge",
			"BraveSoftware/Brave-Browser/User Data": "Brave", "Vivaldi/User Data": "Vivaldi",
		}, "")
	}
	if roaming, err := windows.KnownFolderPath(windows.FOLDERID_RoamingAppData, 0); err == nil {
		scanBrowsers(&f, os.DirFS(filepath.Join(roaming, "Mozilla", "Firefox")), managers, nil, "Profiles")
	}
	return f, nil
}
