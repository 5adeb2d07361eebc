//go:build !linux && !windows && !darwin

package check

import (
	"runtime"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// readFirewall: macOS's application firewall is not read yet.
func readFirewall(host.System) (fwFacts, error) { return fwFacts{}, errUnsupported(runtime.GOOS) }

func firewallTriggers(host.System) []monitor.Trigger { return nil }
