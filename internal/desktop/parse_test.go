package desktop

import (
	"fmt"
	"testing"

	"github.com/mamori-project/mamori/internal/testenv"
)

func TestParseGsettingsList(t *testing.T) {
	for _, f := range []string{"gsettings/screensaver.txt", "gsettings/screensaver-crlf.txt"} {
		vals, err := ParseGsettingsList("org.gnome.desktop.screensaver", testdata(t, f))
		if err != nil {
			t.Fatal(err)
		}
		if len(vals) != 17 || vals["lock-delay"] != "uint32 0" || vals["lock-enabled"] != "true" {
			t.Errorf("%s: %d keys, lock-delay %q, lock-enabled %q", f, len(vals), vals["lock-delay"], vals["lock-enabled"])
		}
	}
	for _, bad := range []string{"", "org.gnome.desktop.screensaver\n", "just-one-word\n"} {
		if _, err := ParseGsettingsList("org.gnome.desktop.screensaver", []byte(bad)); err == nil {
			t.Errorf("ParseGsettingsList(%q) succeeded", bad)
		}
	}
}

func TestGVariant(t *testing.T) {
	if n, err := GVUint("uint32 300"); err != nil || n != 300 {
		t.Errorf("uint32 300: %d %v", n, err)
	}
	if n, err := GVUint("1200"); err != nil || n != 1200 {
		t.Errorf("1200: %d %v", n, err)
	}
	if _, err := GVUint("-5"); err == nil {
		t.Error("-5 accepted as unsigned")
	}
	if s, err := GVString(`"it's"`); err != nil || s != "it's" {
		t.Errorf(`"it's": %q %v`, s, err)
	}
	if _, err := GVString("suspend"); err == nil {
		t.Error("unquoted string accepted")
	}
	if _, err := GVBool(""); err == nil {
		t.Error("missing key accepted as a boolean")
	}
}

func TestParseKConfig(t *testing.T) {
	c := ParseKConfig(testdata(t, "kde/powerdevilrc"))
	if n, ok, _ := c.Int("AC/SuspendAndShutdown", "AutoSuspendIdleTimeoutSec"); !ok || n != 2700 {
		t.Errorf("nested group: %d %v", n, ok)
	}
	crlf := ParseKConfig(testdata(t, "kde/kscreenlockerrc-crlf"))
	if n, _, err := crlf.Int("Daemon", "LockGrace"); err != nil || n != 90 {
		t.Errorf("CRLF: %d %v", n, err)
	}
	imm := ParseKConfig([]byte("[Daemon][$i]\nAutolock[$i]=false\nTimeout[ja]=99\n[Broken\nTimeout=1\n"))
	if v, ok, _ := imm.Bool("Daemon", "Autolock"); !ok || v {
		t.Errorf("immutable key: %v %v", v, ok)
	}
	if _, ok := imm["Daemon"]["Timeout"]; ok {
		t.Error("a localised or broken-group key leaked into [Daemon]")
	}
}

// Recorded from xfconf-query 4.18 -l -v: a value with spaces, an array it
// cannot print, CRLF.
func TestParseXfconfQuery(t *testing.T) {
	out := "/lock/enabled                 false\n/saver/idle-activation/delay  10\n/arr  <<UNSUPPORTED>>\n/s    hello world  x\r\nnot a property\n"
	ch := ParseXfconfQuery([]byte(out))
	want := Xfconf{"/lock/enabled": "false", "/saver/idle-activation/delay": "10", "/s": "hello world  x"}
	if fmt.Sprint(ch) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", ch, want)
	}
	if len(ParseXfconfQuery(nil)) != 0 {
		t.Error("no output is no properties")
	}
}

// KDE's kiosk: what /etc/xdg locks with [$i] (a group, a key, the whole
// file) the person's own file cannot change.
func TestKConfigKiosk(t *testing.T) {
	for _, tt := range []struct {
		name, system        string
		autolock, timeout   string
		autoLocked, tLocked bool
	}{
		{"nothing locked", "[Daemon]\nAutolock=false\nTimeout=30\n", "true", "5", false, false},
		{"the group locked", "[Daemon][$i]\nAutolock=false\n", "false", "", true, true}, // the default applies
		{"one key locked", "[Daemon]\nAutolock[$i]=false\nTimeout=30\n", "false", "5", true, false},
		{"the whole file locked", "[$i]\n[Daemon]\nTimeout=30\n", "", "30", true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := KConfig{}
			cfg.Merge(ParseKConfig([]byte(tt.system)))
			cfg.Merge(ParseKConfig([]byte("[Daemon]\nAutolock=true\nTimeout=5\n")))
			if cfg["Daemon"]["Autolock"] != tt.autolock || cfg["Daemon"]["Timeout"] != tt.timeout {
				t.Errorf("Autolock=%q Timeout=%q, want %q %q", cfg["Daemon"]["Autolock"], cfg["Daemon"]["Timeout"], tt.autolock, tt.timeout)
			}
			if cfg.Immutable("Daemon", "Autolock") != tt.autoLocked || cfg.Immutable("Daemon", "Timeout") != tt.tLocked {
				t.Errorf("immutable: Autolock %v Timeout %v", cfg.Immutable("Daemon", "Autolock"), cfg.Immutable("Daemon", "Timeout"))
			}
		})
	}
}

func TestParseXfconf(t *testing.T) {
	ch, err := ParseXfconf(testdata(t, "xfce/xfce4-screensaver.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if ch["/saver/idle-activation/delay"] != "10" || ch["/lock/saver-activation/delay"] != "1" {
		t.Errorf("properties: %v", ch)
	}
	if _, err := ParseXfconf(testdata(t, "xfce/truncated.xml")); err == nil {
		t.Error("truncated XML accepted")
	}
}

func TestDetectDesktop(t *testing.T) {
	for in, want := range map[string]Family{
		"ubuntu:GNOME": GNOME, "GNOME-Flashback:GNOME": GNOME, "Budgie:GNOME": GNOME, "budgie-desktop": GNOME,
		"KDE": KDE, "XFCE": XFCE, "X-Cinnamon": Cinnamon, "MATE": MATE,
		"Hyprland": Unknown, "": Unknown,
	} {
		got, raw := Detect(func(k string) string {
			if k == "XDG_CURRENT_DESKTOP" {
				return in
			}
			return ""
		})
		if got != want || raw != in {
			t.Errorf("Detect(%q) = %q, %q", in, got, raw)
		}
	}
}

func testdata(t *testing.T, name string) []byte { return testenv.Testdata(t, "testdata", name) }
