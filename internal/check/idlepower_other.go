//go:build !linux && !windows && !darwin

package check

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func readPowerPolicy(ctx context.Context, sys host.System) (powerPolicy, error) {
	return powerPolicy{}, errUnsupported(runtime.GOOS)
}

func powerTriggers(sys host.System) []monitor.Trigger { return nil }
