package check

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"

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
	// The folders are made one by one and taken away the same way (Go's
	// own removal asks Wine for what it lacks).
	dir := local
	for _, name := range []string{"Microsoft", "Edge", "User Data", "Default", "Extensions", "nngceckbapebfimnlniiiahkandclblb", "2024.11.1_0"} {
		dir = filepath.Join(dir, name)
		if _, err := os.Stat(dir); err == nil {
			continue
		}
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		made := dir
		t.Cleanup(func() {
			p, _ := windows.UTF16PtrFromString(made)
			windows.RemoveDirectory(p)
		})
	}
	if r := run(); r.Status != monitor.OK || !strings.Contains(r.Get("found"), "Bitwarden: browser extension (Edge)") {
		t.Errorf("Bitwarden in Edge: %s %v", r.Status, r.Evidence)
	}
}
