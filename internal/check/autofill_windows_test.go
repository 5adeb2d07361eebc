package check

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestWindowsBrowserPasswords runs under Wine (scripts/wine-test): the
// accounts come from Wine's NetUserEnum (the one person running it), and a
// Chromium "Login Data" put where Chrome keeps it in %LOCALAPPDATA% is
// counted.
func TestWindowsBrowserPasswords(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes into the user's AppData: run under Wine")
	}
	local, err := windows.KnownFolderPath(windows.FOLDERID_LocalAppData, 0)
	if err != nil {
		t.Fatal(err)
	}
	dir := mkdirsWine(t, local, "Google", "Chrome", "User Data", "Default")
	file := filepath.Join(dir, "Login Data")
	if err := os.WriteFile(file, testenv.Testdata(t, "testdata", "chromium-login-data.db"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { deleteWine(file) })

	r := (&BrowserPasswords{Sys: host.Local()}).Run(context.Background())
	user := os.Getenv("USERNAME")
	if r.Status != monitor.OK || r.Finding.Key != "finding.browser-passwords.personal" || r.Finding.Args["Count"] != 2 || r.Get("accounts") == "" ||
		user != "" && !strings.EqualFold(r.Get("accounts"), user) || r.Get("saved-logins") != "Chrome (Default): 2" {
		t.Errorf("one account, Chrome with two logins: %s %v %v (USERNAME %q)", r.Status, r.Finding, r.Evidence, user)
	}
	// The person says others use this computer.
	shared := &BrowserPasswords{Sys: host.Local(), Shared: func() bool { return true }}
	if r := shared.Run(context.Background()); r.Status != monitor.Warn || r.Finding.Args["Count"] != 2 {
		t.Errorf("shared, Chrome with two logins: %s %v %v", r.Status, r.Finding, r.Evidence)
	}
}

// mkdirsWine makes the folders below parent one by one and takes them away
// at the end of the test the same way (Go's own removal asks Wine for what
// it lacks).
func mkdirsWine(t *testing.T, parent string, names ...string) string {
	t.Helper()
	dir := parent
	for _, name := range names {
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
	return dir
}

// deleteWine deletes a file the way Wine implements.
func deleteWine(file string) {
	p, _ := windows.UTF16PtrFromString(file)
	windows.DeleteFile(p)
}
