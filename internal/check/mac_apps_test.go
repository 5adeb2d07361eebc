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
