package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

// readSources reads SmartScreen's setting.
func readSources(_ context.Context, sys host.System, _ *updates.Cache) (sourcesFacts, error) {
	return windowsSmartScreen(sys.Registry)
}

// sourcesTriggers: SmartScreen's setting and policy.
func sourcesTriggers(host.System) []monitor.Trigger {
	return registryTriggers(winSmartScreenKey, winSmartScreenPolicy)
}
