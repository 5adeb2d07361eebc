package packaging

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori"
)

// TestMSIUnderWine installs the .msi as a person would, without
// administrator rights, under Wine (scripts/wine-test gives the prefix):
// the programs land in their own AppData, the Start-menu shortcut exists,
// start at login is off unless chosen, `mamori.exe check` runs from the
// install folder, and uninstalling removes all of it but the person's
// settings.
func TestMSIUnderWine(t *testing.T) {
	prefix := os.Getenv("MAMORI_WINEPREFIX")
	if prefix == "" {
		t.Skip("runs from scripts/wine-test (make test), which makes a Wine prefix")
	}
	info := mamori.App()
	dir := t.TempDir()
	if out, err := exec.Command("../scripts/package-msi", dir).CombinedOutput(); err != nil {
		t.Fatalf("scripts/package-msi: %v\n%s", err, out)
	}
	msi := filepath.Join(dir, "mamori-"+info.Version+"-x64.msi")
	if out, err := exec.Command("msiinfo", "export", msi, "MsiShortcutProperty").CombinedOutput(); err != nil || !strings.Contains(string(out), info.ID) {
		t.Errorf("the shortcut carries no AppUserModelID: %v\n%s", err, out)
	}
	exe, err := filepath.Abs("../scripts/wine/go_windows_amd64_exec")
	if err != nil {
		t.Fatal(err)
	}
	wine := func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, exe, args...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	winMSI := `Z:` + strings.ReplaceAll(msi, "/", `\`)
	user := filepath.Join(prefix, "drive_c", "users")
	entries, _ := os.ReadDir(user)
	var home string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "Public" {
			home = filepath.Join(user, e.Name())
		}
	}
	if home == "" {
		t.Fatalf("no user profile under %s", user)
	}
	installed := filepath.Join(home, "AppData", "Local", "Programs", "Mamori")
	shortcut := filepath.Join(home, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", info.Name+".lnk")
	settings := filepath.Join(home, "AppData", "Roaming", "mamori", "settings.json")
	os.MkdirAll(filepath.Dir(settings), 0o755)
	os.WriteFile(settings, []byte(`{"language": "ja"}`), 0o644)
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(settings)) })

	runKey := func() string {
		out, _ := wine("reg", "query", `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`, "/v", info.Name)
		return out
	}
	for _, tc := range []struct {
		name    string
		args    []string
		atLogin bool
	}{
		{"default", nil, false},
		{"with start at login", []string{"ADDLOCAL=Main,StartAtLogin"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if out, err := wine(append([]string{"msiexec", "/i", winMSI, "/qn"}, tc.args...)...); err != nil {
				t.Fatalf("msiexec /i: %v\n%s", err, out)
			}
			for _, f := range []string{filepath.Join(installed, "mamori.exe"), filepath.Join(installed, "mamori-window.exe"), shortcut} {
				if _, err := os.Stat(f); err != nil {
					t.Errorf("not installed: %v", err)
				}
			}
			if got := strings.Contains(runKey(), "mamori.exe"); got != tc.atLogin {
				t.Errorf("start at login is %v, want %v: %s", got, tc.atLogin, runKey())
			}
			out, err := wine(`C:\users\`+filepath.Base(home)+`\AppData\Local\Programs\Mamori\mamori.exe`, "check", "--json")
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 3) || !strings.Contains(out, `"id": "screen-lock"`) {
				t.Errorf("the installed mamori.exe check: %v\n%s", err, out)
			}
			if out, err := wine("msiexec", "/x", winMSI, "/qn"); err != nil {
				t.Fatalf("msiexec /x: %v\n%s", err, out)
			}
			for _, f := range []string{installed, shortcut} {
				if _, err := os.Stat(f); err == nil {
					t.Errorf("%s is left after uninstalling", f)
				}
			}
			if strings.Contains(runKey(), "mamori.exe") {
				t.Error("the Run key value is left after uninstalling")
			}
			if b, err := os.ReadFile(settings); err != nil || string(b) != `{"language": "ja"}` {
				t.Errorf("the person's settings after uninstalling: %q %v", b, err)
			}
		})
	}
}
