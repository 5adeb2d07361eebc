package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/updates"
)

// readBrowsers reads the browsers from the registry: Windows' browsers
// update themselves, so there is no package manager to ask; what Mamori
// can see is an update installed while the browser ran (it needs a
// restart) and a policy that turns an updater off.
func readBrowsers(ctx context.Context, sys host.System, browsers []catalog.Browser, pkgs *updates.Cache) (browserFacts, error) {
	w, err := windowsBrowsers(sys.Registry)
	if err != nil {
		return browserFacts{}, err
	}
	return browserFacts{Installed: w.Installed, Stale: w.Stale, UpdaterOff: w.UpdaterOff, SelfUpdating: true}, nil
}
