package check

import (
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

func TestJudgeFirewall(t *testing.T) {
	for _, tt := range []struct {
		name    string
		f       fwFacts
		want    monitor.Status
		finding string
	}{
		{"nothing", fwFacts{}, monitor.Warn, "finding.firewall.none"},
		{"ufw installed, off", fwFacts{Found: []fwState{{Name: "ufw", Filtering: true}}}, monitor.Warn, "finding.firewall.off"},
		{"ufw on", fwFacts{Found: []fwState{{Name: "ufw", On: true, Filtering: true}}}, monitor.OK, "finding.firewall.ok"},
		{"nftables on, accepting", fwFacts{Found: []fwState{{Name: "nftables", On: true}}}, monitor.Warn, "finding.firewall.open"},
		{"one of two filtering", fwFacts{Found: []fwState{{Name: "nftables", On: true}, {Name: "ufw", On: true, Filtering: true}}}, monitor.OK, "finding.firewall.ok"},
		{"rules only root reads", fwFacts{Unreadable: "/etc/iptables/rules.v4"}, monitor.Unknown, "finding.firewall.root-only"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if r := judgeFirewall(tt.f); r.Status != tt.want || r.Finding.Key != tt.finding {
				t.Errorf("got %s %s %v", r.Status, r.Finding.Key, r.Evidence)
			}
		})
	}
	if !nftFilters([]byte("table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state established,related accept\n\t}\n}\n")) {
		t.Error("a dropping input chain was not seen")
	}
	if nftFilters([]byte("table inet filter {\n\tchain output {\n\t\ttype filter hook output priority 0; policy drop;\n\t}\n\tchain input {\n\t\ttype filter hook input priority 0;\n\t}\n}\n")) {
		t.Error("a dropping output chain was taken for input")
	}
}

// Windows Firewall's profiles as Windows writes them (all three on, by
// default with inbound blocked) and as a policy or a person turns one off.
func TestWindowsFirewall(t *testing.T) {
	on := host.MapRegistry{
		winFirewallKey + `\DomainProfile\EnableFirewall`:   uint64(1),
		winFirewallKey + `\StandardProfile\EnableFirewall`: uint64(1),
		winFirewallKey + `\PublicProfile\EnableFirewall`:   uint64(1),
	}
	with := func(k string, v uint64) host.MapRegistry {
		m := host.MapRegistry{}
		for a, b := range on {
			m[a] = b
		}
		m[k] = v
		return m
	}
	for _, tt := range []struct {
		name    string
		reg     host.MapRegistry
		want    monitor.Status
		finding string
	}{
		{"all on", on, monitor.OK, "finding.firewall.ok"},
		{"public off", with(winFirewallKey+`\PublicProfile\EnableFirewall`, 0), monitor.Warn, "finding.firewall.windows-off"},
		{"a policy turns private off", with(winFirewallPolicy+`\StandardProfile\EnableFirewall`, 0), monitor.Warn, "finding.firewall.windows-off"},
		{"a policy keeps public on", with(winFirewallPolicy+`\PublicProfile\EnableFirewall`, 1), monitor.OK, "finding.firewall.ok"},
		{"public lets everything in", with(winFirewallKey+`\PublicProfile\DefaultInboundAction`, 0), monitor.Warn, "finding.firewall.windows-open"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := windowsFirewall(tt.reg)
			if err != nil {
				t.Fatal(err)
			}
			if r := judgeFirewall(f); r.Status != tt.want || r.Finding.Key != tt.finding || r.Advice != "firewall.windows" {
				t.Errorf("got %s %s %s %v", r.Status, r.Finding.Key, r.Advice, r.Evidence)
			}
		})
	}
	if _, err := windowsFirewall(host.MapRegistry{}); err == nil {
		t.Error("no profiles in the registry: no error")
	}
}
