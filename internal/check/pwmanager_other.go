//go:build !linux && !windows && !darwin

package check

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readPasswordManagers looks at the running processes. Installed apps and
// browser extensions are not read here yet (macOS).
func readPasswordManagers(ctx context.Context, sys host.System, managers []catalog.PasswordManager) (pmFacts, error) {
	f := pmFacts{Windows: runtime.GOOS == "windows"}
	procs, err := sys.Procs.Processes(ctx)
	if err != nil {
		return f, err
	}
	matchManagerProcs(&f, procs, managers, f.Windows)
	return f, nil
}
