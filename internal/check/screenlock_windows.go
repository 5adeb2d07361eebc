package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// readLockPolicy reads the screen saver's lock, the inactivity limit and
// the power plan's sleep from the registry.
func readLockPolicy(ctx context.Context, sys host.System) (lockPolicy, error) {
	return windowsLock(sys.Registry, winFiles{FS: drives{}, Getenv: sys.Getenv}, windowsHasBattery())
}

// lockTriggers: the keys windowsLock reads; the policy keys and the power
// plans with their subkeys (policy keys appear only when a policy is first
// set, a plan's values under the plan's own key).
func lockTriggers(sys host.System) []monitor.Trigger {
	return registryTriggers(WinDesktopKey, WinDesktopPolicy+`\`, winMachinePolicy+`\`, winInactivityKey, winPowerSchemes+`\`, winPowerPolicy+`\`)
}
