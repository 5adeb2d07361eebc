package check

import (
	"context"
	"strings"
	"testing"

	"howett.net/plist"

	"github.com/mamori-project/mamori/internal/monitor"
)

func TestDarwinFirewallAnswers(t *testing.T) {
	for _, tt := range []struct {
		file    string
		state   int
		wantErr bool
	}{
		{"on.txt", 1, false}, {"off.txt", 0, false}, {"block-all.txt", 2, false},
		{"on-no-state.txt", 1, false}, {"empty.txt", 0, true},
		// Not localised (and run under LC_ALL=C): a translated line is
		// refused, not guessed at.
		{"ja.txt", 0, true},
	} {
		t.Run(tt.file, func(t *testing.T) {
			got, err := parseFirewallGlobalState(testdata(t, "darwin/socketfilterfw/"+tt.file))
			if got != tt.state || (err != nil) != tt.wantErr {
				t.Errorf("got %d, %v; want %d, error %v", got, err, tt.state, tt.wantErr)
			}
		})
	}
	for file, want := range map[string]bool{"stealth-on-13.txt": true, "stealth-on-14.txt": true, "stealth-off-13.txt": false, "stealth-off-14.txt": false} {
		if got, err := parseStealthMode(testdata(t, "darwin/socketfilterfw/"+file)); err != nil || got != want {
			t.Errorf("%s: %v, %v; want %v", file, got, err, want)
		}
	}
	if _, err := parseStealthMode(nil); err == nil {
		t.Error("an empty stealth answer was read")
	}
}

// Where socketfilterfw does not answer, the settings file of macOS 14
// and earlier tells, as XML or binary.
func TestDarwinFirewallReader(t *testing.T) {
	xml := testdata(t, "darwin/plist/com.apple.alf-on.plist")
	var m map[string]any
	if _, err := plist.Unmarshal(xml, &m); err != nil {
		t.Fatal(err)
	}
	m["globalstate"] = 0
	binary, err := plist.Marshal(m, plist.BinaryFormat)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		answer string // socketfilterfw --getglobalstate, "" none
		file   []byte // com.apple.alf.plist, nil none
		want   monitor.Status
	}{
		{"socketfilterfw on", "on.txt", nil, monitor.OK},
		{"socketfilterfw blocks all", "block-all.txt", nil, monitor.OK},
		{"socketfilterfw off", "off.txt", xml, monitor.Warn},
		{"no answer, file on (XML)", "", xml, monitor.OK},
		{"no answer, file off (binary)", "", binary, monitor.Warn},
		{"garbled answer, file on", "ja.txt", xml, monitor.OK},
		{"no answer, no globalstate", "", testdata(t, "darwin/plist/com.apple.alf-nostate.plist"), monitor.Unknown},
		{"no answer, truncated file", "", testdata(t, "darwin/plist/truncated.plist"), monitor.Unknown},
		{"no answer, no file", "", nil, monitor.Unknown},
		{"empty answer, no file", "empty.txt", nil, monitor.Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeUnder(t, dir, "cmd/launchctl", nil) // something is installed
			if tt.answer != "" {
				writeUnder(t, dir, "cmd/socketfilterfw --getglobalstate", testdata(t, "darwin/socketfilterfw/"+tt.answer))
				writeUnder(t, dir, "cmd/socketfilterfw --getstealthmode", testdata(t, "darwin/socketfilterfw/stealth-on-14.txt"))
			}
			if tt.file != nil {
				writeUnder(t, dir, "fs"+macALFPlist, tt.file)
			}
			r := judgeMac(readMacFirewall(context.Background(), macSystem(t, dir)))(judgeFirewall, "firewall")
			if r.Status != tt.want {
				t.Errorf("got %s %v %v, want %s", r.Status, r.Finding, r.Evidence, tt.want)
			}
		})
	}
}

func TestDarwinFileVault(t *testing.T) {
	for _, tt := range []struct {
		file string
		want monitor.Status
		key  string
	}{
		{"on.txt", monitor.OK, "finding.disk-encryption.ok"},
		{"encrypting.txt", monitor.OK, "finding.disk-encryption.encrypting"},
		{"deferred.txt", monitor.Warn, "finding.disk-encryption.darwin-restart"},
		{"off.txt", monitor.Warn, "finding.disk-encryption.off"},
		{"decrypting.txt", monitor.Warn, "finding.disk-encryption.off"},
		{"empty.txt", monitor.Unknown, "finding.unknown"},
		{"error.txt", monitor.Unknown, "finding.unknown"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			writeUnder(t, dir, "cmd/fdesetup status", testdata(t, "darwin/fdesetup/"+tt.file))
			r := judgeMac(readMacDisks(context.Background(), macSystem(t, dir)))(judgeDisks, "disk-encryption")
			if r.Status != tt.want || r.Finding.Key != tt.key {
				t.Errorf("got %s %v %v, want %s %s", r.Status, r.Finding, r.Evidence, tt.want, tt.key)
			}
			// Deferred: not encrypted yet, and what finishes it is a restart.
			if tt.file == "deferred.txt" && (r.Advice != "disk-encryption.darwin-restart" || !strings.HasPrefix(r.Get("/"), "the startup disk: not encrypted yet")) {
				t.Errorf("deferred: advice %q, evidence %v", r.Advice, r.Evidence)
			}
		})
	}
}
