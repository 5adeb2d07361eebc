//go:build !linux && !windows && !darwin

package check

import (
	"runtime"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// readRedirects: not read on this system yet.
func readRedirects(host.System) (redirectFacts, error) {
	return redirectFacts{}, errUnsupported(runtime.GOOS)
}

func redirectTriggers(host.System) []monitor.Trigger { return nil }
