package check

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mamori-project/mamori/internal/command"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/updates"
)

// TestOSUpdatesOnAnEndedRelease runs the check with the real apt, on
// 6 December 2026, on this machine as it is and with its os-release
// replaced by Debian 11's: apt finds what it finds, and Debian 11, past the
// end of its LTS on 31 August 2026, is told so whatever apt said.
func TestOSUpdatesOnAnEndedRelease(t *testing.T) {
	if _, err := os.Stat("/usr/bin/apt-get"); err != nil {
		testenv.Unavailable(t, "not an apt system")
	}
	bullseye, err := os.ReadFile(filepath.Join("testdata", "os-release", "debian-11"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	run := func(fsys fs.FS) monitor.Result {
		sys := host.Local()
		sys.FS = fsys
		sys.Now = func() time.Time { return now }
		sys.Cmd = &command.Exec{Foreground: true, Timeout: 2 * time.Minute}
		return (&OSUpdates{Sys: sys, Updates: &updates.Cache{Sys: sys, Store: filepath.Join(t.TempDir(), "packages.json")}}).Run(context.Background())
	}
	real := host.Local().FS
	r := run(overlay{top: fstest.MapFS{"etc/os-release": {Data: bullseye}}, under: real})
	if r.Status != monitor.Critical || r.Finding.Key != "finding.os-updates.release-ended" || r.Advice != "os-updates.release-ended" || r.Finding.Args["System"] != "Debian 11" {
		t.Errorf("Debian 11: %s %v %s %v", r.Status, r.Finding, r.Advice, r.Evidence)
	}
	if r.Get("manager") != "apt" {
		t.Errorf("Debian 11: apt's answer is gone from the evidence: %v", r.Evidence)
	}
	// Freexian's Extended LTS added to apt's sources: updates still come,
	// and apt's verdict stands.
	elts := run(overlay{top: fstest.MapFS{
		"etc/os-release": {Data: bullseye},
		"etc/apt/sources.list.d/extended-lts.list": {Data: []byte("deb http://deb.freexian.com/extended-lts bullseye-lts main contrib non-free\n")},
	}, under: real})
	if elts.Finding.Key == "finding.os-updates.release-ended" || elts.Get("extended-support") == "" {
		t.Errorf("Debian 11 with Extended LTS: %s %v %v", elts.Status, elts.Finding, elts.Evidence)
	}
	here := run(real)
	if v, err := linuxVersion(host.Local()); err == nil && v.ID == "debian" && (v.VersionID == "12" || v.VersionID == "13") {
		if here.Finding.Key == "finding.os-updates.release-ended" || here.Get("support-end") == "" {
			t.Errorf("this machine (%s %s): %s %v %v", v.ID, v.VersionID, here.Status, here.Finding, here.Evidence)
		}
	}
}
