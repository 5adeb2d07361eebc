//go:build !unix && !windows

package worker

import (
	"runtime/debug"
	"time"
)

// limit sets the collector's goal; this system has no limits Mamori sets.
func limit(time.Duration) error {
	debug.SetMemoryLimit(MemoryGoal)
	return nil
}
