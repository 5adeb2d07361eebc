package check

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Sources as Debian, Ubuntu, a PPA and vendors' install guides write them.
func TestAppSources(t *testing.T) {
	list := parseSourcesList("/etc/apt/sources.list", []byte(`deb http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm main
# deb http://example.org/old stable main
deb [arch=amd64 signed-by=/usr/share/keyrings/google.gpg] https://dl.google.com/linux/chrome/deb/ stable main
deb cdrom:[Debian GNU/Linux 12.8.0 _Bookworm_]/ bookworm contrib main
`))
	if len(list) != 3 || list[1].URI != "https://dl.google.com/linux/chrome/deb/" || list[1].Suite != "stable" {
		t.Errorf("one-line sources: %+v", list)
	}
	deb822 := parseDeb822("/etc/apt/sources.list.d/ubuntu.sources", []byte(`Types: deb
URIs: http://jp.archive.ubuntu.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

Types: deb
URIs: https://ppa.launchpadcontent.net/someone/tools/ubuntu/
Suites: noble
Components: main

Types: deb
Enabled: no
URIs: https://download.example.com/apt
Suites: stable
`))
	if len(deb822) != 2 || deb822[1].URI != "https://ppa.launchpadcontent.net/someone/tools/ubuntu/" {
		t.Errorf("deb822 sources: %+v", deb822)
	}
	r := judgeSources(sourcesFacts{Sources: append(list, deb822...)})
	if r.Status != monitor.Warn || r.Finding.Args["Count"] != 2 || !strings.Contains(fmt.Sprint(r.Finding.Args["Names"]), "dl.google.com") || !strings.Contains(fmt.Sprint(r.Finding.Args["Names"]), "ppa.launchpadcontent.net") {
		t.Errorf("Chrome's and a PPA: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	if r := judgeSources(sourcesFacts{Sources: []aptSource{list[0], list[2], deb822[0]}}); r.Status != monitor.OK {
		t.Errorf("the distributions' own: %s %v", r.Status, r.Evidence)
	}
}

// SmartScreen as the registry keeps it: unset is Windows' default, on.
func TestWindowsSmartScreen(t *testing.T) {
	for _, tt := range []struct {
		name string
		reg  host.MapRegistry
		want monitor.Status
	}{
		{"default", host.MapRegistry{}, monitor.OK},
		{"warn", host.MapRegistry{winSmartScreenKey + `\SmartScreenEnabled`: "Warn"}, monitor.OK},
		{"off", host.MapRegistry{winSmartScreenKey + `\SmartScreenEnabled`: "Off"}, monitor.Warn},
		{"off by policy", host.MapRegistry{winSmartScreenPolicy + `\EnableSmartScreen`: uint64(0), winSmartScreenKey + `\SmartScreenEnabled`: "Warn"}, monitor.Warn},
		{"on by policy", host.MapRegistry{winSmartScreenPolicy + `\EnableSmartScreen`: uint64(1), winSmartScreenKey + `\SmartScreenEnabled`: "Off"}, monitor.OK},
	} {
		f, err := windowsSmartScreen(tt.reg)
		if err != nil {
			t.Fatal(err)
		}
		if r := judgeSources(f); r.Status != tt.want || r.Advice != "app-sources.windows" {
			t.Errorf("%s: %s %s %v", tt.name, r.Status, r.Advice, r.Evidence)
		}
	}
}

func FuzzParseDeb822(f *testing.F) {
	f.Add([]byte("Types: deb\nURIs: http://deb.debian.org/debian\n  http://x\nSuites: bookworm\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		parseDeb822("f", data)
		parseSourcesList("f", data)
	})
}

// A package no archive offers is a warning, named in Details; packages
// that could not be read leave it unknown, not ok.
func TestAppSourcesLocalPackage(t *testing.T) {
	r := judgeSources(sourcesFacts{Local: []string{"zoom-like-app"}})
	if r.Status != monitor.Warn || r.Finding.Key != "finding.app-sources.local" || r.Get("not-from-an-archive") != "zoom-like-app" {
		t.Errorf("a local package: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	official := []aptSource{{File: "/etc/apt/sources.list.d/debian.sources", URI: "http://deb.debian.org/debian", Suite: "bookworm"}}
	r = judgeSources(sourcesFacts{Sources: official, LocalErr: errors.New("missing: apt's package lists (apt-get update)")})
	if r.Status != monitor.Unknown || r.Finding.Key != "finding.app-sources.packages-unknown" || !strings.Contains(r.Get("reason"), "package lists") {
		t.Errorf("packages not read: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
}
