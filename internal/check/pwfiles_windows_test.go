package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestWindowsPasswordFiles runs under Wine (scripts/wine-test): a file
// named like a password list on the person's Desktop, found through the
// known folder, shown with its Windows path. (An ASCII name: Wine, run
// with a C locale, cannot name files in Japanese; the Linux tests cover
// Japanese names.)
func TestWindowsPasswordFiles(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("writes on the user's Desktop: run under Wine")
	}
	desktop, err := windows.KnownFolderPath(windows.FOLDERID_Desktop, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(desktop, 0o755); err != nil {
		t.Fatal(err)
	}
	check := &PasswordFiles{Sys: host.Local()}
	if r := check.Run(context.Background()); r.Status != monitor.OK {
		t.Fatalf("before: %s %v", r.Status, r.Evidence)
	}
	file := filepath.Join(desktop, "bank passwords.txt")
	if err := os.WriteFile(file, []byte("memo"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { deleteWine(file) })
	r := check.Run(context.Background())
	// Wine links Desktop, Documents and Downloads to one folder: it is
	// walked once.
	if r.Status != monitor.Warn || r.Get("file") != file || strings.Count(fmt.Sprint(r.Evidence), "bank passwords.txt") != 1 || fmt.Sprint(r.Finding.Args["Names"]) != "[bank passwords.txt]" {
		t.Errorf("a password list on the Desktop: %s %v %v (want %s)", r.Status, r.Finding, r.Evidence, file)
	}
}
