//go:build !linux

package updates

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func (u *Cache) query(ctx context.Context) (Report, error) {
	return Report{}, monitor.ErrUnsupported(runtime.GOOS)
}

func withDesktopAuto(ctx context.Context, sys host.System, rep Report) Report { return rep }

// StateFiles are none here: there is no package manager to watch.
func StateFiles() []string { return nil }
