package check

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestPasswordManagerFound builds a home with the files browsers and
// installers leave (a Chrome profile with Bitwarden's extension, a Firefox
// profile with KeePassXC-Browser and its own saved logins, a Flatpak's
// desktop entry) and runs a real process named keepassxc.
func TestPasswordManagerFound(t *testing.T) {
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	home := "/home/taro"
	put := func(rel, data string) { writeUnder(t, root, rel, []byte(data)) }
	sys := host.Local()
	sys.FS, sys.Home, sys.Getenv = os.DirFS(root), home, func(string) string { return "" }
	sys.Procs = noProcs{}
	run := func() monitor.Result {
		return (&PasswordManager{Sys: sys, Managers: managers}).Run(context.Background())
	}
	if r := run(); r.Status != monitor.Warn || r.Finding.Key != "finding.password-manager.none" {
		t.Fatalf("an empty home: %s %v", r.Status, r.Evidence)
	}
	put("home/taro/.mozilla/firefox/abcd1234.default-release/logins.json", `{"nextId":3,"logins":[{"id":1,"hostname":"https://www.sbisec.co.jp"},{"id":2,"hostname":"https://mail.example.jp"}]}`)
	if r := run(); r.Status != monitor.OK || r.Finding.Key != "finding.password-manager.browser" {
		t.Errorf("Firefox keeping passwords: %s %v", r.Status, r.Evidence)
	}
	put("home/taro/.config/google-chrome/Default/Extensions/nngceckbapebfimnlniiiahkandclblb/2024.11.1_0/manifest.json", `{"name":"Bitwarden"}`)
	put("home/taro/.mozilla/firefox/abcd1234.default-release/extensions.json", `{"schemaVersion":36,"addons":[{"id":"keepassxc-browser@keepassxc.org","type":"extension"}]}`)
	put("var/lib/flatpak/exports/share/applications/com.bitwarden.desktop.desktop", "[Desktop Entry]\nName=Bitwarden\n")
	r := run()
	if r.Status != monitor.OK || !strings.Contains(fmt.Sprint(r.Finding.Args["Names"]), "Bitwarden") || !strings.Contains(fmt.Sprint(r.Finding.Args["Names"]), "KeePassXC") {
		t.Errorf("Bitwarden and KeePassXC-Browser: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
	if ev := fmt.Sprint(r.Evidence); !strings.Contains(ev, "Bitwarden: installed, browser extension (Chrome)") {
		t.Errorf("how Bitwarden was found: %v", r.Evidence)
	}

	// A real process.
	startNamed(t, t.TempDir(), "keepassxc")
	sys.FS, sys.Procs = os.DirFS(t.TempDir()), host.Local().Procs
	if r := run(); r.Status != monitor.OK || !strings.Contains(r.Get("found"), "KeePassXC: running") {
		t.Errorf("keepassxc running: %s %v", r.Status, r.Evidence)
	}
}

// TestPasswordManagerChromeKeyring: Chrome's own saved passwords count as
// the browser's manager, and Details say how they are locked: "v11", a
// key kept in the desktop's keyring (GNOME Keyring, KWallet), as Chrome
// writes them when one runs; "v10" without one. The "Login Data" is
// written by sqlite3 with Chromium's table.
func TestPasswordManagerChromeKeyring(t *testing.T) {
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	sql := `CREATE TABLE logins (origin_url VARCHAR NOT NULL, username_value VARCHAR, password_value BLOB, blacklisted_by_user INTEGER NOT NULL, id INTEGER PRIMARY KEY AUTOINCREMENT);
INSERT INTO logins (origin_url, username_value, password_value, blacklisted_by_user) VALUES
 ('https://www.sbisec.co.jp/', 'taro', x'7631318a1f', 0), ('https://mail.example.jp/', 'taro', x'763131c2d3', 0),
 ('https://old.example.jp/', 'taro', x'763130aa', 0), ('https://news.example.jp/', '', x'', 1);`
	sqliteDB(t, root, "home/taro/.config/google-chrome/Profile 1/Login Data", sql)
	sys := host.Local()
	sys.FS, sys.Home, sys.Getenv, sys.Procs = os.DirFS(root), "/home/taro", func(string) string { return "" }, noProcs{}
	r := (&PasswordManager{Sys: sys, Managers: managers}).Run(context.Background())
	if r.Status != monitor.OK || r.Finding.Key != "finding.password-manager.browser" || r.Finding.Args["Names"] != "Chrome" ||
		r.Get("browser-passwords") != "Chrome (Profile 1): 3 saved, encrypted as v10: 1, v11: 2" {
		t.Errorf("Chrome keeping passwords: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
}
