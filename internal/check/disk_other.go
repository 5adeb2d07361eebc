//go:build !linux

package check

import (
	"runtime"

	"github.com/mamori-project/mamori/internal/host"
)

// readDisks: BitLocker (Windows) and FileVault (macOS) are not read yet.
func readDisks(host.System) (diskFacts, error) { return diskFacts{}, errUnsupported(runtime.GOOS) }
