package check

import (
	"context"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readPasswordManagers looks at the running programs, the installed ones
// (Windows' Apps list: the Uninstall keys, and the Store's packages), and
// at the browsers' extensions and own saved passwords in the person's
// folders (browserDirs).
func readPasswordManagers(ctx context.Context, sys host.System, managers []catalog.PasswordManager) (pmFacts, error) {
	f := pmFacts{Windows: true}
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return f, err
	}
	matchManagerProcs(&f, procs, managers, true)
	if sys.Registry != nil {
		scanUninstall(&f, sys.Registry, managers)
	}
	if local, err := windows.KnownFolderPath(windows.FOLDERID_LocalAppData, 0); err == nil {
		if entries, err := os.ReadDir(filepath.Join(local, "Packages")); err == nil {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			scanStorePackages(&f, names, managers)
		}
	}
	scanBrowsers(&f, browserDirs(sys), managers)
	return f, nil
}
