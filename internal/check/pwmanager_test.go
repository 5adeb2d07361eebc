package check

import (
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Windows' program names, as the process list gives them.
func TestPasswordManagerWindowsProcesses(t *testing.T) {
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	var f pmFacts
	matchManagerProcs(&f, []host.Process{{PID: 1, Name: "explorer.exe"}, {PID: 2, Name: "Bitwarden.exe", Exe: `C:\Users\taro\AppData\Local\Programs\Bitwarden\Bitwarden.exe`}}, managers, true)
	if r := judgePasswordManager(f, managers); r.Status != monitor.OK || r.Get("found") != "Bitwarden: running" {
		t.Errorf("Bitwarden on Windows: %s %v", r.Status, r.Evidence)
	}
	var none pmFacts
	matchManagerProcs(&none, []host.Process{{PID: 1, Name: "explorer.exe"}}, managers, true)
	if r := judgePasswordManager(none, managers); r.Status != monitor.Warn {
		t.Errorf("none on Windows: %s", r.Status)
	}
}

// TestPasswordManagerUninstallKeys reads Windows' Apps list in the shape
// installers write it: KeePass's Inno Setup key, Bitwarden's per-user key
// with its version in the name, a hidden system component, and programs
// that only start alike.
func TestPasswordManagerUninstallKeys(t *testing.T) {
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	const hklm = `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\`
	const wow = `HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\`
	const hkcu = `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\`
	base := host.MapRegistry{
		hklm + `{90160000-008C-0000-1000-0000000FF1CE}\DisplayName`: "Office 16 Click-to-Run Extensibility Component",
		hklm + `KeePass Helper\DisplayName`:                         "KeePass Helper", // not "KeePass Password Safe"
		hklm + `KeePass Helper\SystemComponent`:                     uint64(0),
		wow + `Zoom\DisplayName`:                                    "Zoom Workplace",
		hkcu + `Hidden\DisplayName`:                                 "Bitwarden Updater",
		hkcu + `Hidden\SystemComponent`:                             uint64(1),
	}
	for _, c := range []struct {
		name  string
		add   host.MapRegistry
		found string
	}{
		{"none", nil, ""},
		{"KeePass for everyone, 32-bit", host.MapRegistry{wow + `KeePassPasswordSafe2_is1\DisplayName`: "KeePass Password Safe 2.57.1"}, "KeePass: installed"},
		{"Bitwarden for the person", host.MapRegistry{hkcu + `df1d8d3e-a3c7-5a48-9a8b-1b7c1c4c5d6e\DisplayName`: "Bitwarden 2024.11.1"}, "Bitwarden: installed"},
		{"KeePassXC, any case", host.MapRegistry{hklm + `{C4B5B7A1-0000-4000-8000-000000000001}\DisplayName`: "keepassxc"}, "KeePassXC: installed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			reg := host.MapRegistry{}
			for k, v := range base {
				reg[k] = v
			}
			for k, v := range c.add {
				reg[k] = v
			}
			var f pmFacts
			scanUninstall(&f, reg, managers)
			r := judgePasswordManager(f, managers)
			if r.Get("found") != c.found || (c.found == "") != (r.Status == monitor.Warn) {
				t.Errorf("%s %v, want %q", r.Status, r.Evidence, c.found)
			}
		})
	}
}

// TestPasswordManagerStorePackages reads %LOCALAPPDATA%\Packages' folder
// names as the Store makes them (package family names: the package's
// name, "_", the publisher's hash).
func TestPasswordManagerStorePackages(t *testing.T) {
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	var f pmFacts
	scanStorePackages(&f, []string{"Microsoft.WindowsCalculator_8wekyb3d8bbwe", "8bitSolutionsLLC.bitwardendesktop_h4e712dmw3xyy", "AgileBits.1PasswordX_abc", "Settings"}, managers)
	if r := judgePasswordManager(f, managers); r.Status != monitor.OK || r.Get("found") != "Bitwarden: installed (Microsoft Store)" {
		t.Errorf("Bitwarden from the Store: %s %v", r.Status, r.Evidence)
	}
}

// TestPasswordManagerSaysInstalledOrRunning: the finding says what the
// check knows. A manager only installed (an app, a browser extension) is
// "installed", not "in use"; one whose process runs is "running", and
// only the running ones are named then.
func TestPasswordManagerSaysInstalledOrRunning(t *testing.T) {
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		seen map[string][]string
		key  string
		want map[string]string
	}{
		{"installed", map[string][]string{"keepassxc": {"installed"}}, "finding.password-manager.ok",
			map[string]string{"en": "A password manager is installed: KeePassXC.", "ja": "パスワード管理アプリが入っています：KeePassXC。"}},
		{"browser extension", map[string][]string{"bitwarden": {"browser extension (Firefox)"}}, "finding.password-manager.ok",
			map[string]string{"en": "A password manager is installed: Bitwarden.", "ja": "パスワード管理アプリが入っています：Bitwarden。"}},
		{"running", map[string][]string{"keepassxc": {"installed"}, "bitwarden": {"installed", "running"}}, "finding.password-manager.running",
			map[string]string{"en": "A password manager is running: Bitwarden.", "ja": "パスワード管理アプリが動いています：Bitwarden。"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := judgePasswordManager(pmFacts{Seen: tt.seen}, managers)
			if r.Status != monitor.OK || r.Finding.Key != tt.key {
				t.Fatalf("%s %s, want ok %s", r.Status, r.Finding.Key, tt.key)
			}
			for lang, want := range tt.want {
				if got := cat.Printer(lang).T(r.Finding.Key, r.Finding.Args); got != want {
					t.Errorf("%s: %q, want %q", lang, got, want)
				}
			}
		})
	}
}
