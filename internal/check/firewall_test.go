package check

import (
	"cmp"
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
		advice  string // "firewall" unless said
	}{
		{"nothing", fwFacts{}, monitor.Warn, "finding.firewall.none", ""},
		// Installed and off: turn it on, not install one.
		{"ufw installed, off", fwFacts{Found: []fwState{{Name: "ufw", Filtering: true}}}, monitor.Warn, "finding.firewall.off", "firewall.off"},
		{"ufw on", fwFacts{Found: []fwState{{Name: "ufw", On: true, Filtering: true}}}, monitor.OK, "finding.firewall.ok", ""},
		{"nftables on, accepting", fwFacts{Found: []fwState{{Name: "nftables", On: true}}}, monitor.Warn, "finding.firewall.open", ""},
		{"one of two filtering", fwFacts{Found: []fwState{{Name: "nftables", On: true}, {Name: "ufw", On: true, Filtering: true}}}, monitor.OK, "finding.firewall.ok", ""},
		{"rules only root reads", fwFacts{Unreadable: "/etc/iptables/rules.v4"}, monitor.Unknown, "finding.firewall.root-only", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			advice := cmp.Or(tt.advice, "firewall")
			if r := judgeFirewall(tt.f); r.Status != tt.want || r.Finding.Key != tt.finding || r.Advice != advice {
				t.Errorf("got %s %s %s %v", r.Status, r.Finding.Key, r.Advice, r.Evidence)
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

// The firewalls' files as their own programs read them: each case's want
// is what the program itself makes of the text (TestFirewallFilesAsTheir
// ToolsReadThem loads the nftables, shell and iptables cases into the real
// programs and checks that they agree).
var nftCases = []struct {
	name, conf string
	filters    bool
}{
	{"policy drop", "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t}\n}\n", true},
	{"policy drop only in a comment", "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; # policy drop;\n\t\tpolicy accept;\n\t}\n}\n", false},
	{"a commented-out line", "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter;\n#\t\tpolicy drop;\n\t}\n}\n", false},
	{"policy drop in the chain's comment string", "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter;\n\t\tcomment \"policy drop\";\n\t\tpolicy accept;\n\t}\n}\n", false},
	{"hook input only in a comment", "table inet filter {\n\tchain output {\n\t\ttype filter hook output priority filter; policy drop; # hook input\n\t}\n}\n", false},
	{"a # inside a string is not a comment", "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; comment \"a # b\"; policy drop;\n\t}\n}\n", true},
	{"a set's braces before the policy", "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter;\n\t\ttcp dport { 22, 80 } accept\n\t\tpolicy drop;\n\t}\n}\n", true},
	{"the policy from a define", "define POLICY = \"drop\"\ntable inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy $POLICY;\n\t}\n}\n", true},
	{"the flat syntax", "add table inet filter\nadd chain inet filter input { type filter hook input priority filter; policy drop; }\n", true},
}

// ufwCases: DEFAULT_INPUT_POLICY as /bin/sh leaves it after sourcing the
// file; unsure where the file does what Mamori does not evaluate.
var ufwCases = []struct {
	name, text string
	policy     string
	unsure     bool
}{
	{"Debian's form", "IPV6=yes\nDEFAULT_INPUT_POLICY=\"DROP\"\n", "DROP", false},
	{"a comment after the value", "DEFAULT_INPUT_POLICY=\"ACCEPT\" # was \"DROP\"\n", "ACCEPT", false},
	{"a commented-out line after", "DEFAULT_INPUT_POLICY=\"ACCEPT\"\n#DEFAULT_INPUT_POLICY=\"DROP\"\n", "ACCEPT", false},
	{"# inside a word is not a comment", "DEFAULT_INPUT_POLICY=DROP#x\n", "DROP#x", false},
	{"quotes join", "DEFAULT_INPUT_POLICY=\"DR\"'OP'\n", "DROP", false},
	{"a later assignment wins", "DEFAULT_INPUT_POLICY=\"DROP\"\nDEFAULT_INPUT_POLICY=ACCEPT\n", "ACCEPT", false},
	{"two on a line", "DEFAULT_INPUT_POLICY=DROP; DEFAULT_INPUT_POLICY=ACCEPT\n", "ACCEPT", false},
	{"a line continued", "DEFAULT_INPUT_POLICY=AC\\\nCEPT\n", "ACCEPT", false},
	{"a quoted block the shell never assigns", "DEFAULT_INPUT_POLICY=\"ACCEPT\"\n: '\nDEFAULT_INPUT_POLICY=\"DROP\"\n'\n", "ACCEPT", true},
	{"a here-document comment", "DEFAULT_INPUT_POLICY=\"ACCEPT\"\n: <<'END'\nDEFAULT_INPUT_POLICY=\"DROP\"\nEND\n", "ACCEPT", true},
	{"an expansion", "P=ACCEPT\nDEFAULT_INPUT_POLICY=\"$P\"\n", "ACCEPT", true},
}

// iptablesCases: whether INPUT refuses what nothing else allows, as
// iptables-restore loads the file (iptables -S INPUT afterwards): the
// policy, or a last rule that drops everything. A rule that drops one
// source or one port filters only that.
var iptablesCases = []struct {
	name, rules string
	filters     bool
}{
	{"policy DROP", "*filter\n:INPUT DROP [0:0]\nCOMMIT\n", true},
	{"policy DROP only in a comment", "*filter\n# :INPUT DROP [0:0]\n:INPUT ACCEPT [0:0]\nCOMMIT\n", false},
	{"a jump only in a rule's comment", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 192.0.2.1/32 -m comment --comment \"-j DROP\" -j ACCEPT\nCOMMIT\n", false},
	{"one port dropped, the rest let in", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 23 -j DROP\nCOMMIT\n", false},
	{"one source dropped, the rest let in", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 203.0.113.7/32 -j DROP\nCOMMIT\n", false},
	{"everything else rejected at the end", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -m comment --comment \"the rest\" -j REJECT --reject-with icmp-host-prohibited\nCOMMIT\n", true},
}

func TestFirewallFilesRecorded(t *testing.T) {
	for _, tc := range nftCases {
		t.Run("nftables/"+tc.name, func(t *testing.T) {
			if got := nftFilters([]byte(tc.conf)); got != tc.filters {
				t.Errorf("nftFilters = %v, nft reads %v", got, tc.filters)
			}
		})
	}
	for _, tc := range ufwCases {
		t.Run("ufw/"+tc.name, func(t *testing.T) {
			vars, err := shellAssignments([]byte(tc.text))
			switch {
			case tc.unsure && err == nil:
				t.Errorf("read as %q, but the file does what is not evaluated", vars["DEFAULT_INPUT_POLICY"])
			case !tc.unsure && err != nil:
				t.Errorf("not read: %v", err)
			case !tc.unsure && vars["DEFAULT_INPUT_POLICY"] != tc.policy:
				t.Errorf("read %q, the shell %q", vars["DEFAULT_INPUT_POLICY"], tc.policy)
			}
		})
	}
	for _, tc := range iptablesCases {
		t.Run("iptables/"+tc.name, func(t *testing.T) {
			if got := iptablesFilters([]byte(tc.rules)); got != tc.filters {
				t.Errorf("iptablesFilters = %v, iptables-restore loads %v", got, tc.filters)
			}
		})
	}
	// firewalld is not installed here: the cases follow its reader,
	// firewall/core/io/firewalld_conf.py (read()) and the zone's SAX
	// reader (the <zone> element's target attribute).
	for _, tc := range []struct{ name, conf, zone string }{
		{"a commented-out setting", "#DefaultZone=trusted\nDefaultZone=public\n", "public"},
		{"; starts a comment too", ";DefaultZone=trusted\nDefaultZone=public\n", "public"},
		{"the first setting wins", "DefaultZone=public\nDefaultZone=trusted\n", "public"},
		{"blanks stripped", "  DefaultZone = home \n", "home"},
		{"two = is not a setting", "DefaultZone=trusted=x\nDefaultZone=public\n", "public"},
		{"an empty value is skipped", "DefaultZone=\nDefaultZone=work\n", "work"},
		{"a lone CR ends a line", "#x\rDefaultZone=work\n", "work"},
	} {
		t.Run("firewalld.conf/"+tc.name, func(t *testing.T) {
			if got := parseFirewalldConf([]byte(tc.conf))["DefaultZone"]; got != tc.zone {
				t.Errorf("DefaultZone %q, firewalld reads %q", got, tc.zone)
			}
		})
	}
	for _, tc := range []struct{ name, xml, target string }{
		{"ACCEPT only in a comment", "<?xml version=\"1.0\"?>\n<zone>\n  <!-- target=\"ACCEPT\" -->\n  <short>Public</short>\n</zone>\n", "default"},
		{"ACCEPT", "<?xml version=\"1.0\"?>\n<zone target=\"ACCEPT\"><short>Trusted</short></zone>\n", "ACCEPT"},
		{"REJECT", "<zone target=\"%%REJECT%%\"/>", "%%REJECT%%"},
	} {
		t.Run("firewalld zone/"+tc.name, func(t *testing.T) {
			if got, err := firewalldZoneTarget([]byte(tc.xml)); err != nil || got != tc.target {
				t.Errorf("target %q (%v), firewalld reads %q", got, err, tc.target)
			}
		})
	}
}
