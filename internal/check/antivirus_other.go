//go:build !linux && !windows && !darwin

package check

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

// readAntivirus has no reader here yet: the process catalogue is Linux's,
// and matching it elsewhere would say "no antivirus" while one runs.
func readAntivirus(ctx context.Context, sys host.System, products []catalog.Antivirus) (avFacts, error) {
	return avFacts{}, errUnsupported(runtime.GOOS)
}
