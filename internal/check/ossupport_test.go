package check

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// winVersion is the registry of a Windows PC as Windows keeps its version
// there: CurrentBuild and DisplayVersion as REG_SZ, EditionID as REG_SZ.
func winVersion(build, display, edition string) host.MapRegistry {
	reg := host.MapRegistry{winCurrentVersion + `\CurrentBuild`: build, winCurrentVersion + `\CurrentBuildNumber`: build}
	if display != "" {
		reg[winCurrentVersion+`\DisplayVersion`] = display
	}
	if edition != "" {
		reg[winCurrentVersion+`\EditionID`] = edition
	}
	return reg
}

// TestSupportEnded: the verdict on 6 December 2026, from the registry or
// os-release of each system, on top of an updater that found nothing
// waiting. A version past its maker's last day is critical with its own
// finding and advice; one still supported, or one the catalogue does not
// know, keeps the updater's verdict.
func TestSupportEnded(t *testing.T) {
	cat, err := catalog.OSSupportList()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	upToDate := func() monitor.Result {
		return monitor.Result{Status: monitor.OK, Advice: "os-updates.windows", Finding: monitor.T("finding.os-updates.ok")}
	}
	release := func(name string) osVersion {
		data, err := os.ReadFile(filepath.Join("testdata", "os-release", name))
		if err != nil {
			t.Fatal(err)
		}
		return parseOSRelease(data)
	}
	windows := func(reg host.MapRegistry) osVersion {
		v, err := windowsVersion(reg)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tt := range []struct {
		name    string
		v       osVersion
		want    monitor.Status
		finding string
		advice  string
	}{
		{"Windows 10 22H2 Home", windows(winVersion("19045", "22H2", "Core")), monitor.Critical, "finding.os-updates.windows-ended", "os-updates.windows-ended"},
		// Japanese laptops ship with Home in one language.
		{"Windows 10 22H2 Home, one language", windows(winVersion("19045", "22H2", "CoreSingleLanguage")), monitor.Critical, "finding.os-updates.windows-ended", "os-updates.windows-ended"},
		// Microsoft sells organisations Extended Security Updates for Pro
		// 22H2 too (to 10 October 2028): the finding says so, not that
		// no update comes.
		{"Windows 10 22H2 Pro", windows(winVersion("19045", "22H2", "Professional")), monitor.Critical, "finding.os-updates.windows-ended-unless-bought", "os-updates.windows-ended"},
		{"Windows 10 22H2 Pro for Workstations", windows(winVersion("19045", "22H2", "ProfessionalWorkstation")), monitor.Critical, "finding.os-updates.windows-ended-unless-bought", "os-updates.windows-ended"},
		// ESU needs 22H2: an earlier Pro gets nothing.
		{"Windows 10 21H2 Pro", windows(winVersion("19044", "21H2", "Professional")), monitor.Critical, "finding.os-updates.windows-ended", "os-updates.windows-ended"},
		{"Windows 10 1909 Home", windows(winVersion("18363", "", "Core")), monitor.Critical, "finding.os-updates.windows-ended", "os-updates.windows-ended"},
		// An organisation may have bought Extended Security Updates.
		{"Windows 10 22H2 Enterprise", windows(winVersion("19045", "22H2", "Enterprise")), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
		{"Windows 10 LTSC 2021", windows(winVersion("19044", "21H2", "EnterpriseS")), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
		// LTSB 2016's ten years ended on 13 October 2026; LTSC 2019's run
		// to 2029, and Windows Server 2016 shares LTSB 2016's build.
		{"Windows 10 LTSB 2016", windows(winVersion("14393", "", "EnterpriseS")), monitor.Critical, "finding.os-updates.windows-ended", "os-updates.windows-ended"},
		{"Windows 10 LTSC 2019", windows(winVersion("17763", "", "EnterpriseS")), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
		{"Windows Server 2016", windows(winVersion("14393", "", "ServerStandard")), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
		{"Windows 11 23H2 Home", windows(winVersion("22631", "23H2", "Core")), monitor.Critical, "finding.os-updates.windows-version-ended", "os-updates.windows-version-ended"},
		{"Windows 11 23H2 Pro", windows(winVersion("22631", "23H2", "Professional")), monitor.Critical, "finding.os-updates.windows-version-ended", "os-updates.windows-version-ended"},
		// Enterprise 23H2's last day was 10 November 2026.
		{"Windows 11 23H2 Enterprise", windows(winVersion("22631", "23H2", "Enterprise")), monitor.Critical, "finding.os-updates.windows-version-ended", "os-updates.windows-version-ended"},
		{"Windows 11 24H2 Home", windows(winVersion("26100", "24H2", "Core")), monitor.Critical, "finding.os-updates.windows-version-ended", "os-updates.windows-version-ended"},
		{"Windows 11 24H2 Enterprise", windows(winVersion("26100", "24H2", "Enterprise")), monitor.OK, "finding.os-updates.ok", "os-updates.windows"},
		{"Windows 11 24H2 IoT LTSC", windows(winVersion("26100", "24H2", "IoTEnterpriseS")), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
		{"Windows Server 2025", windows(winVersion("26100", "24H2", "ServerStandard")), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
		{"Windows 11 25H2 Home", windows(winVersion("26200", "25H2", "Core")), monitor.OK, "finding.os-updates.ok", "os-updates.windows"},
		{"Windows 11 26H1 Home", windows(winVersion("28000", "26H1", "Core")), monitor.OK, "finding.os-updates.ok", "os-updates.windows"},
		// Nothing waiting, and the support not looked up: the finding
		// says both (ja review 5, N1).
		{"a build no one listed", windows(winVersion("29000", "27H1", "Core")), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
		{"Wine's Windows 7", windows(winVersion("7601", "", "")), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
		{"Debian 11", release("debian-11"), monitor.Critical, "finding.os-updates.release-ended", "os-updates.release-ended"},
		// Freexian's Extended LTS, in apt's sources, still brings updates.
		{"Debian 11 with Extended LTS", func() osVersion {
			v := release("debian-11")
			v.Extended = "/etc/apt/sources.list.d/extended-lts.list: http://deb.freexian.com/extended-lts bullseye-lts"
			return v
		}(), monitor.OK, "finding.os-updates.ok", "os-updates.windows"},
		{"Debian 12", release("debian-12"), monitor.OK, "finding.os-updates.ok", "os-updates.windows"},
		{"Debian 13", release("debian-13"), monitor.OK, "finding.os-updates.ok", "os-updates.windows"},
		{"Debian testing", release("debian-sid"), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
		{"Ubuntu 25.10, CRLF", release("ubuntu-25.10-crlf"), monitor.Critical, "finding.os-updates.release-ended", "os-updates.release-ended"},
		// Ubuntu Pro's Legacy add-on still brings 16.04 updates, bought.
		{"Ubuntu 16.04", parseOSRelease([]byte("ID=ubuntu\nVERSION_ID=\"16.04\"\n")), monitor.Critical, "finding.os-updates.release-ended-unless-bought", "os-updates.release-ended"},
		{"Ubuntu 14.04", parseOSRelease([]byte("ID=ubuntu\nVERSION_ID=\"14.04\"\n")), monitor.Critical, "finding.os-updates.release-ended", "os-updates.release-ended"},
		{"Fedora 41", release("fedora-41"), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
		// Linux Mint (the usual Cinnamon system) follows its Ubuntu base.
		{"Linux Mint 20.3", parseOSRelease([]byte("NAME=\"Linux Mint\"\nVERSION_ID=\"20.3\"\nID=linuxmint\nID_LIKE=ubuntu\n")), monitor.Critical, "finding.os-updates.release-ended", "os-updates.release-ended"},
		{"Linux Mint 22.2", parseOSRelease([]byte("NAME=\"Linux Mint\"\nVERSION_ID=\"22.2\"\nID=linuxmint\nID_LIKE=\"ubuntu debian\"\n")), monitor.OK, "finding.os-updates.ok-unjudged", "os-updates.windows"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := judgeSupport(upToDate(), tt.v, nil, cat, now)
			if r.Status != tt.want || r.Finding.Key != tt.finding || r.Advice != tt.advice {
				t.Errorf("got %s %s %s, want %s %s %s; %v", r.Status, r.Finding.Key, r.Advice, tt.want, tt.finding, tt.advice, r.Evidence)
			}
			if tt.want == monitor.Critical && r.Get("support-end-source") == "" {
				t.Errorf("no source in the evidence: %v", r.Evidence)
			}
		})
	}
	// Ubuntu 20.04's standard support ended on 2025-05-29: without Ubuntu
	// Pro in apt's sources, nothing waits because little is published
	// for it (ja review 5, N4).
	t.Run("an Ubuntu LTS past its standard support", func(t *testing.T) {
		focal := parseOSRelease([]byte("ID=ubuntu\nVERSION_ID=\"20.04\"\nVERSION_CODENAME=focal\n"))
		r := judgeSupport(upToDate(), focal, nil, cat, now)
		if r.Status != monitor.Warn || r.Finding.Key != "finding.os-updates.ubuntu-standard-ended" || r.Advice != "os-updates.ubuntu-standard-ended" || r.Finding.Args["System"] != "Ubuntu 20.04" {
			t.Errorf("without Ubuntu Pro: %s %v %s", r.Status, r.Finding, r.Advice)
		}
		focal.ESM = esmSource([]aptSource{{File: "/etc/apt/sources.list.d/ubuntu-esm-infra.sources", URI: "https://esm.ubuntu.com/infra/ubuntu", Suite: "focal-infra-security"}})
		if r := judgeSupport(upToDate(), focal, nil, cat, now); r.Status != monitor.OK || r.Get("ubuntu-pro") == "" {
			t.Errorf("with Ubuntu Pro: %s %v %v", r.Status, r.Finding, r.Evidence)
		}
		waiting := upToDate()
		waiting.Status, waiting.Finding = monitor.Critical, monitor.T("finding.os-updates.security", "Count", 3)
		if r := judgeSupport(waiting, parseOSRelease([]byte("ID=ubuntu\nVERSION_ID=\"20.04\"\n")), nil, cat, now); r.Finding.Key != "finding.os-updates.security" || r.Get("standard-support-end") != "2025-05-29" {
			t.Errorf("updates waiting: %s %v", r.Finding.Key, r.Evidence)
		}
		jammy := parseOSRelease([]byte("ID=ubuntu\nVERSION_ID=\"22.04\"\n"))
		if r := judgeSupport(upToDate(), jammy, nil, cat, now); r.Status != monitor.OK || r.Finding.Key != "finding.os-updates.ok" {
			t.Errorf("22.04, still in standard support: %s %v", r.Status, r.Finding)
		}
	})
	t.Run("Ubuntu Pro's source, not one that looks like it", func(t *testing.T) {
		for _, src := range []aptSource{
			{URI: "http://esm.ubuntu.com.example.net/infra/ubuntu", Suite: "focal-infra-security"},
			{URI: "http://mirror.example/esm.ubuntu.com/ubuntu", Suite: "focal"},
			{URI: "http://archive.ubuntu.com/ubuntu", Suite: "focal-security"},
		} {
			if got := esmSource([]aptSource{src}); got != "" {
				t.Errorf("%s taken for Ubuntu Pro: %s", src.URI, got)
			}
		}
	})
	t.Run("the manual finding, not looked up", func(t *testing.T) {
		manual := upToDate()
		manual.Finding = monitor.T("finding.os-updates.ok-manual")
		if r := judgeSupport(manual, release("fedora-41"), nil, cat, now); r.Finding.Key != "finding.os-updates.ok-manual-unjudged" {
			t.Errorf("got %s", r.Finding.Key)
		}
	})
	t.Run("what decided the verdict comes first under Details", func(t *testing.T) {
		r := upToDate()
		for range 30 {
			r.Add("package", "example")
		}
		r = judgeSupport(r, release("debian-11"), nil, cat, now)
		for i, key := range []string{"os-release", "support-end", "support-end-source"} {
			if r.Evidence[i].Key != key {
				t.Fatalf("evidence %d is %s, want %s: %v", i, r.Evidence[i].Key, key, r.Evidence[:4])
			}
		}
	})
	t.Run("the day itself", func(t *testing.T) {
		v := windows(winVersion("19045", "22H2", "Core"))
		if r := judgeSupport(upToDate(), v, nil, cat, time.Date(2026, 10, 13, 23, 0, 0, 0, time.UTC)); r.Status != monitor.OK {
			t.Errorf("on its last day: %s %s", r.Status, r.Finding.Key)
		}
		if r := judgeSupport(upToDate(), v, nil, cat, time.Date(2026, 10, 14, 0, 0, 0, 0, time.UTC)); r.Status != monitor.Critical {
			t.Errorf("the day after: %s %s", r.Status, r.Finding.Key)
		}
	})
	t.Run("Pro after the organisations' last year", func(t *testing.T) {
		v := windows(winVersion("19045", "22H2", "Professional"))
		if r := judgeSupport(upToDate(), v, nil, cat, time.Date(2028, 10, 11, 0, 0, 0, 0, time.UTC)); r.Finding.Key != "finding.os-updates.windows-ended" {
			t.Errorf("after 10 October 2028: %s %s", r.Status, r.Finding.Key)
		}
	})
	t.Run("the version as a parameter", func(t *testing.T) {
		r := judgeSupport(upToDate(), windows(winVersion("22631", "23H2", "Core")), nil, cat, now)
		if got := r.Finding.Args["Version"]; got != "23H2" {
			t.Errorf("Version = %v", got)
		}
		r = judgeSupport(upToDate(), release("debian-11"), nil, cat, now)
		if got := r.Finding.Args["System"]; got != "Debian 11" {
			t.Errorf("System = %v", got)
		}
	})
	t.Run("a version that could not be read", func(t *testing.T) {
		r := judgeSupport(upToDate(), osVersion{}, errors.New("no os-release"), cat, now)
		if r.Status != monitor.OK || r.Get("system-version") == "" {
			t.Errorf("got %s %v", r.Status, r.Evidence)
		}
	})
	t.Run("over an unknown verdict", func(t *testing.T) {
		unk := monitor.Result{Status: monitor.Unknown, Advice: "os-updates.windows", Finding: monitor.T("finding.os-updates.windows-on")}
		if r := judgeSupport(unk, windows(winVersion("19045", "22H2", "Core")), nil, cat, now); r.Status != monitor.Critical {
			t.Errorf("Windows 10 whose updater could not answer: %s", r.Status)
		}
	})
}

// TestWindowsVersion: the reader on values as Windows writes them, and on
// values it does not write.
func TestWindowsVersion(t *testing.T) {
	v, err := windowsVersion(winVersion(" 22631 ", "23H2", "Professional"))
	if err != nil || v.Build != 22631 || v.Display != "23H2" || v.Edition != "Professional" {
		t.Errorf("23H2 Pro: %+v %v", v, err)
	}
	if v, err := windowsVersion(winVersion("19041", "", "")); err != nil || v.Build != 19041 || v.Display != "" || v.Edition != "" {
		t.Errorf("no DisplayVersion, no EditionID: %+v %v", v, err)
	}
	for name, reg := range map[string]host.MapRegistry{
		"no build":              {},
		"a build not a number":  winVersion("22631.4460", "23H2", "Core"),
		"a build as a DWORD":    {winCurrentVersion + `\CurrentBuild`: uint64(22631)},
		"an edition as a DWORD": {winCurrentVersion + `\CurrentBuild`: "22631", winCurrentVersion + `\EditionID`: uint64(48)},
	} {
		if _, err := windowsVersion(reg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestParseOSRelease: os-release as Debian, Ubuntu (with CRLF) and Fedora
// write it.
func TestParseOSRelease(t *testing.T) {
	for file, want := range map[string]osVersion{
		"debian-11":         {ID: "debian", VersionID: "11", Codename: "bullseye"},
		"debian-12":         {ID: "debian", VersionID: "12", Codename: "bookworm"},
		"debian-sid":        {ID: "debian", Codename: "forky"},
		"ubuntu-25.10-crlf": {ID: "ubuntu", VersionID: "25.10", Codename: "questing"},
		"fedora-41":         {ID: "fedora", VersionID: "41"},
	} {
		data, err := os.ReadFile(filepath.Join("testdata", "os-release", file))
		if err != nil {
			t.Fatal(err)
		}
		if got := parseOSRelease(data); got != want {
			t.Errorf("%s: %+v, want %+v", file, got, want)
		}
	}
	if got := parseOSRelease([]byte("ID='debian'\nVERSION_ID=\"11\n# comment\n=x\n")); got.ID != "debian" || got.VersionID != `"11` {
		t.Errorf("odd quoting: %+v", got)
	}
	// A line longer than a scanner's buffer, and a byte-order mark, do
	// not lose the ID (red team, s5: both did).
	long := "\ufeffPRETTY_NAME=\"" + strings.Repeat("x", 70<<10) + "\"\nID=debian\nVERSION_ID=\"11\"\n"
	if got := parseOSRelease([]byte(long)); got.ID != "debian" || got.VersionID != "11" {
		t.Errorf("after a 70 kB line: %+v", got)
	}
	if got := parseOSRelease([]byte("\ufeffID=ubuntu\nVERSION_ID=20.04\n")); got.ID != "ubuntu" {
		t.Errorf("after a byte-order mark: %+v", got)
	}
}

// TestExtendedSource: Freexian's Extended LTS as its instructions write
// it, in one-line and deb822 sources, for the release it is for only.
func TestExtendedSource(t *testing.T) {
	list := parseSourcesList("/etc/apt/sources.list.d/extended-lts.list", []byte("deb http://deb.freexian.com/extended-lts bullseye-lts main contrib non-free\n"))
	deb822 := parseDeb822("/etc/apt/sources.list.d/extended-lts.sources", []byte("Types: deb\nURIs: https://deb.freexian.com/extended-lts/\nSuites: bullseye-lts\nComponents: main\n"))
	off := parseDeb822("/etc/apt/sources.list.d/extended-lts.sources", []byte("Types: deb\nURIs: https://deb.freexian.com/extended-lts\nSuites: bullseye-lts\nEnabled: no\n"))
	debian := parseSourcesList("/etc/apt/sources.list", []byte("deb http://deb.debian.org/debian bullseye main\ndeb http://security.debian.org/debian-security bullseye-security main\n# deb http://deb.freexian.com/extended-lts bullseye-lts main\n"))
	lookalike := parseSourcesList("/etc/apt/sources.list", []byte("deb http://deb.freexian.com.example/extended-lts bullseye-lts main\ndeb http://example.com/deb.freexian.com/extended-lts bullseye-lts main\n"))
	for _, tt := range []struct {
		name     string
		srcs     []aptSource
		codename string
		want     bool
	}{
		{"one-line", list, "bullseye", true},
		{"deb822", deb822, "bullseye", true},
		{"another release's", list, "buster", false},
		{"turned off", off, "bullseye", false},
		{"Debian's own, and a comment", debian, "bullseye", false},
		{"look-alikes", lookalike, "bullseye", false},
		{"no codename", list, "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := extendedSource(tt.srcs, tt.codename); (got != "") != tt.want {
				t.Errorf("got %q, want found=%v", got, tt.want)
			}
		})
	}
}

// FuzzParseOSRelease: /etc/os-release is outside text; whatever it holds,
// the parser returns, and each field it keeps is bounded.
func FuzzParseOSRelease(f *testing.F) {
	testenv.Seed(f, "testdata/os-release/*")
	f.Add([]byte("\ufeffID=debian\nVERSION_ID=\"11\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v := parseOSRelease(data)
		for _, field := range []string{v.ID, v.VersionID, v.Codename} {
			if n := utf8.RuneCountInString(field); n > 41 {
				t.Errorf("a field of %d runes: %q", n, field)
			}
		}
	})
}
