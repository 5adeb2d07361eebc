//go:build !linux && !windows && !darwin

package check

import (
	"context"
	"runtime"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/updates"
)

// readSources: Gatekeeper (macOS) is not read yet.
func readSources(context.Context, host.System, *updates.Cache) (sourcesFacts, error) {
	return sourcesFacts{}, errUnsupported(runtime.GOOS)
}

func sourcesTriggers(host.System) []monitor.Trigger { return nil }
