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
	"github.com/mamori-project/mamori/internal/report"
)

// TestMSIUnderWine installs the .msi as a person would, without
// administrator rights, under Wine (scripts/wine-test gives the prefix):
// the programs land in their own AppData, the Start-menu shortcut exists,
// start at login is off unless chosen, `mamori.exe check` runs from the
// install folder, and uninstalling removes all of it (the Run value
// Mamori's own setting wrote too) but the person's settings, which go
// only when the uninstall is asked to forget them.
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
		forget  bool // uninstall with FORGETSETTINGS=1
	}{
		{"default", nil, false, false},
		{"with start at login, forgetting the settings", []string{"ADDLOCAL=Main,StartAtLogin"}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if out, err := wine(append([]string{"msiexec", "/i", winMSI, "/qn"}, tc.args...)...); err != nil {
				t.Fatalf("msiexec /i: %v\n%s", err, out)
			}
			for _, f := range []string{filepath.Join(installed, "mamori.exe"), filepath.Join(installed, "mamori-worker.exe"), filepath.Join(installed, "mamori-window.exe"), shortcut} {
				if _, err := os.Stat(f); err != nil {
					t.Errorf("not installed: %v", err)
				}
			}
			if got := strings.Contains(runKey(), "mamori.exe"); got != tc.atLogin {
				t.Errorf("start at login is %v, want %v: %s", got, tc.atLogin, runKey())
			}
			out, err := wine(`C:\users\`+filepath.Base(home)+`\AppData\Local\Programs\Mamori\mamori.exe`, "check", "--json")
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || !report.IsVerdict(ee.ExitCode())) || !strings.Contains(out, `"id": "screen-lock"`) {
				t.Errorf("the installed mamori.exe check: %v\n%s", err, out)
			}
			if !tc.atLogin {
				// The person turns Start at login on in Mamori's settings,
				// which writes the same Run value.
				if out, err := wine("reg", "add", `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`, "/v", info.Name, "/t", "REG_SZ", "/d", `"C:\x\mamori.exe"`, "/f"); err != nil {
					t.Fatalf("reg add: %v\n%s", err, out)
				}
			}
			uninstall := []string{"msiexec", "/x", winMSI, "/qn"}
			if tc.forget {
				uninstall = append(uninstall, "FORGETSETTINGS=1")
			}
			if out, err := wine(uninstall...); err != nil {
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
			b, err := os.ReadFile(settings)
			switch {
			case tc.forget && err == nil:
				t.Errorf("the settings are left though the uninstall was asked to forget them: %q", b)
			case !tc.forget && (err != nil || string(b) != `{"language": "ja"}`):
				t.Errorf("the person's settings after uninstalling: %q %v", b, err)
			}
		})
	}
}
