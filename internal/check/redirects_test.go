package check

import (
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
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
	if r.Status != monitor.Critical || strings.ContainsRune(r.Get("redirected"), '\u202e') {
		t.Errorf("a disguised name: %s %v", r.Status, r.Evidence)
	}
	if got := list([]string{"a", "b", "c", "d", "e"}); got != "a, b, c (+2)" {
		t.Errorf("list = %q", got)
	}
	if e := parseHosts([]byte("::ffff:203.0.113.7 Example.COM.\nnot-an-address name\n1.2.3.4\n")); len(e) != 1 || e[0].Name != "example.com" || e[0].Address.String() != "203.0.113.7" {
		t.Errorf("parseHosts = %+v", e)
	}
}

func FuzzParseHosts(f *testing.F) {
	f.Add([]byte("127.0.0.1 localhost\n::1 ip6-localhost # c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, e := range parseHosts(data) {
			if e.Name == "" || !e.Address.IsValid() {
				t.Errorf("entry %+v", e)
			}
		}
	})
}
