package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

func readSources(ctx context.Context, sys host.System, _ *updates.Cache) (sourcesFacts, error) {
	return readGatekeeper(ctx, sys)
}

// sourcesTriggers: Gatekeeper's setting is kept where only root reads;
// the interval re-runs the check.
func sourcesTriggers(host.System) []monitor.Trigger { return nil }
