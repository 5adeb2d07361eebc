//go:build !linux

package monitor

import (
	"context"
	"runtime"
)

func readPowerPolicy(ctx context.Context, sys System) (powerPolicy, Result, bool) {
	return powerPolicy{}, Unsupported("idle-power", runtime.GOOS), false
}
