package check

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Debian's and Windows' own hosts files redirect nothing; an ad-blocking
// list sends names nowhere; a line for a bank is the attack this is for.
func TestRedirects(t *testing.T) {
	sites, err := catalog.SiteList()
	if err != nil {
		t.Fatal(err)
	}
	debian := "127.0.0.1\tlocalhost\n127.0.1.1\tmypc.example.org\tmypc\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n"
	windows := "# Copyright (c) 1993-2009 Microsoft Corp.\r\n#\r\n# localhost name resolution is handled within DNS itself.\r\n#\t127.0.0.1       localhost\r\n#\t::1             localhost\r\n"
	adblock := "0.0.0.0 ads.example.com\n0.0.0.0 tracker.example.net # tracking\n127.0.0.1 doubleclick.net\n"
	for _, tt := range []struct {
		name   string
		hosts  string
		certs  []addedCert
		want   monitor.Status
		advice string
	}{
		{"Debian's own", debian, nil, monitor.OK, "site-redirects"},
		{"Windows' own", windows, nil, monitor.OK, "site-redirects"},
		{"an ad blocker", debian + adblock, nil, monitor.OK, "site-redirects"},
		{"a broker sent elsewhere", debian + "203.0.113.7 www.sbisec.co.jp sbisec.co.jp\n", nil, monitor.Critical, "site-redirects.hosts"},
		{"a bank sent nowhere is still its page gone", debian + "0.0.0.0 direct.bk.mufg.jp\n", nil, monitor.Critical, "site-redirects.hosts"},
		{"a developer's own name", debian + "192.168.1.20 nas.home\n", nil, monitor.Warn, "site-redirects.hosts"},
		{"a root certificate added", debian, []addedCert{{File: "/usr/local/share/ca-certificates/x.crt", Subject: "Totally Legit CA"}}, monitor.Warn, "site-redirects.certificates"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := judgeRedirects(redirectFacts{HostsFile: "/etc/hosts", Entries: parseHosts([]byte(tt.hosts)), Hostname: "mypc", Certs: tt.certs}, sites)
			if r.Status != tt.want || r.Advice != tt.advice {
				t.Errorf("got %s %s %v %v, want %s %s", r.Status, r.Advice, r.Finding, r.Evidence, tt.want, tt.advice)
			}
		})
	}
	// Names are hostile text: a right-to-left override cannot disguise one.
	r := judgeRedirects(redirectFacts{Entries: parseHosts([]byte("203.0.113.7 evil\u202ecom.smbc.co.jp\n"))}, sites)
	if r.Status != monitor.Critical || shown(t, r).Get("redirected") != `evil\u202Ecom.smbc.co.jp → 203.0.113.7` {
		t.Errorf("a disguised name: %s %v", r.Status, r.Evidence)
	}
	if got, ok := r.Finding.Args["Names"].([]string); !ok || len(got) != 1 {
		t.Errorf("the finding's names are %#v, not a list the printer joins", r.Finding.Args["Names"])
	}
	if e := parseHosts([]byte("::ffff:203.0.113.7 Example.COM.\nnot-an-address name\n1.2.3.4\n")); len(e) != 1 || e[0].Name != "example.com" || e[0].Address.String() != "203.0.113.7" {
		t.Errorf("parseHosts = %+v", e)
	}
}

func FuzzParseHosts(f *testing.F) {
	f.Add([]byte("127.0.0.1 localhost\n::1 ip6-localhost # c\n"))
	f.Add([]byte("  198.51.100.9 Bank.example\x00junk\n\t::1 a\vb"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, e := range append(parseHosts(data), parseHostsGlibc(data)...) {
			if e.Name == "" || !e.Address.IsValid() {
				t.Errorf("entry %+v", e)
			}
		}
	})
}

// TestWindowsAddedRoots reads root stores as the registry holds them:
// Windows' own roots in the machine's store are not listed; a root added
// there, one in the person's store and one pushed by policy are, named by
// the subject in their Blob (properties as crypt32 writes them: the SHA-1
// hash, then the certificate), or by their thumbprint when the Blob
// cannot be read.
func TestWindowsAddedRoots(t *testing.T) {
	der := testRootCA(t, "Proxy Inspection Root")
	blob := func(der []byte) []byte {
		le := binary.LittleEndian
		b := le.AppendUint32(nil, 3) // CERT_SHA1_HASH_PROP_ID
		b = le.AppendUint32(b, 1)
		b = le.AppendUint32(b, 20)
		b = append(b, make([]byte, 20)...)
		b = le.AppendUint32(b, 32) // CERT_CERT_PROP_ID
		b = le.AppendUint32(b, 1)
		b = le.AppendUint32(b, uint32(len(der)))
		return append(b, der...)
	}
	const machine = `HKLM\SOFTWARE\Microsoft\SystemCertificates\ROOT\Certificates\`
	const person = `HKCU\Software\Microsoft\SystemCertificates\Root\Certificates\`
	const policy = `HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates\Root\Certificates\`
	reg := host.MapRegistry{
		machine + `CDD4EEAE6000AC7F40C3802C171E30148030C072\Blob`: blob([]byte{0x30, 0}),
		machine + `cdd4eeae6000ac7f40c3802c171e30148030c072\Blob`: blob([]byte{0x30, 0}), // any case
		machine + `8F43288AD272F3103B6FB1428485EA3014C0BCFE\Blob`: blob([]byte{0x30, 0}),
	}
	if got, err := windowsAddedRoots(reg); err != nil || len(got) != 0 {
		t.Fatalf("Windows' own: %v %v", got, err)
	}
	reg[machine+`1111111111111111111111111111111111111111\Blob`] = blob(der)
	reg[person+`2222222222222222222222222222222222222222\Blob`] = blob(der)[:40] // cut short
	reg[policy+`3333333333333333333333333333333333333333\Blob`] = blob(der)
	got, err := windowsAddedRoots(reg)
	want := []addedCert{
		{File: person + `2222222222222222222222222222222222222222`, Subject: "2222222222222222222222222222222222222222"},
		{File: machine + `1111111111111111111111111111111111111111`, Subject: "Proxy Inspection Root", CN: "Proxy Inspection Root"},
		{File: policy + `3333333333333333333333333333333333333333`, Subject: "Proxy Inspection Root", CN: "Proxy Inspection Root"},
	}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v %v\nwant %v", got, err, want)
	}
	if r := judgeRedirects(redirectFacts{CertDir: "registry", Certs: got}, catalog.Sites{}); r.Status != monitor.Warn || r.Advice != "site-redirects.certificates" {
		t.Errorf("judged: %s %s", r.Status, r.Advice)
	}
}

// glibcHostsCases: a hosts file, a name looked up, and whether glibc
// (2.36, Debian 12's) answers it with 198.51.100.9, from its source (named
// per case) and confirmed on the real resolver by
// TestHostsReadAsGlibcReadsThem. listed: Mamori lists the name though this
// glibc does not answer it (the memmove quirk, which a later glibc may
// not have: both readings are listed so that none is missed).
var glibcHostsCases = []struct {
	name, hosts, lookup string
	resolves, listed    bool
}{
	{"plain", "198.51.100.9 trade.rakuten-sec.co.jp\n", "trade.rakuten-sec.co.jp", true, true},
	{"a NUL ends the line (a C string after fgets)", "198.51.100.9 trade.rakuten-sec.co.jp\x00junk\n", "trade.rakuten-sec.co.jp", true, true},
	{"a NUL after the address leaves no name", "198.51.100.9\x00 trade.rakuten-sec.co.jp\n", "trade.rakuten-sec.co.jp", false, false},
	{"a NUL first: an empty line (nss_readline.c)", "\x00198.51.100.9 trade.rakuten-sec.co.jp\n", "trade.rakuten-sec.co.jp", false, false},
	{"names without case (__strcasecmp)", "198.51.100.9 TRADE.Rakuten-Sec.CO.JP\n", "trade.rakuten-sec.co.jp", true, true},
	{"the Kelvin sign is not k (ASCII folding only)", "198.51.100.9 trade.ra\u212auten-sec.co.jp\n", "trade.rakuten-sec.co.jp", false, false},
	{"a trailing dot is part of the name", "198.51.100.9 trade.rakuten-sec.co.jp.\n", "trade.rakuten-sec.co.jp", false, false},
	{"\\v, \\f and \\r are blanks (isspace)", "198.51.100.9\vtrade.rakuten-sec.co.jp\f\r\n", "trade.rakuten-sec.co.jp", true, true},
	{"a CR inside a line separates names", "198.51.100.9 other\rtrade.rakuten-sec.co.jp\n", "trade.rakuten-sec.co.jp", true, true},
	{"U+3000 is not a blank: no address", "198.51.100.9\u3000trade.rakuten-sec.co.jp\n", "trade.rakuten-sec.co.jp", false, false},
	{"U+00A0 is not a blank: one name", "198.51.100.9 trade.rakuten-sec.co.jp\u00a0evil\n", "trade.rakuten-sec.co.jp", false, false},
	{"# ends the line anywhere (strpbrk)", "198.51.100.9 x#y trade.rakuten-sec.co.jp\n", "trade.rakuten-sec.co.jp", false, false},
	{"an alias after the canonical name", "198.51.100.9 other trade.rakuten-sec.co.jp # c\n", "trade.rakuten-sec.co.jp", true, true},
	{"indented", "  \t198.51.100.9 trade.rakuten-sec.co.jp\n", "trade.rakuten-sec.co.jp", true, true},
	{"an address with a zone is not one inet_pton reads", "fe80::1%lo trade.rakuten-sec.co.jp\n", "trade.rakuten-sec.co.jp", false, false},
	{"IPv4-mapped", "::ffff:198.51.100.9 trade.rakuten-sec.co.jp\n", "trade.rakuten-sec.co.jp", true, true},
	{"after a 70 KB line (the buffer grows on ERANGE)", "# " + strings.Repeat("x", 70<<10) + "\n198.51.100.9 trade.rakuten-sec.co.jp\n", "trade.rakuten-sec.co.jp", true, true},
	{"indented with a NUL: memmove appends the last bytes", "  198.51.100.9 trade.rakuten-sec.co.jp\x00\n", "trade.rakuten-sec.co.jpjp", true, true},
	{"indented with a NUL: the name as written", "  198.51.100.9 trade.rakuten-sec.co.jp\x00\n", "trade.rakuten-sec.co.jp", false, true},
	{"indented last line without a newline", "127.0.0.1 localhost\n 198.51.100.9 trade.rakuten-sec.co.jp", "trade.rakuten-sec.co.jpp", true, true},
}

// TestHostsRecordedGlibcCases holds parseHostsGlibc to the cases above on
// every OS, and the check to them: a finance name glibc answers is
// critical.
func TestHostsRecordedGlibcCases(t *testing.T) {
	sites, err := catalog.SiteList()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range glibcHostsCases {
		t.Run(tc.name, func(t *testing.T) {
			listed := false
			for _, e := range parseHostsGlibc([]byte(tc.hosts)) {
				listed = listed || e.Name == tc.lookup && e.Address == netip.MustParseAddr("198.51.100.9")
			}
			if listed != tc.listed {
				t.Errorf("%q listed: %v, want %v (glibc answers it: %v)", tc.lookup, listed, tc.listed, tc.resolves)
			}
			if tc.lookup != "trade.rakuten-sec.co.jp" {
				return
			}
			r := judgeRedirects(redirectFacts{Entries: parseHostsGlibc([]byte(tc.hosts))}, sites)
			if critical := r.Status == monitor.Critical; critical != tc.listed {
				t.Errorf("the check: %s %v", r.Status, r.Evidence)
			}
		})
	}
}

// TestSecurityRoots: roots made here with the subjects security products
// give theirs are recognised by the catalogue and listed, not judged,
// saying whether the product's program was seen running; any other root
// stays a warning, and a look-alike name is not taken for a product's.
func TestSecurityRoots(t *testing.T) {
	roots, err := catalog.SecurityRoots()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roots {
		if r.Product == "" || len(r.Names)+len(r.Orgs) == 0 || len(r.Sources) == 0 {
			t.Errorf("catalogue entry %+v: a product, a name and a source each", r)
		}
	}
	made := func(cn, org string) addedCert {
		c := addedCert{File: "/usr/local/share/ca-certificates/x.crt"}
		der := testRootCAOf(t, cn, org)
		c.Subject = certSubjectName(der)
		c.CN, c.Org = certSubject(der)
		return c
	}
	eset := made("ESET SSL Filter CA", "ESET, spol. s r. o.")
	kaspersky := made("Kaspersky Anti-Virus Personal Root Certificate", "AO Kaspersky Lab")
	avg := made("AVG Web/Mail Shield Root", "AVG Web/Mail Shield")
	byOrg := made("Kaspersky Web Protection", "AO Kaspersky Lab")
	stranger := made("Totally Legit CA", "")
	lookalike := made("Secure ESET SSL Filter CA", "")
	sites := catalog.Sites{}
	for _, tt := range []struct {
		name    string
		certs   []addedCert
		running map[string]bool
		want    monitor.Status
		finding string
		names   string
	}{
		{"ESET's, running", []addedCert{eset}, map[string]bool{"eset": true}, monitor.OK, "finding.site-redirects.security-roots", "ESET"},
		{"Kaspersky's, not running", []addedCert{kaspersky}, nil, monitor.OK, "finding.site-redirects.security-roots-not-running", "Kaspersky"},
		{"AVG's, Avast's engine running", []addedCert{avg}, map[string]bool{"avast": true}, monitor.OK, "finding.site-redirects.security-roots", "AVG"},
		{"by its organisation", []addedCert{byOrg}, map[string]bool{"kaspersky": true}, monitor.OK, "finding.site-redirects.security-roots", "Kaspersky"},
		{"two of one product, one named", []addedCert{kaspersky, byOrg}, map[string]bool{"kaspersky": true}, monitor.OK, "finding.site-redirects.security-roots", "Kaspersky"},
		{"an unknown one beside", []addedCert{eset, stranger}, map[string]bool{"eset": true}, monitor.Warn, "finding.site-redirects.certificates", "Totally Legit CA"},
		{"a look-alike name", []addedCert{lookalike}, map[string]bool{"eset": true}, monitor.Warn, "finding.site-redirects.certificates", "Secure ESET SSL Filter CA"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := redirectFacts{HostsFile: "/etc/hosts", CertDir: "/usr/local/share/ca-certificates", Certs: tt.certs, Running: tt.running}
			f.Security = securityRoots(f.Certs, roots)
			r := judgeRedirects(f, sites)
			if r.Status != tt.want || r.Finding.Key != tt.finding || strings.Join(r.Finding.Args["Names"].([]string), ", ") != tt.names {
				t.Errorf("got %s %v, want %s %s %q; evidence %v", r.Status, r.Finding, tt.want, tt.finding, tt.names, r.Evidence)
			}
		})
	}
}
