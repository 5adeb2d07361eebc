package updates

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

func TestParseAptSimulate(t *testing.T) {
	tests := []struct {
		file     string
		pending  int
		security int
		check    string // a package to look at
		from, to string
	}{
		{"apt/dist-upgrade.txt", 136, 81, "bash", "5.2.15-2+b8", "5.2.15-2+b13"},
		{"apt/dist-upgrade-crlf.txt", 136, 81, "bash", "5.2.15-2+b8", "5.2.15-2+b13"},
		{"apt/ubuntu-jammy.txt", 4, 3, "linux-image-6.5.0-28-generic", "", "6.5.0-28.29~22.04.1"},
		{"apt/localised-ja.txt", 2, 1, "firefox-esr", "128.3.0esr-1~deb12u1", "128.5.0esr-1~deb12u1"},
		{"apt/malformed.txt", 1, 0, "good", "1.0", "1.1"},
		{"apt/nothing-to-do.txt", 0, 0, "", "", ""},
		{"apt/empty.txt", 0, 0, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ups, err := parseAptSimulate(testdata(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			rep := Report{Pending: ups}
			if len(ups) != tt.pending || rep.Security() != tt.security {
				t.Errorf("got %d pending, %d security; want %d, %d", len(ups), rep.Security(), tt.pending, tt.security)
			}
			if tt.check == "" {
				return
			}
			u, ok := rep.Find(tt.check)
			if !ok || u.From != tt.from || u.To != tt.to {
				t.Errorf("%s: got %+v, want %s → %s", tt.check, u, tt.from, tt.to)
			}
		})
	}
}

func TestParseAptConfig(t *testing.T) {
	for _, tt := range []struct {
		file     string
		lists    bool
		upgrades bool
	}{
		{"apt/apt-config-dump.txt", false, false},
		{"apt/apt-config-auto.txt", true, true},
	} {
		cfg := parseAptConfig(testdata(t, tt.file))
		if len(cfg) < 100 {
			t.Errorf("%s: parsed only %d keys", tt.file, len(cfg))
		}
		if got := aptPeriodicOn(cfg["APT::Periodic::Update-Package-Lists"]); got != tt.lists {
			t.Errorf("%s: Update-Package-Lists on = %v, want %v", tt.file, got, tt.lists)
		}
		if got := aptPeriodicOn(cfg["APT::Periodic::Unattended-Upgrade"]); got != tt.upgrades {
			t.Errorf("%s: Unattended-Upgrade on = %v, want %v", tt.file, got, tt.upgrades)
		}
	}
	for v, want := range map[string]bool{"": false, "0": false, "1": true, "7": true, "always": true, "1d": true, "garbage": false} {
		if aptPeriodicOn(v) != want {
			t.Errorf("aptPeriodicOn(%q) = %v", v, !want)
		}
	}
}

func TestParseOtherPackageManagers(t *testing.T) {
	dnf := parseDnfCheckUpdate([]byte("\nfirefox.x86_64    128.5.0-1.fc40    updates\nkernel-core.x86_64  6.11.4-201.fc40  updates\nObsoleting Packages\ngrub2-tools.x86_64  1:2.06-1.fc40  updates\n"))
	if len(dnf) != 2 || dnf[0].Name != "firefox" || dnf[1].Name != "kernel-core" || dnf[0].To != "128.5.0-1.fc40" {
		t.Errorf("dnf: %+v", dnf)
	}
	sec := parseDnfSecurity([]byte("FEDORA-2024-1 Important/Sec. firefox-128.5.0-1.fc40.x86_64\nFEDORA-2024-2 bugfix kernel-core-6.11.4-201.fc40.x86_64\n"))
	if !sec["firefox"] || sec["kernel-core"] {
		t.Errorf("dnf security: %v", sec)
	}
	pac := parsePacmanQu([]byte("firefox 131.0-1 -> 132.0-1\nlinux 6.11.1.arch1-1 -> 6.11.2.arch1-1\nnot a line\n"))
	if len(pac) != 2 || pac[1].Name != "linux" || pac[1].From != "6.11.1.arch1-1" {
		t.Errorf("pacman: %+v", pac)
	}
	zyp := parseZypperList([]byte("Loading repository data...\nS | Repository | Name | Current Version | Available Version | Arch\n--+------------+------+-----------------+-------------------+-------\nv | Update     | MozillaFirefox | 128.3.0-1.1 | 128.5.0-1.1 | x86_64\n"))
	if len(zyp) != 1 || zyp[0].Name != "MozillaFirefox" || zyp[0].To != "128.5.0-1.1" {
		t.Errorf("zypper: %+v", zyp)
	}
}

func TestDpkgAndRpmQuery(t *testing.T) {
	v := parseDpkgQuery(testdata(t, "dpkg/query.txt"))
	if v["bash"] != "5.2.15-2+b8" || v["dbus"] == "" {
		t.Errorf("installed packages missing: %v", v)
	}
	if _, ok := v["firefox-esr"]; ok {
		t.Error("a package with status 'un' (not installed) counted as installed")
	}
	r := parseRpmQuery([]byte("firefox\t128.5.0-1.fc40\npackage chromium is not installed\n"))
	if len(r) != 1 || r["firefox"] != "128.5.0-1.fc40" {
		t.Errorf("rpm: %v", r)
	}
}

// TestParseInstLikeTheRegexp holds the hand-written reader of apt's "Inst"
// lines to the regular expression it replaced, on every recorded line and
// on broken ones.
func TestParseInstLikeTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`^Inst (\S+) (?:\[([^\]]*)\] )?\((\S+) (.*)\)`)
	lines := []string{
		"Inst bash [5.2.15-2+b8] (5.2.15-2+b13 Debian:12.15/oldstable [amd64])",
		"Inst new-pkg (1.0 Debian:12/stable [all])",
		"Inst x [1] (2 o (nested) [amd64]) trailing",
		"Inst x [1] (2)", "Inst x [1](2 o)", "Inst x [1 (2 o)", "Inst  (2 o)", "Inst x (2 o", "Inst x", "Conf x (2 o)",
		"Inst x [] ( o)", "Inst x [a]b] (2 o)",
	}
	for _, f := range []string{"apt/dist-upgrade.txt", "apt/ubuntu-jammy.txt", "apt/localised-ja.txt", "apt/malformed.txt"} {
		for _, l := range strings.Split(string(testdata(t, f)), "\n") {
			if strings.HasPrefix(l, "Inst ") {
				lines = append(lines, l)
			}
		}
	}
	for _, l := range lines {
		name, from, to, origin, ok := parseInst(l)
		m := re.FindStringSubmatch(l)
		if (m != nil) != ok || m != nil && (m[1] != name || m[2] != from || m[3] != to || m[4] != origin) {
			t.Errorf("%q: got %q %q %q %q %v, the regexp %q", l, name, from, to, origin, ok, m)
		}
	}
	if len(lines) < 100 {
		t.Errorf("only %d lines compared", len(lines))
	}
}

func testdata(t *testing.T, name string) []byte { return testenv.Testdata(t, "testdata", name) }

// TestParseAptPolicy reads apt-cache policy's real answer on Debian 12
// (testdata/apt/policy.txt): packages behind their archive's newer
// version (bash, jq, libssl3) are not local; one installed from a file
// with dpkg -i, and one whose source was removed, are. Without package
// lists, nothing can be told.
func TestParseAptPolicy(t *testing.T) {
	data := testdata(t, "apt/policy.txt")
	for name, in := range map[string][]byte{"LF": data, "CRLF": bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))} {
		local, archives := parseAptPolicy(in)
		if fmt.Sprint(local) != "[zoom-like-app google-cloud-cli]" || !archives {
			t.Errorf("%s: %v %v", name, local, archives)
		}
	}
	noLists := "bash:\n  Installed: 5.2.15-2\n  Candidate: 5.2.15-2\n  Version table:\n *** 5.2.15-2 100\n        100 /var/lib/dpkg/status\n"
	if _, archives := parseAptPolicy([]byte(noLists)); archives {
		t.Error("without package lists: archives found")
	}
}
