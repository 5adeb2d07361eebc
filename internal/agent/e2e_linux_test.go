package agent_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/check"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/ipc"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/report"
	"github.com/mamori-project/mamori/internal/testenv"
	"github.com/mamori-project/mamori/internal/tray/traytest"
	"github.com/mamori-project/mamori/internal/wifi"
	"github.com/mamori-project/mamori/internal/wifi/fakenm"
)

var agentBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mamori-e2e")
	if err != nil {
		panic(err)
	}
	agentBin, err = testenv.Build(dir, "mamori", "../../cmd/agent")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func startWatcher(t *testing.T, conn *dbus.Conn) *traytest.Watcher {
	t.Helper()
	w, err := traytest.Start(conn)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func layout(t *testing.T, conn *dbus.Conn, item string) traytest.Item {
	t.Helper()
	m, err := traytest.Layout(conn, item)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func find(m traytest.Item, label string) (traytest.Item, bool) { return m.Find(label) }

// findPrefix finds the first visible item of m whose label starts with
// prefix (Check now, which says when it last ran).
func findPrefix(m traytest.Item, prefix string) (traytest.Item, bool) {
	for _, c := range m.Children {
		if c.Visible && strings.HasPrefix(c.Label, prefix) {
			return c, true
		}
	}
	return traytest.Item{}, false
}

func click(t *testing.T, conn *dbus.Conn, item string, id int32) {
	t.Helper()
	if err := traytest.Click(conn, item, id); err != nil {
		t.Fatalf("clicking menu item %d: %v", id, err)
	}
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startDesktop plays the desktop around the agent on the session's bus: a
// connection to call the tray item with, the tray host's connection, a
// tray host that clicks on it, and a
// notification server that records and clicks.
func startDesktop(t *testing.T, s *testenv.Session) (desktop, host *dbus.Conn, w *traytest.Watcher, notes *notifytest.Server) {
	t.Helper()
	desktop = testenv.Connect(t, s.Address)
	host, err := dbus.Connect(s.Address)
	if err != nil {
		t.Fatal(err)
	}
	w = startWatcher(t, host)
	notes, err = notifytest.Start(testenv.Connect(t, s.Address), "actions", "body")
	if err != nil {
		t.Fatal(err)
	}
	return desktop, host, w, notes
}

// startAgent runs the agent binary in the session.
func startAgent(t *testing.T, s *testenv.Session) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(agentBin)
	cmd.Env = s.Env
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("agent log:\n%s", logs.String())
		}
	})
	return cmd, logs
}

func TestAgentEndToEnd(t *testing.T) {
	s := testenv.DBusSession(t)
	s = s.Setenv("DBUS_SYSTEM_BUS_ADDRESS", s.Address).Setenv("LANG", "en_US.UTF-8")
	desktop, hostConn, w, notes := startDesktop(t, s)
	nm, err := fakenm.Start(testenv.Connect(t, s.Address), "wlp2s0")
	if err != nil {
		t.Fatal(err)
	}
	ccmp := wifi.PairCCMP | wifi.GroupCCMP
	home, _ := nm.AddAP(fakenm.AP{SSID: []byte("HomeNet"), BSSID: "AA:BB:CC:00:00:01", Frequency: 5180, Flags: wifi.APFlagPrivacy, RsnFlags: wifi.KeyMgmtPSK | ccmp})
	docomo, _ := nm.AddAP(fakenm.AP{SSID: []byte("0000docomo"), BSSID: "AA:BB:CC:00:00:02", Frequency: 2462, Flags: wifi.APFlagPrivacy, RsnFlags: wifi.KeyMgmtPSK | ccmp})
	cafe, _ := nm.AddAP(fakenm.AP{SSID: []byte("CoffeeShop"), BSSID: "AA:BB:CC:00:00:03", Frequency: 2437})
	twin, _ := nm.AddAP(fakenm.AP{SSID: []byte("0000docomo"), BSSID: "66:66:66:00:00:09", Frequency: 2412}) // an open copy of the name
	nm.Connect(home)

	// A corrupt settings file, with the slow checks it would have turned
	// off: the agent must set it aside, say so, and use the defaults.
	settings := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "mamori", "settings.json")
	os.MkdirAll(filepath.Dir(settings), 0o700)
	os.WriteFile(settings, []byte(`{"disabled_checks": ["os-updates", `), 0o600)

	cmd, logs := startAgent(t, s)
	item, err := w.Next(20 * time.Second)
	if err != nil {
		t.Fatalf("%v\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), "could not be read") {
		eventually(t, "the corrupt-settings message", 5*time.Second, func() bool { return strings.Contains(logs.String(), "could not be read") })
	}
	if matches, _ := filepath.Glob(settings + ".broken-*"); len(matches) != 1 {
		t.Errorf("the corrupt file was not kept aside: %v", matches)
	}

	// A left click opens the status window, not the menu: the item says it
	// takes the click (ItemIsMenu false) from the moment it is exported,
	// and Activate reaches the agent (which has no window program beside
	// it here, and says so).
	var isMenu bool
	if err := desktop.Object(item, "/StatusNotifierItem").StoreProperty("org.kde.StatusNotifierItem.ItemIsMenu", &isMenu); err != nil || isMenu {
		t.Errorf("ItemIsMenu = %v (%v): a left click would open the menu", isMenu, err)
	}
	if err := desktop.Object(item, "/StatusNotifierItem").Call("org.kde.StatusNotifierItem.Activate", 0, int32(0), int32(0)).Err; err != nil {
		t.Errorf("Activate: %v", err)
	}
	eventually(t, "the status window asked for", 5*time.Second, func() bool { return strings.Contains(logs.String(), "window=status") })

	// The menu, once the first results are in.
	eventually(t, "the Wi-Fi check's first result", 30*time.Second, func() bool { return strings.Contains(logs.String(), "check=wifi status=ok") })
	// systray answers a host's first GetLayout one level deep (a
	// workaround for libdbusmenu) and then announces a refresh; hosts ask
	// again, and so does this test.
	layout(t, desktop, item)
	time.Sleep(300 * time.Millisecond)
	m := layout(t, desktop, item)
	got := strings.Join(m.Labels(), " | ")
	for _, want := range []string{"Status…", "Check now", "Snooze notifications/For 1 hour", "Snooze notifications/Until tomorrow", "Settings…", "Quit Mamori"} {
		if !strings.Contains(got, want) {
			t.Errorf("menu lacks %q: %s", want, got)
		}
	}
	if strings.Contains(got, "public hotspots") {
		t.Errorf("menu lists a Wi-Fi problem on a private network: %s", got)
	}

	// Switch to a public hotspot name: a notification with the trust
	// action, and a menu entry for it.
	nm.Connect(docomo)
	var note notifytest.Call
	eventually(t, "the Wi-Fi notification", 30*time.Second, func() bool {
		select {
		case c := <-notes.Calls():
			if c.Summary == "Beware of fake public hotspots" {
				note = c
				return true
			}
		default:
		}
		return false
	})
	if !strings.Contains(note.Body, "0000docomo") || !strings.Contains(strings.Join(note.Actions, ","), "trust,Trust this network") || note.Urgency() != 1 {
		t.Errorf("notification %+v", note)
	}
	// Its image is the amber shield of a warning, as in the tray, not
	// the app's icon.
	if v, ok := note.Hints["image-data"]; !ok {
		t.Errorf("the notification has no image-data: %v", note.Hints)
	} else {
		var got notify.Image
		want, err := notify.PNGImageData(mamori.TrayIcon("warn"))
		if err == nil {
			err = dbus.Store([]any{v.Value()}, &got)
		}
		if err != nil || !bytes.Equal(got.Data, want.Value().(notify.Image).Data) {
			t.Errorf("the notification's image is not the warning's icon (%v)", err)
		}
	}
	eventually(t, "the menu entry for the Wi-Fi finding", 5*time.Second, func() bool {
		_, ok := find(layout(t, desktop, item), "Beware of fake public hotspots")
		return ok
	})

	// "Trust this network" trusts the network the notification named, even
	// after the computer moved to another network (an evil twin's open
	// copy) before the click: with notifications snoozed the move raises
	// no new bubble, and the old one is still on screen. It lands in the
	// settings file.
	if err := notes.Invoke(note.ID, "snooze"); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the snooze", 5*time.Second, func() bool { return strings.Contains(logs.String(), "action=snooze") })
	nm.Connect(twin)
	eventually(t, "the move to the open twin", 30*time.Second, func() bool { return strings.Contains(logs.String(), "check=wifi status=critical") })
	if err := notes.Invoke(note.ID, "trust"); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the trusted network in settings.json", 5*time.Second, func() bool {
		b, _ := os.ReadFile(settings)
		return strings.Contains(string(b), `"ssid": "0000docomo"`) && strings.Contains(string(b), `"security": "wpa2-personal"`) && strings.Contains(string(b), `"bssid": "AA:BB:CC:00:00:02"`)
	})
	if b, _ := os.ReadFile(settings); strings.Contains(string(b), `"security": "open"`) {
		t.Errorf("the open twin was trusted:\n%s", b)
	}
	nm.Connect(docomo)
	eventually(t, "the Wi-Fi check back to ok", 5*time.Second, func() bool {
		return strings.Count(logs.String(), "check=wifi status=ok") >= 2
	})
	eventually(t, "the notification withdrawn", 5*time.Second, func() bool {
		for _, id := range notes.Closed() {
			if id == note.ID {
				return true
			}
		}
		return false
	})

	// Snooze from the menu silences the next change for the worse.
	hour, ok := find(layout(t, desktop, item), "For 1 hour")
	if !ok {
		t.Fatal("no snooze item")
	}
	click(t, desktop, item, hour.ID)
	time.Sleep(200 * time.Millisecond)
	nm.Connect(cafe)
	eventually(t, "the open network's result", 30*time.Second, func() bool { return strings.Contains(logs.String(), "check=wifi status=critical") })
	select {
	case c := <-notes.Calls():
		if c.Summary == "Avoid open Wi-Fi for money matters" {
			t.Errorf("notified while snoozed: %q", c.Summary)
		}
	case <-time.After(500 * time.Millisecond):
	}

	// Check now re-runs the checks: the status the window reads changes
	// its time.
	socket := ipc.Address(s.Getenv)
	before, err := agentStatus(socket)
	if err != nil {
		t.Fatal(err)
	}
	now, _ := find(layout(t, desktop, item), "Check now")
	time.Sleep(10 * time.Millisecond)
	click(t, desktop, item, now.ID)
	eventually(t, "the checks to run again", 30*time.Second, func() bool {
		after, err := agentStatus(socket)
		return err == nil && len(after.Checks) > 0 && after.Checks[0].CheckedAt.After(before.Checks[0].CheckedAt)
	})

	// The tray host restarts (a desktop shell crash or update): the item
	// registers again with the new host.
	hostConn.Close()
	w2 := startWatcher(t, testenv.Connect(t, s.Address))
	again, err := w2.Next(30 * time.Second)
	if err != nil {
		t.Fatalf("the tray item did not register with the restarted host: %v", err)
	}
	if again != item {
		t.Errorf("re-registered as %s, was %s", again, item)
	}

	// Settings saved by the settings window apply without a restart:
	// Japanese, and the antivirus check off.
	if _, err := (config.Store{Path: settings}).Update(func(st *config.Settings) {
		st.Language, st.DisabledChecks = "ja", []string{"antivirus"}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := ipc.Call(context.Background(), socket, ipc.Request{Cmd: ipc.CmdReload}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the menu in Japanese", 30*time.Second, func() bool {
		// Check now was clicked: it says when it ran, or, while the run
		// it asked for still goes, that it is checking. The new set of
		// checks starts a sweep whose package simulation, at the lowest
		// priority, may take minutes with both cores busy.
		m := layout(t, desktop, item)
		_, ran := findPrefix(m, "今すぐ確認（")
		_, running := find(m, "確認中…")
		return ran || running
	})
	eventually(t, "the antivirus check to stop", 30*time.Second, func() bool {
		r, err := agentStatus(socket)
		if err != nil || len(r.Checks) == 0 {
			return false
		}
		for _, c := range r.Checks {
			if c.ID == "antivirus" {
				return false
			}
		}
		return true
	})

	// A second start hands over to the running agent and exits 0.
	second := exec.Command(agentBin)
	second.Env = s.Env
	out, err := second.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "already running") {
		t.Errorf("second start: %v\n%s", err, out)
	}
	eventually(t, "the first agent to be asked for its status window", 5*time.Second, func() bool {
		return strings.Contains(logs.String(), "window=status")
	})

	// Quit from the menu ends the process.
	quit, ok := find(layout(t, desktop, item), "Mamori を終了")
	if !ok {
		t.Fatal("no Quit item")
	}
	click(t, desktop, item, quit.ID)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("agent exited with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Quit did not end the agent")
	}
}

// TestAgentWithoutTrayOrNotifications runs the agent on a bus with no tray
// host and no notification server: it must keep working (the window's
// status request answers) and stop cleanly.
func TestAgentWithoutTrayOrNotifications(t *testing.T) {
	s := testenv.DBusSession(t)
	cmd, logs := startAgent(t, s)
	socket := ipc.Address(s.Getenv)
	var ids []string
	// Every check answers within its own deadline: the package manager's
	// simulation, at the lowest priority, may take its whole 2 minutes on
	// a busy machine.
	eventually(t, "every check's result", 2*time.Minute+10*time.Second, func() bool {
		r, err := agentStatus(socket)
		if err != nil || len(r.Checks) != len(check.IDs()) {
			return false
		}
		ids = nil
		for _, c := range r.Checks {
			ids = append(ids, c.ID)
		}
		return true
	})
	if strings.Join(ids, ",") != strings.Join(check.IDs(), ",") {
		t.Errorf("the agent runs %v; check.IDs (which the settings window lists) says %v", ids, check.IDs())
	}
	cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("agent exited with %v\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the agent did not stop on SIGINT")
	}
}

// TestAgentDconfEvent changes a lock setting with gsettings while the agent
// runs: dconf's change signal must re-run the screen-lock check at once
// (its interval is an hour).
func TestAgentDconfEvent(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	// The package checks are off: their notification at start (this
	// machine's pending updates) is not what this test waits for.
	withoutPackageChecks(t, s)
	notes, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body")
	if err != nil {
		t.Fatal(err)
	}
	_, logs := startAgent(t, s)
	eventually(t, "the start-up results", 60*time.Second, func() bool {
		l := logs.String()
		return strings.Contains(l, "check=screen-lock status=ok") && strings.Contains(l, "check=idle-power status=ok")
	})
	time.Sleep(time.Second)
	for len(notes.Calls()) > 0 { // what the start-up run had to say
		<-notes.Calls()
	}
	s.Run(t, "gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false")
	eventually(t, "the screen-lock check to re-run", 30*time.Second, func() bool {
		return strings.Contains(logs.String(), "check=screen-lock status=critical")
	})
	// One change, two findings (the screen does not lock; the machine
	// wakes unlocked): one notification, which names the other.
	c := notes.Next(t, 30*time.Second)
	if c.Summary != "Turn on automatic screen lock" || !strings.Contains(c.Body, "Also needs attention: Sleep when not in use.") {
		t.Errorf("notification %q / %q", c.Summary, c.Body)
	}
	notes.None(t, time.Second)
	if !strings.Contains(logs.String(), "check=idle-power status=warn") {
		t.Errorf("idle-power did not change with the lock:\n%s", logs.String())
	}
}

// TestAgentSettingsFileEvent turns KDE's screen lock off by writing its
// settings file as System Settings does (a new file renamed over the old):
// the file watch must re-run the screen-lock check at once.
func TestAgentSettingsFileEvent(t *testing.T) {
	s := testenv.DBusSession(t).Setenv("XDG_CURRENT_DESKTOP", "KDE")
	_, logs := startAgent(t, s)
	eventually(t, "the first screen-lock result", 30*time.Second, func() bool {
		return strings.Contains(logs.String(), "check=screen-lock status=ok")
	})
	// The session's home is new: ~/.config does not exist yet either.
	rc := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "kscreenlockerrc")
	if err := os.MkdirAll(filepath.Dir(rc), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rc+".new", []byte("[Daemon]\nAutolock=false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(rc+".new", rc); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the screen-lock check to re-run", 30*time.Second, func() bool {
		return strings.Contains(logs.String(), "check=screen-lock status=critical")
	})
}

// withoutPackageChecks turns off, in the session's settings file, the
// checks that run the package manager's simulation: at the lowest
// priority on a busy machine it may take minutes, and tests of other
// things need not wait for it.
func withoutPackageChecks(t *testing.T, s *testenv.Session) {
	t.Helper()
	settings := filepath.Join(s.Getenv("XDG_CONFIG_HOME"), "mamori", "settings.json")
	if err := os.MkdirAll(filepath.Dir(settings), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(settings, []byte(`{"disabled_checks": ["os-updates", "browser-updates", "app-sources"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
}

// agentStatus asks the agent at addr for its results.
func agentStatus(addr string) (*report.Document, error) {
	r, err := ipc.Call(context.Background(), addr, ipc.Request{Cmd: ipc.CmdStatus})
	if err != nil {
		return nil, err
	}
	return report.Decode(r.Status)
}
