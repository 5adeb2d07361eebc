package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func readFirewall(sys host.System) (fwFacts, error) {
	return readMacFirewall(context.Background(), sys)
}

func firewallTriggers(host.System) []monitor.Trigger { return fileTriggers(macALFPlist) }
