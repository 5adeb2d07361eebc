package check

import (
	"context"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func readRedirects(sys host.System) (redirectFacts, error) {
	return readMacRedirects(context.Background(), sys)
}

// redirectTriggers: the hosts file. The keychains' trust settings are
// re-read on the interval.
func redirectTriggers(host.System) []monitor.Trigger { return fileTriggers("/etc/hosts") }
