package check

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/mamori-project/mamori/internal/host"
)

// Windows Firewall's three profiles, as the registry keeps them: the
// person's (or Windows Security's) setting, and Group Policy's, which wins.
const (
	winFirewallKey    = `HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy`
	winFirewallPolicy = `HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall`
)

var winFirewallProfiles = []struct{ key, name string }{
	{"DomainProfile", "Windows Firewall (domain networks)"},
	{"StandardProfile", "Windows Firewall (private networks)"},
	{"PublicProfile", "Windows Firewall (public networks)"},
}

// windowsFirewall reads each profile's EnableFirewall. Windows blocks
// incoming connections by default when a profile is on
// (DefaultInboundAction), so on means filtering unless a profile allows
// every inbound connection.
func windowsFirewall(reg host.Registry) (fwFacts, error) {
	f := fwFacts{Windows: true}
	if reg == nil {
		return f, errors.New("no registry to read")
	}
	for _, p := range winFirewallProfiles {
		s := fwState{Name: p.name, Filtering: true}
		found := false
		for _, key := range []string{winFirewallPolicy + `\` + p.key, winFirewallKey + `\` + p.key} {
			v, err := reg.Uint(key, "EnableFirewall")
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return f, err
			}
			s.On, s.Source, found = v != 0, key, true
			if in, err := reg.Uint(key, "DefaultInboundAction"); err == nil && in == 0 {
				s.Filtering = false // 0 allows, 1 blocks
			}
			break
		}
		if !found {
			return f, fmt.Errorf("%s\\%s: no EnableFirewall value", winFirewallKey, p.key)
		}
		f.Found = append(f.Found, s)
	}
	return f, nil
}
