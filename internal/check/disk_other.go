//go:build !linux && !windows && !darwin

package check

import (
	"runtime"

	"github.com/mamori-project/mamori/internal/host"
)

// readDisks: FileVault (macOS) is not read yet.
func readDisks(host.System) (diskFacts, error) { return diskFacts{}, errUnsupported(runtime.GOOS) }
