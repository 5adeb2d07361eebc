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

// lockTriggers: the keys windowsLock reads; the policy keys with their
// subkeys, since they appear only when a policy is first set.
func lockTriggers(sys host.System) []monitor.Trigger {
	return registryTriggers(WinDesktopKey, WinDesktopPolicy+`\`, winMachinePolicy+`\`, winInactivityKey)
}
