//go:build !linux && !windows && !darwin

package check

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/updates"
)

func readBrowsers(ctx context.Context, sys host.System, browsers []catalog.Browser, pkgs *updates.Cache) (browserFacts, error) {
	return browserFacts{}, errUnsupported(runtime.GOOS)
}
