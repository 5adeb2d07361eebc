package check

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"howett.net/plist"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/monitor"
)

// writeBundle puts an app's or bundle's Info.plist at abs under dir's fs/,
// written at mod.
func writeBundle(t *testing.T, dir, abs string, info []byte, mod time.Time) {
	t.Helper()
	p := filepath.Join(dir, "fs", abs, "Contents/Info.plist")
	writeUnder(t, dir, filepath.Join("fs", abs, "Contents/Info.plist"), info)
	if err := os.Chtimes(p, mod, mod); err != nil {
		t.Fatal(err)
	}
}

func TestDarwinBundleInfo(t *testing.T) {
	xml := testdata(t, "darwin/plist/Info-Chrome.plist")
	var m map[string]any
	plist.Unmarshal(xml, &m)
	binary, _ := plist.Marshal(m, plist.BinaryFormat)
	for name, data := range map[string][]byte{"XML": xml, "binary": binary} {
		b, err := parseBundleInfo(data)
		if err != nil || b.Version != "126.0.6478.62" || b.ID != "com.google.Chrome" {
			t.Errorf("%s: %+v, %v", name, b, err)
		}
	}
	if _, err := parseBundleInfo(testdata(t, "darwin/plist/truncated.plist")); err == nil {
		t.Error("a truncated Info.plist was read")
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
		want     monitor.Status
		advice   string
		running  int
	}{
		{"XProtect, 2 weeks old", 14 * 24 * time.Hour, 0, "", monitor.OK, "antivirus", 1},
		{"XProtect, 5 months old", 150 * 24 * time.Hour, 0, "", monitor.Warn, "antivirus.stale", 1},
		{"macOS 15: its own copy is newer", 150 * 24 * time.Hour, 3 * 24 * time.Hour, "", monitor.OK, "antivirus", 1},
		{"XProtect and Norton running", 14 * 24 * time.Hour, 0, "/Applications/Norton 360.app/Contents/MacOS/Norton 360\n", monitor.OK, "antivirus", 2},
		{"no XProtect at all", 0, 0, "/Applications/Notes.app/Contents/MacOS/Notes\n", monitor.Warn, "antivirus.none", 0},
		{"Norton installed, not running, no XProtect", 0, 0, "/Applications/Norton 360.app.bak/x\n", monitor.Warn, "antivirus.none", 0},
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
			sys := macSystem(t, dir)
			f, err := readMacAntivirus(context.Background(), sys, products)
			r := judgeMac(f, err)(func(f avFacts) monitor.Result { return judgeAntivirus(f, sys.Now()) }, "antivirus")
			if r.Status != tt.want || r.Advice != tt.advice || len(f.Found) != tt.running {
				t.Errorf("got %s/%s, %d found %v %v; want %s/%s, %d", r.Status, r.Advice, len(f.Found), r.Finding, r.Evidence, tt.want, tt.advice, tt.running)
			}
		})
	}
}

func TestDarwinBrowsers(t *testing.T) {
	browsers, err := catalog.Browsers()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		apps   map[string]string // path → Info.plist fixture
		list   string            // softwareupdate's list
		want   monitor.Status
		advice string
		count  int
	}{
		{"Chrome in ~/Applications, Safari", map[string]string{"/Users/hanako/Applications/Google Chrome.app": "Info-Chrome.plist", "/Applications/Safari.app": "Info-Safari.plist"}, "none.txt", monitor.OK, "browser-updates", 2},
		{"Safari's update waits", map[string]string{"/Applications/Firefox.app": "Info-Firefox.plist", "/Applications/Safari.app": "Info-Safari.plist"}, "sonoma-pending.txt", monitor.Warn, "browser-updates.pending", 2},
		{"none found", nil, "none.txt", monitor.NotApplicable, "browser-updates", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for app, fixture := range tt.apps {
				writeBundle(t, dir, app, testdata(t, "darwin/plist/"+fixture), macNow)
			}
			writeUnder(t, dir, "cmd/softwareupdate --list --no-scan", testdata(t, "darwin/softwareupdate/"+tt.list))
			f, err := readMacBrowsers(context.Background(), macSystem(t, dir), browsers)
			r := judgeMac(f, err)(func(f browserFacts) monitor.Result { return judgeBrowsers(f, browsers) }, "browser-updates")
			if r.Status != tt.want || r.Advice != tt.advice || len(f.Installed) != tt.count {
				t.Errorf("got %s/%s, %d installed %v %v; want %s/%s, %d", r.Status, r.Advice, len(f.Installed), r.Finding, r.Evidence, tt.want, tt.advice, tt.count)
			}
		})
	}
}
