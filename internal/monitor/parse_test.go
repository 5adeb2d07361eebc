package monitor

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

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
			rep := UpdateReport{Pending: ups}
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

func TestParseGsettingsList(t *testing.T) {
	for _, f := range []string{"gsettings/screensaver.txt", "gsettings/screensaver-crlf.txt"} {
		vals, err := parseGsettingsList("org.gnome.desktop.screensaver", testdata(t, f))
		if err != nil {
			t.Fatal(err)
		}
		if len(vals) != 17 || vals["lock-delay"] != "uint32 0" || vals["lock-enabled"] != "true" {
			t.Errorf("%s: %d keys, lock-delay %q, lock-enabled %q", f, len(vals), vals["lock-delay"], vals["lock-enabled"])
		}
	}
	power, err := parseGsettingsList("org.gnome.settings-daemon.plugins.power", testdata(t, "gsettings/power.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if r := gsettingsSleep(power, "sleep-inactive-ac"); !r.Known || r.After != 20*time.Minute || r.Action != "suspend" {
		t.Errorf("power defaults: %+v", r)
	}
	for _, bad := range []string{"", "org.gnome.desktop.screensaver\n", "just-one-word\n"} {
		if _, err := parseGsettingsList("org.gnome.desktop.screensaver", []byte(bad)); err == nil {
			t.Errorf("parseGsettingsList(%q) succeeded", bad)
		}
	}
}

func TestGVariant(t *testing.T) {
	if n, err := gvUint("uint32 300"); err != nil || n != 300 {
		t.Errorf("uint32 300: %d %v", n, err)
	}
	if n, err := gvUint("1200"); err != nil || n != 1200 {
		t.Errorf("1200: %d %v", n, err)
	}
	if _, err := gvUint("-5"); err == nil {
		t.Error("-5 accepted as unsigned")
	}
	if s, err := gvString(`"it's"`); err != nil || s != "it's" {
		t.Errorf(`"it's": %q %v`, s, err)
	}
	if _, err := gvString("suspend"); err == nil {
		t.Error("unquoted string accepted")
	}
	if _, err := gvBool(""); err == nil {
		t.Error("missing key accepted as a boolean")
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

func TestParseCVDHeader(t *testing.T) {
	tests := []struct {
		file string
		want time.Time
		err  bool
	}{
		{"clamav/daily.cld", time.Date(2026, 11, 20, 9, 15, 0, 0, time.UTC), false},
		{"clamav/main.cvd", time.Date(2021, 9, 16, 12, 32, 0, 0, time.UTC), false},
		{"clamav/bad-time.cvd", time.Unix(1631795525, 0), false}, // falls back to stime
		{"clamav/garbage.cvd", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := parseCVDHeader(testdata(t, tt.file)[:512])
		if (err != nil) != tt.err || !got.Equal(tt.want) {
			t.Errorf("%s: got %v, %v; want %v (error %v)", tt.file, got, err, tt.want, tt.err)
		}
	}
	if _, err := parseCVDHeader(nil); err == nil {
		t.Error("empty header accepted")
	}
}

func TestParseLogind(t *testing.T) {
	r, err := parseLogind(testdata(t, "logind/debian12-logind.conf"))
	if err != nil || !r.Known || r.After != 0 || r.Action != "logind ignore" {
		t.Errorf("Debian default: %+v %v", r, err)
	}
	r, err = parseLogind([]byte("[Login]\r\nIdleAction=hibernate\r\nIdleActionSec=1h 30min\r\n"))
	if err != nil || r.After != 90*time.Minute {
		t.Errorf("hibernate after 1h30: %+v %v", r, err)
	}
	r, err = parseLogind([]byte("[Other]\nIdleAction=suspend\n"))
	if err != nil || r.After != 0 {
		t.Errorf("IdleAction outside [Login] was used: %+v", r)
	}
	if _, err := parseLogind([]byte("[Login]\nIdleActionSec=soon\n")); err == nil {
		t.Error("garbage IdleActionSec accepted")
	}
}

func TestParseTimespan(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"30min": 30 * time.Minute, "900": 15 * time.Minute, "1h 30min": 90 * time.Minute,
		"2h30m": 150 * time.Minute, "45s": 45 * time.Second, "infinity": 0, "1.5h": 90 * time.Minute,
	} {
		if got, err := parseTimespan(in); err != nil || got != want {
			t.Errorf("parseTimespan(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "soon", "5 parsecs", "min"} {
		if _, err := parseTimespan(bad); err == nil {
			t.Errorf("parseTimespan(%q) accepted", bad)
		}
	}
}

func TestParseKConfig(t *testing.T) {
	c := parseKConfig(testdata(t, "kde/powerdevilrc"))
	if n, ok, _ := c.kInt("AC/SuspendAndShutdown", "AutoSuspendIdleTimeoutSec"); !ok || n != 2700 {
		t.Errorf("nested group: %d %v", n, ok)
	}
	crlf := parseKConfig(testdata(t, "kde/kscreenlockerrc-crlf"))
	if n, _, err := crlf.kInt("Daemon", "LockGrace"); err != nil || n != 90 {
		t.Errorf("CRLF: %d %v", n, err)
	}
	imm := parseKConfig([]byte("[Daemon][$i]\nAutolock[$i]=false\nTimeout[ja]=99\n[Broken\nTimeout=1\n"))
	if v, ok, _ := imm.kBool("Daemon", "Autolock"); !ok || v {
		t.Errorf("immutable key: %v %v", v, ok)
	}
	if _, ok := imm["Daemon"]["Timeout"]; ok {
		t.Error("a localised or broken-group key leaked into [Daemon]")
	}
}

func TestParseXfconf(t *testing.T) {
	ch, err := parseXfconf(testdata(t, "xfce/xfce4-screensaver.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if ch["/saver/idle-activation/delay"] != "10" || ch["/lock/saver-activation/delay"] != "1" {
		t.Errorf("properties: %v", ch)
	}
	if _, err := parseXfconf(testdata(t, "xfce/truncated.xml")); err == nil {
		t.Error("truncated XML accepted")
	}
}

func TestDetectDesktop(t *testing.T) {
	for in, want := range map[string]desktop{
		"ubuntu:GNOME": deskGNOME, "GNOME-Flashback:GNOME": deskGNOME, "Budgie:GNOME": deskGNOME,
		"KDE": deskKDE, "XFCE": deskXFCE, "X-Cinnamon": deskCinnamon, "MATE": deskMATE,
		"Hyprland": deskUnknown, "": deskUnknown,
	} {
		got, raw := detectDesktop(func(k string) string {
			if k == "XDG_CURRENT_DESKTOP" {
				return in
			}
			return ""
		})
		if got != want || raw != in {
			t.Errorf("detectDesktop(%q) = %q, %q", in, got, raw)
		}
	}
}
