package check

import (
	"context"
	"testing"

	"github.com/mamori-project/mamori/internal/monitor"
)

func TestDarwinSoftwareUpdate(t *testing.T) {
	tests := []struct {
		name, list, settings string // settings "" none
		want                 monitor.Status
		advice               string
	}{
		{"macOS and Safari waiting", "sonoma-pending.txt", "com.apple.SoftwareUpdate.plist", monitor.Critical, "os-updates.security"},
		{"Mojave's security update (old format)", "mojave-security.txt", "", monitor.Critical, "os-updates.security"},
		{"only the command line tools", "sonoma-tools.txt", "com.apple.SoftwareUpdate.plist", monitor.Warn, "os-updates.pending"},
		{"nothing waits, automatic", "none.txt", "com.apple.SoftwareUpdate.plist", monitor.OK, "os-updates"},
		{"nothing waits, macOS updates by hand", "none.txt", "com.apple.SoftwareUpdate-manual.plist", monitor.OK, "os-updates.manual"},
		{"nothing waits, but no look for 11 weeks", "none.txt", "com.apple.SoftwareUpdate-stale.plist", monitor.Warn, "os-updates.stale"},
		{"empty answer", "empty.txt", "com.apple.SoftwareUpdate.plist", monitor.Unknown, "os-updates"},
		{"cut-off answer", "truncated.txt", "com.apple.SoftwareUpdate.plist", monitor.Unknown, "os-updates"},
		{"settings unreadable: the list still tells", "none.txt", "truncated.plist", monitor.OK, "os-updates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeUnder(t, dir, "cmd/softwareupdate --list --no-scan", testdata(t, "darwin/softwareupdate/"+tt.list))
			if tt.settings != "" {
				writeUnder(t, dir, "fs"+macSoftwareUpdatePlist, testdata(t, "darwin/plist/"+tt.settings))
			}
			sys := macSystem(t, dir)
			r := judgeMac(readMacUpdates(context.Background(), sys))(func(rep updatesReport) monitor.Result { return judgeUpdates(rep, sys.Now()) }, "os-updates")
			if r.Status != tt.want || r.Advice != tt.advice {
				t.Errorf("got %s/%s %v %v, want %s/%s", r.Status, r.Advice, r.Finding, r.Evidence, tt.want, tt.advice)
			}
		})
	}
}

func TestDarwinGatekeeper(t *testing.T) {
	for _, tt := range []struct {
		file     string
		exitCode bool // spctl exits 1 when assessments are disabled
		want     monitor.Status
		finding  string
	}{
		{"enabled.txt", false, monitor.OK, "finding.app-sources.darwin-checked"},
		{"disabled.txt", true, monitor.Warn, "finding.app-sources.darwin-unchecked"},
		{"empty.txt", false, monitor.Unknown, "finding.unknown"},
		{"ja.txt", false, monitor.Unknown, "finding.unknown"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			r := oneAnswer{out: testdata(t, "darwin/spctl/"+tt.file)}
			if tt.exitCode {
				r = oneAnswer{err: exitWith(1, r.out)}
			}
			sys := macSystem(t, t.TempDir())
			sys.Cmd = r
			got := judgeMac(readGatekeeper(context.Background(), sys))(judgeSources, "app-sources")
			if got.Status != tt.want || got.Finding.Key != tt.finding {
				t.Errorf("got %s %v %v, want %s %s", got.Status, got.Finding, got.Evidence, tt.want, tt.finding)
			}
		})
	}
}
