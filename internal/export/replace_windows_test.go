package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/testenv"
)

// TestWindowsReplaceWhileTheCollectorReads: windows_exporter reads each
// .prom at every scrape with Go's os.Open, which shares the file for
// reading and writing but not for deletion, so Windows refuses to rename
// another file over it while it is open (Access denied). The agent's
// write waits for the read to end, not for the next sweep. Under Wine
// (scripts/wine-test), which refuses the rename as Windows does.
func TestWindowsReplaceWhileTheCollectorReads(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		testenv.Unavailable(t, "renames over an open file as Windows does: run under Wine (scripts/wine-test)")
	}
	s := Snapshot{User: "hanako", UID: "S-1-5-21-1-2-3-1001", Version: "old", At: time.Now()}
	dir := filepath.Join(tempDir(t), "textfile")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(Targets{PrometheusDir: dir}, s); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "mamori-S-1-5-21-1-2-3-1001.prom")
	// The collector's read, as its scrapeFile opens the file.
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	go func() { time.Sleep(300 * time.Millisecond); f.Close() }()
	s.Version = "new"
	if err := Write(Targets{PrometheusDir: dir}, s); err != nil {
		t.Fatalf("writing while the collector read the file: %v", err)
	}
	if b, _ := os.ReadFile(file); !strings.Contains(string(b), `version="new"`) {
		t.Errorf("the file is the old one:\n%s", b)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
