//go:build !linux

package monitor

import (
	"context"
	"runtime"
)

func readLockPolicy(ctx context.Context, sys System) (lockPolicy, Result, bool) {
	return lockPolicy{}, Unsupported("screen-lock", runtime.GOOS), false
}
