package check

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/lines"
	"github.com/mamori-project/mamori/internal/monitor"
)

// The files the Linux firewalls keep their state in, readable by users
// (the live rule set is not: listing it needs CAP_NET_ADMIN).
const (
	ufwConf          = "/etc/ufw/ufw.conf"
	ufwDefaults      = "/etc/default/ufw"
	firewalldConf    = "/etc/firewalld/firewalld.conf"
	firewalldZones   = "/etc/firewalld/zones/"
	nftablesConf     = "/etc/nftables.conf"
	iptablesRules    = "/etc/iptables/rules.v4"
	systemdWantsRoot = "/etc/systemd/system"
)

// unitEnabled reports whether systemd starts unit at boot: a symlink to it
// in one of the targets' .wants folders.
func unitEnabled(sys host.System, unit string) bool {
	for _, target := range []string{"multi-user.target", "sysinit.target", "basic.target", "network-pre.target"} {
		if sys.Exists(systemdWantsRoot + "/" + target + ".wants/" + unit) {
			return true
		}
	}
	return false
}

// shellVars reads KEY=value lines (quotes removed), as ufw's files have.
func shellVars(data []byte) map[string]string {
	vars := map[string]string{}
	for text := range lines.All(data) {
		line := strings.TrimSpace(text)
		if line == "" || line[0] == '#' {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if ok {
			vars[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return vars
}

// readFirewall reads ufw, firewalld, nftables and iptables-persistent.
func readFirewall(sys host.System) (fwFacts, error) {
	var f fwFacts
	if conf, err := sys.ReadFile(ufwConf); err == nil {
		s := fwState{Name: "ufw", Source: ufwConf, On: shellVars(conf)["ENABLED"] == "yes", Filtering: true}
		if defaults, err := sys.ReadFile(ufwDefaults); err == nil {
			policy := shellVars(defaults)["DEFAULT_INPUT_POLICY"]
			s.Filtering = policy == "DROP" || policy == "REJECT" || policy == ""
		}
		f.Found = append(f.Found, s)
	}
	if conf, err := sys.ReadFile(firewalldConf); err == nil {
		zone := shellVars(conf)["DefaultZone"]
		s := fwState{Name: "firewalld", Source: firewalldConf, On: unitEnabled(sys, "firewalld.service"), Filtering: zone != "trusted"}
		if zoneFile, err := sys.ReadFile(firewalldZones + zone + ".xml"); err == nil && bytes.Contains(zoneFile, []byte(`target="ACCEPT"`)) {
			s.Filtering = false
		}
		f.Found = append(f.Found, s)
	}
	if conf, err := sys.ReadFile(nftablesConf); err == nil {
		f.Found = append(f.Found, fwState{Name: "nftables", Source: nftablesConf, On: unitEnabled(sys, "nftables.service"), Filtering: nftFilters(conf)})
	}
	switch rules, err := sys.ReadFile(iptablesRules); {
	case err == nil:
		filters := bytes.Contains(rules, []byte(":INPUT DROP"))
		for line := range lines.All(rules) {
			if strings.HasPrefix(line, "-A INPUT ") && (strings.Contains(line, "-j DROP") || strings.Contains(line, "-j REJECT")) {
				filters = true
			}
		}
		f.Found = append(f.Found, fwState{Name: "iptables", Source: iptablesRules, On: unitEnabled(sys, "netfilter-persistent.service"), Filtering: filters})
	case errors.Is(err, fs.ErrPermission):
		if unitEnabled(sys, "netfilter-persistent.service") {
			f.Unreadable = iptablesRules
		}
	}
	return f, nil
}

// firewallTriggers: the files above (ufw enable and firewall-cmd write
// them; systemctl enable writes the .wants folders).
func firewallTriggers(host.System) []monitor.Trigger {
	return fileTriggers(ufwConf, ufwDefaults, firewalldConf, nftablesConf, iptablesRules,
		systemdWantsRoot+"/multi-user.target.wants/", systemdWantsRoot+"/sysinit.target.wants/")
}
