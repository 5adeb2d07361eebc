package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/report"
)

// TestHostileNamesEscapedOnce: a file in the person's Desktop and a
// program another account runs (named like an antivirus daemon, from a
// folder) have an ESC (0x1b) in their names. The real password-files and
// antivirus checks find them, and `mamori check` shows each ESC as \u001B,
// once: in the table, and in the JSON document's values once decoded. None
// shows as \\u001B, escaped twice.
func TestHostileNamesEscapedOnce(t *testing.T) {
	home := t.TempDir()
	file := "パスワード\x1b[31m.txt"
	os.MkdirAll(filepath.Join(home, "Desktop"), 0o755)
	if err := os.WriteFile(filepath.Join(home, "Desktop", file), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	sys := host.Local()
	sys.Home = home
	sys.Getenv = func(string) string { return "" }
	sys.Procs = host.ProcFS{}
	checks := []monitor.Check{&check.PasswordFiles{Sys: sys}}

	procDir := runAsAnother(t, "evil\x1b]2;x", "savd")
	if procDir != "" {
		products, err := catalog.AntivirusProducts()
		if err != nil {
			t.Fatal(err)
		}
		checks = append(checks, &check.Antivirus{Sys: sys, Products: products})
	}

	const once, twice = `\u001B`, `\\u001B`
	table, _, _ := runCheck(t, checks)
	if !strings.Contains(table, `パスワード\u001B[31m.txt`) || strings.Contains(table, twice) || strings.Contains(table, "\x1b") {
		t.Errorf("the table does not show the file name escaped once:\n%s", table)
	}

	out, _, _ := runCheck(t, checks, "--json")
	var doc report.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	look := func(where, v string) {
		if strings.Contains(v, twice) || strings.Contains(v, "\x1b") {
			t.Errorf("%s is not escaped once: %q", where, v)
		}
		if strings.Contains(v, once) {
			seen[where] = true
		}
	}
	for _, c := range doc.Checks {
		look(c.ID+" finding", c.Finding)
		for _, e := range c.Evidence {
			look(c.ID+" "+e.Key, e.Value)
		}
	}
	want := []string{"password-files finding", "password-files file"}
	if procDir != "" {
		want = append(want, "antivirus not-believed")
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("%s does not show the name with \\u001B; the document:\n%s", w, out)
		}
	}
}

// runAsAnother starts a copy of sleep named name in a folder named dir, as
// the user nobody, until the test ends, and returns the folder; "" where
// the test cannot run a program as another user.
func runAsAnother(t *testing.T, dir, name string) string {
	t.Helper()
	if os.Getuid() != 0 {
		t.Log("not root: no program of another user's")
		return ""
	}
	data, err := os.ReadFile("/bin/sleep")
	if err != nil {
		t.Skip("no /bin/sleep")
	}
	top, err := os.MkdirTemp("", "mamori-escape")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(top) })
	os.Chmod(top, 0o755)
	d := filepath.Join(top, dir)
	os.Mkdir(d, 0o755)
	prog := filepath.Join(d, name)
	if err := os.WriteFile(prog, data, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chown(d, 65534, 65534)
	os.Chown(prog, 65534, 65534)
	cmd := exec.Command(prog, "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return d
}
