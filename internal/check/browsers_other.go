//go:build !linux

package check

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
)

func findBrowsers(ctx context.Context, sys host.System, browsers []catalog.Browser) ([]installedBrowser, error) {
	return nil, errUnsupported(runtime.GOOS)
}

func snapCurrent(sys host.System, name string) (string, bool) { return "", false }
