package check

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestFirewallRealFiles reads the files Debian's ufw and nftables packages
// install (copied under a test root: the test changes nothing of the
// machine's): as installed, ufw is off and nftables' rule set accepts
// everything; as `ufw enable` and `systemctl enable nftables` leave them,
// and with a dropping input chain, the check says so.
func TestFirewallRealFiles(t *testing.T) {
	testenvRequireFiles(t, ufwConf, ufwDefaults, nftablesConf)
	root := t.TempDir()
	put := func(rel string, data []byte) { writeUnder(t, root, rel, data) }
	copyIn := func(abs string) []byte {
		t.Helper()
		data, err := os.ReadFile(abs)
		if err != nil {
			t.Fatal(err)
		}
		put(abs[1:], data)
		return data
	}
	ufw := copyIn(ufwConf)
	copyIn(ufwDefaults)
	nft := copyIn(nftablesConf)
	sys := host.Local()
	sys.FS = os.DirFS(root)
	check := &Firewall{Sys: sys}
	r := check.Run(context.Background())
	if r.Status != monitor.Warn || !strings.Contains(fmt.Sprint(r.Evidence), "ufw: off") {
		t.Fatalf("as installed: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	// nftables enabled with Debian's rule set: on, but accepting.
	put("etc/systemd/system/sysinit.target.wants/nftables.service", nil)
	if r := check.Run(context.Background()); r.Status != monitor.Warn || r.Finding.Key != "finding.firewall.open" {
		t.Errorf("nftables with Debian's rule set: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	put(nftablesConf[1:], []byte(strings.Replace(string(nft), "type filter hook input priority filter;", "type filter hook input priority filter; policy drop;", 1)))
	if r := check.Run(context.Background()); r.Status != monitor.OK {
		t.Errorf("nftables dropping input: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	put(nftablesConf[1:], nft)
	put(ufwConf[1:], []byte(strings.Replace(string(ufw), "ENABLED=no", "ENABLED=yes", 1)))
	if r := check.Run(context.Background()); r.Status != monitor.OK || !slices.Contains(r.Finding.Args["Names"].([]string), "ufw") {
		t.Errorf("ufw enabled: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
}

// testenvRequireFiles skips unless the files exist (the packages that
// install them are in scripts/deps' test list).
func testenvRequireFiles(t *testing.T, files ...string) {
	t.Helper()
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			if os.Getenv("MAMORI_REAL_TESTS") != "" {
				t.Fatalf("%s is missing: make test installs ufw and nftables", f)
			}
			testenv.Unavailable(t, "%s is missing (install ufw and nftables)", f)
		}
	}
}

// TestFirewallFilesAsTheirToolsReadThem loads each recorded case into the
// program that reads it for real: nft and iptables-restore in a network
// namespace of their own (unshare -rn: the machine's firewall is not
// touched), /bin/sh sourcing ufw's file as ufw-init does. The program
// must agree with the case, and the check must say what the program
// loaded: a policy in a comment is not a policy.
func TestFirewallFilesAsTheirToolsReadThem(t *testing.T) {
	netns := func(t *testing.T, script string, args ...string) string {
		t.Helper()
		if err := exec.Command("unshare", "-rn", "true").Run(); err != nil {
			testenv.Unavailable(t, "no private network namespace here (unshare -rn: %v)", err)
		}
		out, err := exec.Command("unshare", append([]string{"-rn", "sh", "-c", script, "sh"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", script, err, out)
		}
		return string(out)
	}
	run := func(t *testing.T, files map[string]string) monitor.Result {
		t.Helper()
		root := t.TempDir()
		for rel, text := range files {
			writeUnder(t, root, rel, []byte(text))
		}
		sys := host.Local()
		sys.FS = os.DirFS(root)
		return (&Firewall{Sys: sys}).Run(context.Background())
	}
	verdict := func(filters bool) (monitor.Status, string) {
		if filters {
			return monitor.OK, "finding.firewall.ok"
		}
		return monitor.Warn, "finding.firewall.open"
	}
	for _, tc := range nftCases {
		t.Run("nftables/"+tc.name, func(t *testing.T) {
			if testenv.Require(t, "nft"); true {
				file := filepath.Join(t.TempDir(), "nftables.conf")
				os.WriteFile(file, []byte(tc.conf), 0o644)
				listed := netns(t, `nft -f "$1" && nft list chains`, file)
				loaded := false
				for line := range strings.SplitSeq(listed, "\n") {
					loaded = loaded || strings.Contains(line, "hook input") && strings.Contains(line, "policy drop;")
				}
				if loaded != tc.filters {
					t.Fatalf("nft loads input dropping: %v, the case says %v\n%s", loaded, tc.filters, listed)
				}
			}
			r := run(t, map[string]string{nftablesConf[1:]: tc.conf, "etc/systemd/system/sysinit.target.wants/nftables.service": ""})
			if status, key := verdict(tc.filters); r.Status != status || r.Finding.Key != key {
				t.Errorf("check: %s %s %v", r.Status, r.Finding.Key, r.Evidence)
			}
		})
	}
	for _, tc := range ufwCases {
		t.Run("ufw/"+tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "ufw")
			os.WriteFile(file, []byte(tc.text), 0o644)
			out, err := exec.Command("sh", "-c", `. "$1" >/dev/null && printf %s "$DEFAULT_INPUT_POLICY"`, "sh", file).Output()
			if err != nil || string(out) != tc.policy {
				t.Fatalf("the shell reads %q (%v), the case says %q", out, err, tc.policy)
			}
			r := run(t, map[string]string{ufwConf[1:]: "ENABLED=yes\n", ufwDefaults[1:]: tc.text})
			status, key := verdict(tc.policy == "DROP" || tc.policy == "REJECT")
			if tc.unsure {
				status, key = monitor.Unknown, "finding.firewall.unsure"
			}
			if r.Status != status || r.Finding.Key != key {
				t.Errorf("check: %s %s %v", r.Status, r.Finding.Key, r.Evidence)
			}
		})
	}
	for _, tc := range iptablesCases {
		t.Run("iptables/"+tc.name, func(t *testing.T) {
			if testenv.Require(t, "iptables-restore"); true {
				file := filepath.Join(t.TempDir(), "rules.v4")
				os.WriteFile(file, []byte(tc.rules), 0o644)
				listed := netns(t, `iptables-restore < "$1" && iptables -S INPUT`, file)
				// Refusing by default, as iptables lists what it loaded: the
				// policy, or a rule that drops everything (no condition
				// before its jump; a comment is no condition).
				loaded := strings.Contains(listed, "-P INPUT DROP")
				for line := range strings.SplitSeq(listed, "\n") {
					bare := regexp.MustCompile(`-m comment --comment ("[^"]*"|\S+) `).ReplaceAllString(line, "")
					loaded = loaded || bare == "-A INPUT -j DROP" || strings.HasPrefix(bare, "-A INPUT -j REJECT")
				}
				if loaded != tc.filters {
					t.Fatalf("iptables loads input refused by default: %v, the case says %v\n%s", loaded, tc.filters, listed)
				}
			}
			r := run(t, map[string]string{iptablesRules[1:]: tc.rules, "etc/systemd/system/multi-user.target.wants/netfilter-persistent.service": ""})
			if status, key := verdict(tc.filters); r.Status != status || r.Finding.Key != key {
				t.Errorf("check: %s %s %v", r.Status, r.Finding.Key, r.Evidence)
			}
		})
	}
}

// unreadable is a file system on which one file cannot be read, as a zone
// only root may read is to the person.
type unreadable struct {
	fs.FS
	name string
}

func (u unreadable) Open(name string) (fs.File, error) {
	if name == u.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.FS.Open(name)
}

// TestFirewallFileNotReadIsNotOK: the administrator's firewalld zone, or
// ufw's defaults, that the person may not read is what is in force; the
// package's zone, or ufw's own default, must not stand in for it.
func TestFirewallFileNotReadIsNotOK(t *testing.T) {
	for name, tc := range map[string]struct {
		files      map[string]string
		unreadable string
	}{
		"firewalld's zone in /etc": {map[string]string{
			"etc/firewalld/firewalld.conf":                                 "DefaultZone=home\n",
			"etc/firewalld/zones/home.xml":                                 `<zone target="ACCEPT"/>`,
			"usr/lib/firewalld/zones/home.xml":                             `<zone/>`,
			"etc/systemd/system/multi-user.target.wants/firewalld.service": "",
		}, "etc/firewalld/zones/home.xml"},
		"ufw's defaults": {map[string]string{
			"etc/ufw/ufw.conf": "ENABLED=yes\n",
			"etc/default/ufw":  "DEFAULT_INPUT_POLICY=\"ACCEPT\"\n",
		}, "etc/default/ufw"},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			for rel, text := range tc.files {
				writeUnder(t, root, rel, []byte(text))
			}
			sys := host.Local()
			sys.FS = unreadable{os.DirFS(root), tc.unreadable}
			if r := (&Firewall{Sys: sys}).Run(context.Background()); r.Status == monitor.OK {
				t.Errorf("%s not readable: %s %v, want not ok", tc.unreadable, r.Status, r.Evidence)
			}
		})
	}
}
