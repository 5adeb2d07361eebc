package check

import (
	"context"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsPasswordManagerExtension runs under Wine (scripts/wine-test):
// Bitwarden's extension in Edge's profile, where Edge keeps it in the
// person's %LOCALAPPDATA%.
func TestWindowsPasswordManagerExtension(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes into the user's AppData: run under Wine")
	}
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	local, err := windows.KnownFolderPath(windows.FOLDERID_LocalAppData, 0)
	if err != nil {
		t.Fatal(err)
	}
	run := func() monitor.Result {
		return (&PasswordManager{Sys: host.Local(), Managers: managers}).Run(context.Background())
	}
	if r := run(); r.Status != monitor.Warn {
		t.Fatalf("nothing installed: %s %v", r.Status, r.Evidence)
	}
	mkdirsWine(t, local, "Microsoft", "Edge", "User Data", "Default", "Extensions", "nngceckbapebfimnlniiiahkandclblb", "2024.11.1_0")
	if r := run(); r.Status != monitor.OK || !strings.Contains(r.Get("found"), "Bitwarden: browser extension (Edge)") {
		t.Errorf("Bitwarden in Edge: %s %v", r.Status, r.Evidence)
	}
}

// TestWindowsPasswordManagerInstalled runs under Wine: KeePassXC's
// Uninstall key written to Wine's registry makes it installed.
func TestWindowsPasswordManagerInstalled(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes into the user's registry: run under Wine")
	}
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	const key = `Software\Microsoft\Windows\CurrentVersion\Uninstall\{A1B2C3D4-MAMORI-TEST}`
	k, _, err := registry.CreateKey(registry.CURRENT_USER, key, registry.SET_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { registry.DeleteKey(registry.CURRENT_USER, key) })
	if err := k.SetStringValue("DisplayName", "KeePassXC"); err != nil {
		t.Fatal(err)
	}
	k.Close()
	r := (&PasswordManager{Sys: host.Local(), Managers: managers}).Run(context.Background())
	if r.Status != monitor.OK || !strings.Contains(r.Get("found"), "KeePassXC: installed") {
		t.Errorf("KeePassXC installed: %s %v", r.Status, r.Evidence)
	}
}

// TestWindowsPasswordManagerStore runs under Wine: the folder the Store
// makes for Bitwarden's package in %LOCALAPPDATA%\Packages.
func TestWindowsPasswordManagerStore(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes into the user's AppData: run under Wine")
	}
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	local, err := windows.KnownFolderPath(windows.FOLDERID_LocalAppData, 0)
	if err != nil {
		t.Fatal(err)
	}
	mkdirsWine(t, local, "Packages", "8bitSolutionsLLC.bitwardendesktop_h4e712dmw3xyy")
	r := (&PasswordManager{Sys: host.Local(), Managers: managers}).Run(context.Background())
	if r.Status != monitor.OK || !strings.Contains(r.Get("found"), "Bitwarden: installed (Microsoft Store)") {
		t.Errorf("Bitwarden from the Store: %s %v", r.Status, r.Evidence)
	}
}
