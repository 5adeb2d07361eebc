package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func readLockPolicy(ctx context.Context, sys host.System) (lockPolicy, error) {
	return readMacLock(ctx, sys)
}

// lockTriggers: the screen saver's settings are in a per-Mac file under
// ByHost whose name Mamori does not know in advance; the interval re-runs
// the check.
func lockTriggers(host.System) []monitor.Trigger { return nil }
