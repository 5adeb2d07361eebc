//go:build !windows && !darwin

package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testAutostart is an entry in a config home of the test's own.
func testAutostart(t *testing.T) Autostart {
	return Autostart{AppID: "io.example.App", AppName: "Mamori", Exe: "/usr/bin/mamori", ConfigHome: t.TempDir()}
}

// plantEntry writes an autostart file as a desktop's Startup Applications
// does, copying the application's own entry.
func plantEntry(t *testing.T, a Autostart) {
	t.Helper()
	writeFile(t, a.desktopPath(), "[Desktop Entry]\nType=Application\nName=Mamori\nExec=mamori\nIcon=io.example.App\n")
}

// switchOff: GNOME's and Xfce's Startup Applications keep the file and
// switch it off.
func switchOff(t *testing.T, a Autostart) {
	t.Helper()
	writeFile(t, a.desktopPath(), "[Desktop Entry]\nType=Application\nName=Mamori\nExec=mamori\nX-GNOME-Autostart-enabled=false\n")
}

func hasEntry(t *testing.T, a Autostart) bool {
	t.Helper()
	_, err := os.Stat(a.desktopPath())
	return err == nil
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPackagedEntryFollowsTheSetting: with no file of the person's own,
// the packaged entry (which runs mamori --at-login) starts the agent only
// if the settings say so: the window shows the setting. Without a packaged
// entry either, nothing starts at login, whatever the file says.
func TestPackagedEntryFollowsTheSetting(t *testing.T) {
	a := testAutostart(t)
	system := t.TempDir()
	a.SystemDirs = []string{filepath.Join(system, "missing"), system}
	for _, setting := range []bool{false, true} {
		if st, err := a.Shown(Settings{StartAtLogin: setting}); err != nil || st.StartAtLogin {
			t.Errorf("no entry at all, setting %v: shown %v, %v", setting, st.StartAtLogin, err)
		}
	}
	writeFile(t, filepath.Join(system, "autostart", "io.example.App.desktop"), "[Desktop Entry]\nType=Application\nName=Mamori\nExec=mamori --at-login\n")
	for _, setting := range []bool{false, true} {
		if st, err := a.Shown(Settings{StartAtLogin: setting}); err != nil || st.StartAtLogin != setting {
			t.Errorf("the packaged entry, setting %v: shown %v, %v", setting, st.StartAtLogin, err)
		}
	}
}

func TestDesktopEnabled(t *testing.T) {
	for _, tt := range []struct {
		entry string
		want  bool
	}{
		{"[Desktop Entry]\nExec=mamori\n", true},
		{"[Desktop Entry]\nExec=mamori\nHidden=true\n", false},
		{"[Desktop Entry]\r\nX-GNOME-Autostart-enabled = false\r\n", false},
		{"[Desktop Entry]\nX-GNOME-Autostart-enabled=true\nHidden=false\n", true},
		{"[Desktop Entry]\nExec=mamori\n[Desktop Action x]\nHidden=true\n", true},
		{"", true},
	} {
		if got := desktopEnabled([]byte(tt.entry)); got != tt.want {
			t.Errorf("%q: %v, want %v", tt.entry, got, tt.want)
		}
	}
}

func TestAutostartXDG(t *testing.T) {
	a := Autostart{AppID: "io.example.App", AppName: "Mamori", Exe: `/opt/my apps/ma"mori`, ConfigHome: t.TempDir()}
	if err := a.Sync(true); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(a.ConfigHome, "autostart", "io.example.App.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `Exec="/opt/my apps/ma\\"mori"`+"\n") || !strings.HasPrefix(string(b), "[Desktop Entry]\n") {
		t.Errorf("entry:\n%s", b)
	}
	if err := a.Sync(false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(a.ConfigHome, "autostart", "io.example.App.desktop")); !os.IsNotExist(err) {
		t.Error("the entry was not removed")
	}
	if err := a.Sync(false); err != nil {
		t.Errorf("removing an absent entry: %v", err)
	}
}

// TestExecValue checks paths with every character the Desktop Entry spec
// escapes, by undoing its two layers as a reader does: the string escapes
// first, then the quoting, then %%.
func TestExecValue(t *testing.T) {
	for _, path := range []string{
		"/usr/bin/mamori", "/opt/my apps/mamori", `/opt/100%/mamori`, `/home/u/a\b/mamori`,
		"/home/u/$HOME/`x`/mamori", `/home/u/"q"/mamori`, "/home/u/new\nline/mamori", `/x/%f/mamori`,
	} {
		v := execValue(path)
		if strings.ContainsAny(v, "\n\r\t") {
			t.Errorf("%q: raw control characters in %q", path, v)
		}
		// A lone % other than %% would be a field code.
		if strings.Count(v, "%")%2 != 0 || strings.Contains(strings.ReplaceAll(v, "%%", ""), "%") {
			t.Errorf("%q: a field code in %q", path, v)
		}
		if got := readExec(t, v); got != path {
			t.Errorf("%q: written %q, read back %q", path, v, got)
		}
	}
}

// readExec undoes execValue as the spec reads an Exec value.
func readExec(t *testing.T, v string) string {
	t.Helper()
	var s strings.Builder
	for i := 0; i < len(v); i++ { // string escapes
		if v[i] == '\\' && i+1 < len(v) {
			i++
			switch v[i] {
			case 'n':
				s.WriteByte('\n')
			case 't':
				s.WriteByte('\t')
			case 'r':
				s.WriteByte('\r')
			case 's':
				s.WriteByte(' ')
			case '\\':
				s.WriteByte('\\')
			default:
				t.Fatalf("invalid string escape \\%c in %q", v[i], v)
			}
			continue
		}
		s.WriteByte(v[i])
	}
	q := s.String()
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		t.Fatalf("not quoted: %q", q)
	}
	var arg strings.Builder
	for i := 1; i < len(q)-1; i++ { // quoting
		if q[i] == '\\' && i+2 < len(q) {
			i++
		}
		arg.WriteByte(q[i])
	}
	return strings.ReplaceAll(arg.String(), "%%", "%")
}
