package check

import (
	"context"
	"encoding/pem"
	"os"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestSiteRedirectsOnRealFiles reads this machine's own /etc/hosts (copied
// under a test root, so the test changes nothing of the machine's) and a
// real certificate, made here, added where update-ca-certificates takes
// them: the machine's hosts file redirects nothing; a line for a broker
// appended to it is critical; the certificate is named by its subject.
func TestSiteRedirectsOnRealFiles(t *testing.T) {
	hosts, err := os.ReadFile("/etc/hosts")
	if err != nil {
		t.Skip("this machine has no /etc/hosts")
	}
	sites, err := catalog.SiteList()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	write := func(rel string, data []byte) { writeUnder(t, root, rel, data) }
	write("etc/hosts", hosts)
	if name, err := os.ReadFile("/etc/hostname"); err == nil {
		write("etc/hostname", name)
	}
	sys := host.Local()
	sys.FS = os.DirFS(root)
	check := &SiteRedirects{Sys: sys, Sites: sites}
	if r := check.Run(context.Background()); r.Status != monitor.OK {
		t.Fatalf("this machine's hosts file: %s %v %v", r.Status, r.Finding, r.Evidence)
	}

	// A root certificate, as a proxy or malware would add it.
	der := testRootCA(t, "Mamori Test Interception CA")
	write("usr/local/share/ca-certificates/extra/intercept.crt", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	r := check.Run(context.Background())
	if r.Status != monitor.Warn || r.Advice != "site-redirects.certificates" || !strings.Contains(r.Get("root-certificate"), "Mamori Test Interception CA") {
		t.Errorf("an added root certificate: %s %s %v", r.Status, r.Advice, r.Evidence)
	}

	write("etc/hosts", append(hosts, "\n198.51.100.9 trade.rakuten-sec.co.jp\n"...))
	r = check.Run(context.Background())
	if r.Status != monitor.Critical || !strings.Contains(r.Get("redirected"), "trade.rakuten-sec.co.jp → 198.51.100.9") {
		t.Errorf("a broker in the hosts file: %s %v", r.Status, r.Evidence)
	}
}
