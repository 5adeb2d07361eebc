package check

import (
	"testing"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Registry values as Chrome's, Edge's and Brave's updaters, Vivaldi and
// Firefox's installer write them.
func TestWindowsBrowsers(t *testing.T) {
	chrome := `HKLM\SOFTWARE\Google\Chrome\BLBeacon\version`
	staged := `HKLM\SOFTWARE\WOW6432Node\Google\Update\Clients\` + chromeApp + `\opv`
	firefox := `HKLM\SOFTWARE\Mozilla\Mozilla Firefox\CurrentVersion`
	for _, tt := range []struct {
		name   string
		reg    host.MapRegistry
		want   monitor.Status
		advice string
		count  int
	}{
		{"none installed", host.MapRegistry{}, monitor.NotApplicable, "browser-updates", 0},
		{"Chrome and Firefox", host.MapRegistry{chrome: "131.0.6778.86", firefox: "133.0 (x64 ja)"}, monitor.OK, "browser-updates", 2},
		{"Chrome updated while running", host.MapRegistry{chrome: "131.0.6778.86", staged: "130.0.6723.117"}, monitor.Warn, "browser-updates.restart", 1},
		{"Firefox's updates off by policy", host.MapRegistry{firefox: "115.0 (x64 en-US)", `HKLM\SOFTWARE\Policies\Mozilla\Firefox\DisableAppUpdate`: uint64(1)}, monitor.Warn, "browser-updates.updater-off", 1},
		{"Brave updated while running", host.MapRegistry{`HKCU\SOFTWARE\BraveSoftware\Brave-Browser\BLBeacon\version`: "131.1.73.91", `HKLM\SOFTWARE\WOW6432Node\BraveSoftware\Update\Clients\` + braveApp + `\opv`: "131.1.71.121"}, monitor.Warn, "browser-updates.restart", 1},
		{"Brave's updates off by policy", host.MapRegistry{`HKLM\SOFTWARE\BraveSoftware\Brave-Browser\BLBeacon\version`: "131.1.73.91", `HKLM\SOFTWARE\Policies\BraveSoftware\Update\UpdateDefault`: uint64(0)}, monitor.Warn, "browser-updates.updater-off", 1},
		{"Vivaldi and Edge", host.MapRegistry{`HKCU\SOFTWARE\Vivaldi\BLBeacon\version`: "7.0.3495.18", `HKCU\SOFTWARE\Microsoft\Edge\BLBeacon\version`: "131.0.2903.70"}, monitor.OK, "browser-updates", 2},
		{"Chrome's policy allows updates", host.MapRegistry{chrome: "131.0", `HKLM\SOFTWARE\Policies\Google\Update\UpdateDefault`: uint64(1)}, monitor.OK, "browser-updates", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w, err := windowsBrowsers(tt.reg)
			if err != nil {
				t.Fatal(err)
			}
			r := judgeBrowsers(browserFacts{Installed: w.Installed, Stale: w.Stale, UpdaterOff: w.UpdaterOff, SelfUpdating: true}, nil)
			if r.Status != tt.want || r.Advice != tt.advice || len(w.Installed) != tt.count {
				t.Errorf("got %s/%s with %d browsers %v, want %s/%s with %d", r.Status, r.Advice, len(w.Installed), r.Evidence, tt.want, tt.advice, tt.count)
			}
		})
	}
	w, _ := windowsBrowsers(host.MapRegistry{firefox: "133.0 (x64 ja)"})
	if w.Installed[0].Version != "133.0" {
		t.Errorf("Firefox's version %q", w.Installed[0].Version)
	}
}
