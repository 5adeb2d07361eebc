package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readPasswordManagers looks at the running programs, the installed ones
// (Windows' Apps list: the Uninstall keys), and at the browsers'
// extensions and Firefox's saved logins in the person's own folders
// (browserDirs).
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
	scanBrowsers(&f, browserDirs(sys), managers)
	return f, nil
}
