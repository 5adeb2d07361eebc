package check

import (
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func readFirewall(sys host.System) (fwFacts, error) { return windowsFirewall(sys.Registry) }

// firewallTriggers: the profiles' keys and the policy's.
func firewallTriggers(host.System) []monitor.Trigger {
	return registryTriggers(winFirewallKey+`\`, winFirewallPolicy+`\`)
}
