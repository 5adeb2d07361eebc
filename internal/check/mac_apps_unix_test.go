//go:build unix

package check

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/testenv"
)

// plantProgram puts a program at abs under dir's fs/, owned (with its
// folders up to the app, or up to the home folder) by uid: 0 as an
// installer package leaves it, 501 as the person's own.
func plantProgram(t *testing.T, dir, abs string, uid int) {
	t.Helper()
	if os.Getuid() != 0 && uid != os.Getuid() {
		testenv.Unavailable(t, "files owned by another user: chown needs root")
	}
	writeUnder(t, dir, filepath.Join("fs", abs), []byte("#!/bin/sh\n"))
	if err := os.Chmod(filepath.Join(dir, "fs", abs), 0o755); err != nil {
		t.Fatal(err)
	}
	for f := abs; f != "/Applications" && f != "/" && f != "/Users"; f = path.Dir(f) {
		if err := os.Lchown(filepath.Join(dir, "fs", f), uid, 20); err != nil && os.Getuid() == 0 {
			t.Fatal(err)
		}
	}
}

func TestDarwinAntivirus(t *testing.T) {
	products, err := catalog.AntivirusProducts()
	if err != nil {
		t.Fatal(err)
	}
	const xp = "/Library/Apple/System/Library/CoreServices/XProtect.bundle"
	tests := []struct {
		name     string
		xprotect time.Duration // age of its definitions; 0: no XProtect
		newer    time.Duration // age of macOS 15's own copy; 0 none
		procs    string
		owner    int // of the programs in procs: 0 root's, 501 the person's
		want     monitor.Status
		advice   string
		running  int
		doubted  int // processes named like a product, not believed
	}{
		{"XProtect, 2 weeks old", 14 * 24 * time.Hour, 0, "", 0, monitor.OK, "antivirus", 1, 0},
		{"XProtect, 5 months old", 150 * 24 * time.Hour, 0, "", 0, monitor.Warn, "antivirus.stale", 1, 0},
		{"macOS 15: its own copy is newer", 150 * 24 * time.Hour, 3 * 24 * time.Hour, "", 0, monitor.OK, "antivirus", 1, 0},
		{"XProtect and Norton running", 14 * 24 * time.Hour, 0, "/Applications/Norton 360.app/Contents/MacOS/Norton 360\n", 0, monitor.OK, "antivirus", 2, 0},
		{"XProtect, and Norton from the person's own Applications", 14 * 24 * time.Hour, 0, "/Users/hanako/Applications/Norton 360.app/Contents/MacOS/Norton 360\n", 501, monitor.OK, "antivirus", 1, 1},
		{"Norton from the person's own Applications, no XProtect", 0, 0, "/Users/hanako/Applications/Norton 360.app/Contents/MacOS/Norton 360\n", 501, monitor.Warn, "antivirus.none", 0, 1},
		{"Norton copied into /Applications by the person, no XProtect", 0, 0, "/Applications/Norton 360.app/Contents/MacOS/Norton 360\n", 501, monitor.Warn, "antivirus.none", 0, 1},
		{"no XProtect at all", 0, 0, "/Applications/Notes.app/Contents/MacOS/Notes\n", 0, monitor.Warn, "antivirus.none", 0, 0},
		{"Norton installed, not running, no XProtect", 0, 0, "/Applications/Norton 360.app.bak/x\n", 0, monitor.Warn, "antivirus.none", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			info := testdata(t, "darwin/plist/Info-XProtect.plist")
			if tt.xprotect > 0 {
				writeBundle(t, dir, xp, info, macNow.Add(-tt.xprotect))
			}
			if tt.newer > 0 {
				writeBundle(t, dir, "/private/var/protected/xprotect/XProtect.bundle", info, macNow.Add(-tt.newer))
			}
			writeUnder(t, dir, "processes.txt", []byte(tt.procs))
			for _, exe := range strings.Split(strings.TrimSpace(tt.procs), "\n") {
				if exe != "" {
					plantProgram(t, dir, exe, tt.owner)
				}
			}
			sys := macSystem(t, dir)
			f, err := readMacAntivirus(context.Background(), sys, products)
			r := judgeMac(f, err)(func(f avFacts) monitor.Result { return judgeAntivirus(f, sys.Now()) }, "antivirus")
			if len(f.Ignored) != tt.doubted {
				t.Errorf("not believed: %v, want %d", f.Ignored, tt.doubted)
			}
			if r.Status != tt.want || r.Advice != tt.advice || len(f.Found) != tt.running {
				t.Errorf("got %s/%s, %d found %v %v; want %s/%s, %d", r.Status, r.Advice, len(f.Found), r.Finding, r.Evidence, tt.want, tt.advice, tt.running)
			}
		})
	}
}

// The recorded Mac with three look-alikes running: Norton from the
// person's own ~/Applications, Sophos Home copied into /Applications by
// the person, and Avast as its installer package leaves it. Only Avast
// counts; the two others are reported as not believed.
func TestDarwinAntivirusOnARecordedMac(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/darwin/macbook-sonoma")); err != nil {
		t.Fatal(err)
	}
	planted := map[string]int{
		"/Users/hanako/Applications/Norton 360.app/Contents/MacOS/Norton 360": 501,
		"/Applications/Sophos Home.app/Contents/MacOS/Sophos Home":            501,
		"/Applications/Avast.app/Contents/MacOS/Avast":                        0,
	}
	procs := testdata(t, "darwin/macbook-sonoma/processes.txt")
	for exe, owner := range planted {
		plantProgram(t, dir, exe, owner)
		procs = append(procs, exe+"\n"...)
	}
	writeUnder(t, dir, "processes.txt", procs)
	products, err := catalog.AntivirusProducts()
	if err != nil {
		t.Fatal(err)
	}
	sys := macSystem(t, dir)
	f, err := readMacAntivirus(context.Background(), sys, products)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, m := range f.Found {
		found = append(found, m.product.ID)
	}
	if strings.Join(found, " ") != "xprotect avast" {
		t.Errorf("counted %v, want XProtect and Avast", found)
	}
	doubted := strings.Join(f.Ignored, "\n")
	if len(f.Ignored) != 2 || !strings.Contains(doubted, "Norton / Symantec (pid") || !strings.Contains(doubted, "own Applications folder") ||
		!strings.Contains(doubted, "Sophos (pid") || !strings.Contains(doubted, "not a system file") {
		t.Errorf("not believed:\n%s", doubted)
	}
}
