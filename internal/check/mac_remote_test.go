package check

import (
	"context"
	"testing"

	"github.com/mamori-project/mamori/internal/check/catalog"
	"github.com/mamori-project/mamori/internal/monitor"
)

func TestDarwinRemoteServices(t *testing.T) {
	cat, err := catalog.RemoteTools()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file     string
		ardFile  bool // Remote Management's launchd file
		procs    string
		want     monitor.Status
		finding  string
		wantRead bool
	}{
		{"sonoma-screensharing-on.txt", false, "", monitor.Warn, "finding.remote-control.listening", true},
		{"catalina-screensharing-on.txt", false, "", monitor.Warn, "finding.remote-control.listening", true},
		{"sonoma-off.txt", false, "", monitor.OK, "finding.remote-control.ok", true},
		{"none-set.txt", false, "", monitor.OK, "finding.remote-control.ok", true},
		{"sonoma-off.txt", true, "", monitor.Warn, "finding.remote-control.listening", true},
		// The support tools by their processes: macOS's names, any case.
		{"sonoma-off.txt", false, "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk\n", monitor.Warn, "finding.remote-control.running", true},
		{"empty.txt", false, "", monitor.OK, "finding.remote-control.ok-running", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			writeUnder(t, dir, "cmd/launchctl print-disabled system", testdata(t, "darwin/launchctl/"+tt.file))
			if tt.ardFile {
				writeUnder(t, dir, "fs"+macRemoteManagement, []byte("enabled\n"))
			}
			writeUnder(t, dir, "processes.txt", []byte("/sbin/launchd\n"+tt.procs))
			sys := macSystem(t, dir)
			procs, _ := sys.Procs.Processes(context.Background())
			ls, err := macRemoteListeners(context.Background(), sys)
			f := remoteFacts{Scanned: len(procs), Procs: procs, Listeners: ls, ListenersRead: err == nil}
			r := judgeRemote(f, cat, nil)
			if r.Status != tt.want || r.Finding.Key != tt.finding || f.ListenersRead != tt.wantRead {
				t.Errorf("got %s %v %v (read %v, %v); want %s %s", r.Status, r.Finding, r.Evidence, f.ListenersRead, err, tt.want, tt.finding)
			}
		})
	}
}

func TestDarwinTrustSettings(t *testing.T) {
	certs, err := parseTrustSettings(testdata(t, "darwin/security/user-charles.txt"), "login")
	if err != nil || len(certs) != 1 || certs[0].CN != "Charles Proxy CA (1 Jun 2024, MacBook-Air.local)" {
		t.Errorf("user: %+v, %v (the denied root is not added)", certs, err)
	}
	certs, err = parseTrustSettings(testdata(t, "darwin/security/admin-mitmproxy.txt"), "System")
	if err != nil || len(certs) != 1 || certs[0].CN != "mitmproxy" {
		t.Errorf("admin: %+v, %v", certs, err)
	}
	for _, bad := range []string{"garbage.txt", "none.stderr.txt"} {
		if _, err := parseTrustSettings(testdata(t, "darwin/security/"+bad), "login"); err == nil {
			t.Errorf("%s was read as a list", bad)
		}
	}
	if _, err := parseTrustSettings(nil, "login"); err == nil {
		t.Error("an empty answer was read as a list")
	}
}

// The catalogue names Linux's processes ("1password"); a Mac's app runs as
// "1Password": the same program.
func TestDarwinPasswordManagerCase(t *testing.T) {
	managers, err := catalog.PasswordManagers()
	if err != nil {
		t.Fatal(err)
	}
	for _, exe := range []string{
		"/Applications/1Password.app/Contents/MacOS/1Password",
		"/Applications/Bitwarden.app/Contents/MacOS/Bitwarden",
		"/Applications/KeePassXC.app/Contents/MacOS/KeePassXC",
	} {
		t.Run(baseName(exe), func(t *testing.T) {
			dir := t.TempDir()
			writeUnder(t, dir, "processes.txt", []byte(exe+"\n"))
			f, err := readMacPasswordManagers(context.Background(), macSystem(t, dir), managers)
			r := judgePasswordManager(f, managers)
			if err != nil || r.Status != monitor.OK || len(f.Seen) != 1 {
				t.Errorf("got %s %v %v (%v), want it found running", r.Status, r.Finding, f.Seen, err)
			}
		})
	}
	dir := t.TempDir()
	writeUnder(t, dir, "fs/Applications/Bitwarden.app/Contents/Info.plist", []byte("x"))
	f, _ := readMacPasswordManagers(context.Background(), macSystem(t, dir), managers)
	if got := f.Seen["bitwarden"]; len(got) != 1 || got[0] != "installed" {
		t.Errorf("an installed Bitwarden: %v", f.Seen)
	}
}
