package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// readLockPolicy reads the screen saver's lock from the registry.
func readLockPolicy(ctx context.Context, sys host.System) (lockPolicy, error) {
	return windowsLock(sys.Registry)
}

// lockTriggers: Windows announces no registry change Mamori listens to
// yet; the check runs on its interval and on Check now.
func lockTriggers(sys host.System) []monitor.Trigger { return nil }
