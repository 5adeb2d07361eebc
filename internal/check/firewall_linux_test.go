package check

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
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
	if r := check.Run(context.Background()); r.Status != monitor.OK || !strings.Contains(r.Finding.Args["Names"].(string), "ufw") {
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
			t.Skipf("%s is missing (install ufw and nftables)", f)
		}
	}
}
