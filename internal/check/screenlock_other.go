//go:build !linux && !windows && !darwin

package check

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func readLockPolicy(ctx context.Context, sys host.System) (lockPolicy, error) {
	return lockPolicy{}, errUnsupported(runtime.GOOS)
}

func lockTriggers(sys host.System) []monitor.Trigger { return nil }
