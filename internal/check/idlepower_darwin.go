package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func readPowerPolicy(ctx context.Context, sys host.System) (powerPolicy, error) {
	return readMacPower(ctx, sys)
}

// powerTriggers: pmset's settings live in a file only root reads; the
// interval re-runs the check.
func powerTriggers(host.System) []monitor.Trigger { return nil }
