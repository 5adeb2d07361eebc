//go:build !windows && !darwin

package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
