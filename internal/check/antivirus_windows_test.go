package check

import (
	"context"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// TestMain lets this test program stand in for an antivirus service: run
// with MAMORI_TEST_SLEEP set, it only waits.
func TestMain(m *testing.M) {
	if os.Getenv("MAMORI_TEST_SLEEP") != "" {
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startAsWindows runs this test program as exe (copied there), waiting
// until the test ends: a stand-in for a service or a tool, by its name.
func startAsWindows(t *testing.T, exe string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	program, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(exe), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, program, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "MAMORI_TEST_SLEEP=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
}

// TestWindowsAntivirusProcesses runs under Wine (scripts/wine-test), where
// the test may write to Program Files: a program called MsMpEng.exe there
// is Defender; the same program in the temporary folder is not believed.
func TestWindowsAntivirusProcesses(t *testing.T) {
	if os.Getenv("MAMORI_WINE") == "" {
		t.Skip("needs to write to Program Files: run under Wine")
	}
	products, err := catalog.AntivirusProducts()
	if err != nil {
		t.Fatal(err)
	}
	programFiles, err := windows.KnownFolderPath(windows.FOLDERID_ProgramFiles, 0)
	if err != nil {
		t.Fatal(err)
	}
	start := func(dir string) { startAsWindows(t, filepath.Join(dir, "MsMpEng.exe")) }
	// A new System each time: one shares its process list within a sweep.
	check := func() *Antivirus { return &Antivirus{Sys: host.Local(), Products: products} }
	start(filepath.Join(os.TempDir(), "mamori-av"))
	time.Sleep(time.Second)
	if r := check().Run(context.Background()); r.Status != monitor.Warn || !strings.Contains(r.Get("not-believed"), "only administrators") {
		t.Fatalf("a copy in the temporary folder: %s %v", r.Status, r.Evidence)
	}
	// Defender in Program Files, its definitions made yesterday (as
	// Windows records them: a FILETIME in the registry).
	filetime := func(t time.Time) []byte {
		return binary.LittleEndian.AppendUint64(nil, uint64(t.UnixNano()/100+116444736000000000))
	}
	signatures := defenderSignatures + `\AVSignatureApplied`
	writeRegistry(t, host.MapRegistry{signatures: filetime(time.Now().Add(-24 * time.Hour))})
	start(filepath.Join(programFiles, "Windows Defender"))
	time.Sleep(time.Second)
	r := check().Run(context.Background())
	// Wine has no Security Center: the evidence says why it was not used.
	if r.Status != monitor.OK || !strings.Contains(r.Get("running"), "Microsoft Defender") || r.Get("definitions-built") == "" || r.Get("security-center") == "" {
		procs, _ := host.Local().Procs.Processes(context.Background())
		t.Errorf("Defender in Program Files: %s %v\nprocesses: %+v", r.Status, r.Evidence, procs)
	}
	writeRegistry(t, host.MapRegistry{signatures: filetime(time.Now().Add(-10 * 24 * time.Hour))})
	if r := check().Run(context.Background()); r.Status != monitor.Warn || r.Advice != "antivirus.stale.windows" {
		t.Errorf("Defender with 10-day-old definitions: %s %s %v", r.Status, r.Advice, r.Evidence)
	}
	writeRegistry(t, host.MapRegistry{signatures: nil})
	if r := check().Run(context.Background()); r.Status != monitor.Unknown || r.Get("reason") == "" {
		t.Errorf("Defender without a date for its definitions: %s %v", r.Status, r.Evidence)
	}
}
