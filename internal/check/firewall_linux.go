package check

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"

	"github.com/mamori-project/mamori/internal/host"
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

// Where firewalld keeps its zones: an administrator's copy in /etc
// replaces the one the package installs.
const firewalldSystemZones = "/usr/lib/firewalld/zones/"

// readUFW: ufw-init sources /etc/default/ufw, then ufw.conf, with the
// shell, and starts the firewall when ENABLED is yes (or YES); the input
// chain's policy is DEFAULT_INPUT_POLICY.
func readUFW(sys host.System, conf []byte) fwState {
	s := fwState{Name: "ufw", Source: ufwConf, Filtering: true}
	vars := map[string]string{}
	sourced := [][2]string{{ufwConf, string(conf)}}
	switch defaults, err := sys.ReadFile(ufwDefaults); {
	case err == nil:
		sourced = [][2]string{{ufwDefaults, string(defaults)}, sourced[0]}
	case !errors.Is(err, fs.ErrNotExist):
		// The shell that starts ufw reads it; Mamori could not.
		s.Unsure = fmt.Sprintf("%s: %v", ufwDefaults, err)
		return s
	}
	for _, file := range sourced {
		v, err := shellAssignments([]byte(file[1]))
		if err != nil {
			s.Unsure = fmt.Sprintf("%s: %v", file[0], err)
			return s
		}
		maps.Copy(vars, v)
	}
	s.On = vars["ENABLED"] == "yes" || vars["ENABLED"] == "YES"
	if policy, ok := vars["DEFAULT_INPUT_POLICY"]; ok {
		s.Filtering = policy == "DROP" || policy == "REJECT"
	}
	return s
}

// readFirewalld: the default zone from firewalld.conf ("public" when it
// names none), and that zone's target.
func readFirewalld(sys host.System, conf []byte) fwState {
	zone := parseFirewalldConf(conf)["DefaultZone"]
	if zone == "" {
		zone = "public"
	}
	s := fwState{Name: "firewalld", Source: firewalldConf, On: unitEnabled(sys, "firewalld.service"), Filtering: zone != "trusted"}
	for _, dir := range []string{firewalldZones, firewalldSystemZones} {
		data, err := sys.ReadFile(dir + zone + ".xml")
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			// firewalld reads the administrator's zone; Mamori could not,
			// and the package's copy below is not what is in force.
			s.Unsure = fmt.Sprintf("%s%s.xml: %v", dir, zone, err)
			break
		}
		target, err := firewalldZoneTarget(data)
		if err != nil {
			s.Unsure = fmt.Sprintf("%s%s.xml: %v", dir, zone, err)
		}
		s.Filtering = target != "ACCEPT"
		break
	}
	return s
}

// readFirewall reads ufw, firewalld, nftables and iptables-persistent.
func readFirewall(sys host.System) (fwFacts, error) {
	var f fwFacts
	if conf, err := sys.ReadFile(ufwConf); err == nil {
		f.Found = append(f.Found, readUFW(sys, conf))
	}
	if conf, err := sys.ReadFile(firewalldConf); err == nil {
		f.Found = append(f.Found, readFirewalld(sys, conf))
	}
	if conf, err := sys.ReadFile(nftablesConf); err == nil {
		f.Found = append(f.Found, fwState{Name: "nftables", Source: nftablesConf, On: unitEnabled(sys, "nftables.service"), Filtering: nftFilters(conf)})
	}
	switch rules, err := sys.ReadFile(iptablesRules); {
	case err == nil:
		f.Found = append(f.Found, fwState{Name: "iptables", Source: iptablesRules, On: unitEnabled(sys, "netfilter-persistent.service"), Filtering: iptablesFilters(rules)})
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
