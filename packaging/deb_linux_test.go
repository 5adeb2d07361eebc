package packaging

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/tray/traytest"
	"github.com/mamori-project/mamori/internal/wifi/fakenm"
)

// TestDebInstalls builds the .deb, holds it to Debian's validators
// (lintian, desktop-file-validate, appstreamcli --pedantic), installs it
// with apt, and uses the installed programs as a person would: `mamori
// check --json`, the icon found through the icon theme, the agent in a
// private session showing its tray item and a notification that names the
// installed icon. Purging it leaves nothing of it but the person's own
// settings.
func TestDebInstalls(t *testing.T) {
	if os.Getenv("MAMORI_REAL_TESTS") == "" {
		t.Skip("installs a package on this machine: runs as root with MAMORI_REAL_TESTS=1 (make test, CI)")
	}
	if os.Getuid() != 0 {
		testenv.Unavailable(t, "installs a package on this machine: needs root")
	}
	testenv.Require(t, "dpkg-deb", "dpkg-shlibdeps", "apt-get", "lintian", "appstreamcli", "desktop-file-validate")
	if _, err := os.Stat("/usr/bin/mamori"); err == nil {
		testenv.Unavailable(t, "Mamori is installed on this machine already; the test would replace it")
	}
	info := mamori.App()
	dir := t.TempDir()
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("../scripts/package-deb", dir)
	deb := filepath.Join(dir, "mamori_"+info.Version+"_"+strings.TrimSpace(run("dpkg", "--print-architecture"))+".deb")

	// Debian's validators: no errors.
	if out := run("lintian", "--fail-on", "error", deb); strings.Contains(out, "\nE: ") || strings.HasPrefix(out, "E: ") {
		t.Errorf("lintian:\n%s", out)
	}
	x := filepath.Join(dir, "x")
	run("dpkg-deb", "-x", deb, x)
	run("desktop-file-validate", filepath.Join(x, "usr/share/applications", info.ID+".desktop"), filepath.Join(x, "etc/xdg/autostart", info.ID+".desktop"))
	run("appstreamcli", "validate", "--pedantic", "--no-net", filepath.Join(x, "usr/share/metainfo", info.ID+".metainfo.xml"))
	if v := strings.TrimSpace(run("dpkg-deb", "-f", deb, "Version")); v != info.Version {
		t.Errorf("the package's version is %s, FyneApp.toml's %s", v, info.Version)
	}

	// The person's own settings, from before: they must survive.
	s := testenv.DBusSession(t)
	settings := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "mamori", "settings.json")
	os.MkdirAll(filepath.Dir(settings), 0o700)
	if err := os.WriteFile(settings, []byte(`{"language": "en"}`), 0o600); err != nil {
		t.Fatal(err)
	}

	run("apt-get", "install", "-y", "-q", "--no-install-recommends", deb)
	installed := strings.Fields(run("dpkg-query", "-L", "mamori"))
	purged := false
	purge := func() {
		if !purged {
			purged = true
			run("apt-get", "purge", "-y", "-q", "mamori")
		}
	}
	t.Cleanup(purge)

	if out := run("/usr/bin/mamori", "version"); strings.TrimSpace(out) != info.Name+" "+info.Version {
		t.Errorf("mamori version: %q", out)
	}
	cmd := exec.Command("/usr/bin/mamori", "check", "--json")
	cmd.Env = s.Env
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || !report.IsVerdict(ee.ExitCode())) {
		t.Fatalf("the installed mamori check: %v\n%s", err, out)
	}
	var doc report.Document
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.Checks) < 6 || doc.App.Version != info.Version {
		t.Errorf("the installed mamori check --json: %v\n%s", err, out)
	}
	// The icon as desktops look it up: the hicolor theme under the
	// system's data directories (not the person's).
	if !notify.IconInstalled(func(k string) string {
		if k == "HOME" {
			return s.Home
		}
		return ""
	}, info.ID) {
		t.Error("the icon theme has no icon named", info.ID)
	}

	// The installed agent in a private session: its tray item, and a
	// notification (an open Wi-Fi network) naming the installed icon
	// rather than carrying its pixels.
	env := append(s.Env, "DBUS_SYSTEM_BUS_ADDRESS="+s.Address, "LANG=en_US.UTF-8")
	hostConn, err := dbus.Connect(s.Address)
	if err != nil {
		t.Fatal(err)
	}
	defer hostConn.Close()
	w, err := traytest.Start(hostConn)
	if err != nil {
		t.Fatal(err)
	}
	notes, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body")
	if err != nil {
		t.Fatal(err)
	}
	nm, err := fakenm.Start(testenv.Connect(t, s.Address), "wlp2s0")
	if err != nil {
		t.Fatal(err)
	}
	cafe, _ := nm.AddAP(fakenm.AP{SSID: []byte("CoffeeShop"), BSSID: "AA:BB:CC:00:00:03", Frequency: 2437})
	nm.Connect(cafe)
	ctx, cancel := context.WithCancel(context.Background())
	agent := exec.CommandContext(ctx, "/usr/bin/mamori")
	agent.Env = env
	if err := agent.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); agent.Wait() }()
	if _, err := w.Next(30 * time.Second); err != nil {
		t.Fatalf("the installed agent's tray item: %v", err)
	}
	deadline := time.After(30 * time.Second)
	for found := false; !found; {
		select {
		case c := <-notes.Calls():
			// The first finding spoken: the open network, or whatever
			// else is as bad on this machine (the rest are named in it).
			found = true
			if c.Icon != info.ID {
				t.Errorf("the notification's icon is %q, want the installed %q", c.Icon, info.ID)
			}
			// The icon theme has the app's icon: its pixels are not sent.
			// What image-data carries is the finding's status icon.
			if v, ok := c.Hints["image-data"]; ok {
				var img notify.Image
				if err := dbus.Store([]any{v.Value()}, &img); err != nil || bytes.Equal(img.Data, mamori.IconPixels64()) {
					t.Errorf("the notification carries the app icon's pixels though the icon is installed (%v)", err)
				}
			} else {
				t.Error("the notification carries no status icon")
			}
			if de, _ := c.Hints["desktop-entry"].Value().(string); de != info.ID {
				t.Errorf("desktop-entry hint %q", de)
			}
		case <-deadline:
			t.Fatal("no notification, though the network is open")
		}
	}
	cancel()
	agent.Wait()

	// Purged: nothing of it left but the person's settings.
	purge()
	for _, f := range installed {
		if st, err := os.Stat(f); err == nil && !st.IsDir() {
			t.Errorf("%s is left after purging", f)
		}
	}
	if b, err := os.ReadFile(settings); err != nil || string(b) != `{"language": "en"}` {
		t.Errorf("the person's settings after purging: %q %v", b, err)
	}
}
