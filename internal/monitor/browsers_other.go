//go:build !linux

package monitor

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/monitor/catalog"
)

func findBrowsers(ctx context.Context, sys System, browsers []catalog.Browser) ([]installedBrowser, error) {
	return nil, errUnsupported(runtime.GOOS)
}

func snapCurrent(sys System, name string) (string, bool) { return "", false }
