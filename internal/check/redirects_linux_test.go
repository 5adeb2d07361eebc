package check

import (
	"bytes"
	"context"
	"encoding/pem"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestSiteRedirectsOnRealFiles reads this machine's own /etc/hosts (copied
// under a test root, so the test changes nothing of the machine's) and a
// real certificate, made here, added where update-ca-certificates takes
// them: the machine's hosts file redirects nothing; a line for a broker
// appended to it is critical; the certificate is named by its subject.
func TestSiteRedirectsOnRealFiles(t *testing.T) {
	hosts, err := os.ReadFile("/etc/hosts")
	if err != nil {
		testenv.Unavailable(t, "this machine has no /etc/hosts")
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

// TestBrowserAddedRoots makes NSS databases with NSS's own certutil: a
// Firefox profile where a root was trusted for web sites and an
// intermediate kept without trust, and the ~/.pki/nssdb Chromium shares;
// then a damaged one, which cannot be told.
func TestBrowserAddedRoots(t *testing.T) {
	testenv.Require(t, "certutil")
	sites, err := catalog.SiteList()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	writeUnder(t, root, "etc/hosts", []byte("127.0.0.1 localhost\n"))
	home := filepath.Join(root, "home/taro")
	nssdb := func(dir string, certs map[string]string) {
		t.Helper()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		run := func(name string, args ...string) {
			t.Helper()
			if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
				t.Fatalf("%s %v: %v\n%s", name, args, err, out)
			}
		}
		run("certutil", "-N", "-d", "sql:"+dir, "--empty-password")
		for cn, trust := range certs {
			file := filepath.Join(t.TempDir(), "ca.pem")
			if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: testRootCA(t, cn)}), 0o644); err != nil {
				t.Fatal(err)
			}
			run("certutil", "-A", "-d", "sql:"+dir, "-n", cn, "-t", trust, "-i", file)
		}
	}
	nssdb(filepath.Join(home, ".mozilla/firefox/ab12cd34.default-release"), map[string]string{"Mamori NSS Test CA": "C,,", "Cached Intermediate": ",,"})
	nssdb(filepath.Join(home, ".pki/nssdb"), map[string]string{"Chromium Imported CA": "CT,,"})
	sys := host.Local()
	sys.FS, sys.Home, sys.Getenv = os.DirFS(root), "/home/taro", func(string) string { return "" }
	check := &SiteRedirects{Sys: sys, Sites: sites}
	r := check.Run(context.Background())
	got := fmt.Sprint(r.Evidence)
	if r.Status != monitor.Warn || !strings.Contains(got, "Mamori NSS Test CA (Firefox (ab12cd34.default-release))") ||
		!strings.Contains(got, "Chromium Imported CA (~/.pki/nssdb)") || strings.Contains(got, "Cached Intermediate") {
		t.Errorf("trusted roots: %s %v", r.Status, r.Evidence)
	}

	os.RemoveAll(filepath.Join(home, ".pki"))
	os.RemoveAll(filepath.Join(home, ".mozilla/firefox/ab12cd34.default-release"))
	writeUnder(t, home, ".mozilla/firefox/ab12cd34.default-release/cert9.db", []byte("SQLite format 3\x00 and no more"))
	if r := check.Run(context.Background()); r.Status != monitor.Unknown || !strings.Contains(r.Get("reason"), "Firefox (ab12cd34.default-release)") {
		t.Errorf("a damaged database: %s %v", r.Status, r.Evidence)
	}
}

// TestHostsReadAsGlibcReadsThem asks the real resolver: each case's hosts
// file is bind-mounted over /etc/hosts in a mount namespace of its own
// (unshare -rm: the machine's file is not touched), with an nsswitch.conf
// that reads files only, and getent ahosts (getaddrinfo, as browsers call
// it) looks the name up. glibc must answer as the case says, and the
// check must say what glibc answers: a redirect glibc follows is never
// judged as another name.
func TestHostsReadAsGlibcReadsThem(t *testing.T) {
	testenv.Require(t, "getent", "unshare")
	if err := exec.Command("unshare", "-rm", "true").Run(); err != nil {
		testenv.Unavailable(t, "no private mount namespace here (unshare -rm: %v)", err)
	}
	if _, err := os.Stat("/var/run/nscd/socket"); err == nil {
		testenv.Unavailable(t, "nscd runs: getent would ask it, not the file")
	}
	sites, err := catalog.SiteList()
	if err != nil {
		t.Fatal(err)
	}
	nss := filepath.Join(t.TempDir(), "nsswitch.conf")
	os.WriteFile(nss, []byte("hosts: files\n"), 0o644)
	for _, tc := range glibcHostsCases {
		t.Run(tc.name, func(t *testing.T) {
			hosts := filepath.Join(t.TempDir(), "hosts")
			os.WriteFile(hosts, []byte(tc.hosts), 0o644)
			out, _ := exec.Command("unshare", "-rm", "sh", "-c",
				`mount --bind "$1" /etc/hosts && mount --bind "$2" /etc/nsswitch.conf && exec getent ahosts "$3"`,
				"sh", hosts, nss, tc.lookup).Output()
			resolves := false
			for line := range strings.SplitSeq(string(out), "\n") {
				if f := strings.Fields(line); len(f) > 0 {
					if a, err := netip.ParseAddr(f[0]); err == nil && a.Unmap() == netip.MustParseAddr("198.51.100.9") {
						resolves = true
					}
				}
			}
			if resolves != tc.resolves {
				t.Fatalf("glibc answers %q with 198.51.100.9: %v; the case says %v\n%s", tc.lookup, resolves, tc.resolves, out)
			}
			// Never missed: what glibc answers, the reader lists.
			if tc.resolves && !tc.listed {
				t.Fatal("a case glibc answers must be listed")
			}
			root := t.TempDir()
			writeUnder(t, root, "etc/hosts", []byte(tc.hosts))
			sys := host.Local()
			sys.FS = os.DirFS(root)
			r := (&SiteRedirects{Sys: sys, Sites: sites}).Run(context.Background())
			if tc.lookup == "trade.rakuten-sec.co.jp" && (r.Status == monitor.Critical) != tc.listed {
				t.Errorf("the check: %s %v", r.Status, r.Evidence)
			}
		})
	}
}

// TestHugeHostsFileStaysReadable: a real hosts file of 300,000 redirects
// (11 MB, under the reader's cap) read by the check's own reader and
// turned into the status document by report.Build. The document stays
// under what the window reads (ipc.MaxReply), and says how many there
// were: the finding counts them all, the evidence lists the first and how
// many more.
func TestHugeHostsFileStaysReadable(t *testing.T) {
	const n = 300_000
	var b strings.Builder
	b.WriteString("127.0.0.1 localhost\n")
	for i := range n {
		fmt.Fprintf(&b, "198.51.%d.%d site-%d.example.com\n", i/250%250, i%250+1, i)
	}
	root := t.TempDir()
	writeUnder(t, root, "etc/hosts", []byte(b.String()))
	sys := host.Local()
	sys.FS = os.DirFS(root)
	sys.Home = "/nonexistent"
	r := (&SiteRedirects{Sys: sys}).Run(context.Background())
	r.CheckID = "site-redirects"
	if r.Status != monitor.Warn {
		t.Fatalf("300,000 redirects: %s %v", r.Status, r.Finding)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	doc := report.Build([]monitor.Result{r}, cat.Printer("en"), report.App{}, time.Time{})
	var out bytes.Buffer
	if err := report.WriteJSON(&out, doc); err != nil {
		t.Fatal(err)
	}
	if out.Len() >= ipc.MaxReply {
		t.Fatalf("the document is %d bytes, over the window's %d", out.Len(), ipc.MaxReply)
	}
	back, err := report.Decode(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	c := back.Checks[0]
	if !strings.Contains(c.Finding, "300000 sites") {
		t.Errorf("the finding does not count them all: %q", c.Finding)
	}
	shown, more := 0, 0
	for _, e := range c.Evidence {
		if e.Key == "redirected" {
			if e.More > 0 {
				more += e.More
			} else {
				shown++
			}
		}
	}
	if shown == 0 || shown+more != n || !strings.Contains(c.Evidence[len(c.Evidence)-1].Value, fmt.Sprint(more)) {
		t.Errorf("evidence lists %d and %d more, want %d in all, the count said: %v", shown, more, n, c.Evidence[len(c.Evidence)-1])
	}
	t.Logf("%d bytes; %d shown, %d more", out.Len(), shown, more)
}

// TestSecurityRootsOnRealFiles: ESET's root (made here, with ESET's
// subject) in the system's added-certificates folder and Kaspersky's
// trusted in a Firefox profile's NSS database made by NSS's own certutil
// are listed as the security software's, not judged; whether each
// product's program runs is read from the real processes (a program run
// here under the name Kaspersky's Linux agent has).
func TestSecurityRootsOnRealFiles(t *testing.T) {
	testenv.Require(t, "certutil", "sleep")
	sites, err := catalog.SiteList()
	if err != nil {
		t.Fatal(err)
	}
	roots, err := catalog.SecurityRoots()
	if err != nil {
		t.Fatal(err)
	}
	products, err := catalog.AntivirusProducts()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	writeUnder(t, root, "etc/hosts", []byte("127.0.0.1 localhost\n"))
	writeUnder(t, root, "usr/local/share/ca-certificates/eset.crt", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: testRootCAOf(t, "ESET SSL Filter CA", "ESET, spol. s r. o.")}))
	profile := filepath.Join(root, "home/taro/.mozilla/firefox/ab12cd34.default-release")
	os.MkdirAll(profile, 0o755)
	ca := filepath.Join(t.TempDir(), "kaspersky.pem")
	os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: testRootCAOf(t, "Kaspersky Anti-Virus Personal Root Certificate", "AO Kaspersky Lab")}), 0o644)
	for _, args := range [][]string{{"-N", "-d", "sql:" + profile, "--empty-password"}, {"-A", "-d", "sql:" + profile, "-n", "Kaspersky", "-t", "C,,", "-i", ca}} {
		if out, err := exec.Command("certutil", args...).CombinedOutput(); err != nil {
			t.Fatalf("certutil %v: %v\n%s", args, err, out)
		}
	}
	sys := host.Local()
	sys.FS, sys.Home, sys.Getenv = os.DirFS(root), "/home/taro", func(string) string { return "" }
	check := &SiteRedirects{Sys: sys, Sites: sites, SecurityRoots: roots, Products: products}
	run := func(name string) {
		t.Helper()
		sleep, err := exec.LookPath("sleep")
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(sleep)
		if err != nil {
			t.Fatal(err)
		}
		prog := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(prog, data, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(prog, "60")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	}
	run("kesl")
	r := check.Run(context.Background())
	got := fmt.Sprint(r.Evidence)
	if r.Status != monitor.OK || r.Finding.Key != "finding.site-redirects.security-roots-not-running" || !slices.Equal(r.Finding.Args["Names"].([]string), []string{"ESET", "Kaspersky"}) ||
		!strings.Contains(got, "ESET SSL Filter CA (/usr/local/share/ca-certificates/eset.crt): ESET, its program was not seen running") ||
		!strings.Contains(got, "Kaspersky Anti-Virus Personal Root Certificate (Firefox (ab12cd34.default-release)): Kaspersky, its program runs") {
		t.Errorf("ESET's root, Kaspersky's with its program: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	run("esets_daemon")
	sys.Procs = &host.Snapshot{Lister: sys.Procs.(*host.Snapshot).Lister} // a fresh list
	check.Sys = sys
	if r := check.Run(context.Background()); r.Status != monitor.OK || r.Finding.Key != "finding.site-redirects.security-roots" {
		t.Errorf("both programs run: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
}
