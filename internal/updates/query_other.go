//go:build !linux

package updates

import (
	"context"
	"fmt"
	"runtime"

	"github.com/mamori-project/mamori/internal/host"
)

func (u *Cache) query(ctx context.Context) (Report, error) {
	return Report{}, fmt.Errorf("not supported on %s yet", runtime.GOOS)
}

func withDesktopAuto(ctx context.Context, sys host.System, rep Report) Report { return rep }

// StateFiles are none here: there is no package manager to watch.
func StateFiles() []string { return nil }
