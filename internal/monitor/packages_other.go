//go:build !linux

package monitor

import (
	"context"
	"runtime"
)

func (u *PackageUpdates) query(ctx context.Context) (UpdateReport, error) {
	return UpdateReport{}, errUnsupported(runtime.GOOS)
}
