package notify

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/mamori-project/mamori"
	"github.com/mamori-project/mamori/internal/i18n"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/testenv"
)

func printer(t *testing.T, lang string) func() *i18n.Printer {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func() *i18n.Printer { return c.Printer(lang) }
}

func wifiResult(status monitor.Status, advice, key, ssid string) monitor.Result {
	r := monitor.Result{CheckID: "wifi", Status: status, Advice: advice, Finding: monitor.T(key, "Network", ssid, "Security", "Open")}
	r.Trust = &monitor.WiFiNetwork{SSID: []byte(ssid), Security: "open", BSSID: "aa:bb:cc:00:00:02"}
	return r
}

func TestAnnouncerOverDBus(t *testing.T) {
	s := testenv.DBusSession(t)
	srv, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body", "body-markup")
	if err != nil {
		t.Fatal(err)
	}
	sender := &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori", Icon: "io.github.mamori_project.Mamori", DesktopEntry: "io.github.mamori_project.Mamori"}
	policy := &Policy{Enabled: true}
	a := &Announcer{Policy: policy, Send: sender, Printer: printer(t, "en")}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	actions := make(chan string, 4)
	go sender.Listen(ctx, func(inv Invoked) {
		if inv.Action == ActionSnooze {
			policy.Snooze(time.Now().Add(time.Hour))
		}
		actions <- inv.Key + "/" + inv.Action
	})
	time.Sleep(100 * time.Millisecond) // match rules in place

	ok := wifiResult(monitor.OK, "wifi", "finding.wifi.ok", "HomeNet")
	// An attacker's SSID with markup and a bidi override.
	open := wifiResult(monitor.Critical, "wifi.open", "finding.wifi.open", "<a href='http://evil'>Free</a>&\u202E")
	a.Handle(ctx, monitor.Change{Old: &ok, New: open})
	c := srv.Next(t, 5*time.Second)
	if c.Summary != "Avoid open Wi-Fi for money matters" || c.AppName != "Mamori" || c.Urgency() != int(Critical) || c.ReplacesID != 0 || c.Timeout != 0 {
		t.Errorf("first notification: %+v (urgency %d)", c, c.Urgency())
	}
	wantBody := "Connected to “&lt;a href=&#39;http://evil&#39;&gt;Free&lt;/a&gt;&amp;\\u202E”, an open network"
	if !strings.HasPrefix(c.Body, wantBody) || !strings.Contains(c.Body, "\nDisconnect before you log in") {
		t.Errorf("body %q\nwant it to start %q and carry the fix", c.Body, wantBody)
	}
	if strings.Join(c.Actions, "|") != "default|Details|snooze|Snooze 1 hour|trust|Trust this network" {
		t.Errorf("actions %q", c.Actions)
	}
	if c.Hints["desktop-entry"].Value() != "io.github.mamori_project.Mamori" {
		t.Errorf("hints %v", c.Hints)
	}

	// A changed finding for the same check replaces its bubble.
	public := wifiResult(monitor.Warn, "wifi.public", "finding.wifi.public", "0000docomo")
	a.Handle(ctx, monitor.Change{Old: &open, New: public})
	c2 := srv.Next(t, 5*time.Second)
	if c2.ReplacesID != c.ID || c2.Urgency() != int(Normal) {
		t.Errorf("second notification replaces %d (want %d), urgency %d", c2.ReplacesID, c.ID, c2.Urgency())
	}

	// Clicking Snooze silences the next change.
	if err := srv.Invoke(c2.ID, ActionSnooze); err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-actions:
		if got != "wifi/snooze" {
			t.Errorf("action %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ActionInvoked did not reach the agent")
	}
	worse := monitor.Result{CheckID: "screen-lock", Status: monitor.Critical, Advice: "screen-lock.off", Finding: monitor.T("finding.screen-lock.off")}
	a.Handle(ctx, monitor.Change{Old: &monitor.Result{CheckID: "screen-lock", Status: monitor.OK, Advice: "screen-lock"}, New: worse})
	srv.None(t, 300*time.Millisecond)

	// A finding Mamori can fix has Fix it first; clicking it reaches the
	// agent as the fix action for that check.
	policy.Snooze(time.Time{})
	worse.Advice, worse.Fixable = "screen-lock.never", true
	a.Handle(ctx, monitor.Change{Old: &monitor.Result{CheckID: "screen-lock", Status: monitor.OK, Advice: "screen-lock"}, New: worse})
	cf := srv.Next(t, 5*time.Second)
	if strings.Join(cf.Actions, "|") != "fix|Fix it…|default|Details|snooze|Snooze 1 hour" {
		t.Errorf("actions of a fixable finding %q", cf.Actions)
	}
	if err := srv.Invoke(cf.ID, ActionFix); err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-actions:
		if got != "screen-lock/fix" {
			t.Errorf("action %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the Fix it action did not reach the agent")
	}

	// Back to a good network: the bubble is withdrawn.
	a.Handle(ctx, monitor.Change{Old: &public, New: ok})
	time.Sleep(100 * time.Millisecond)
	if closed := srv.Closed(); len(closed) != 1 || closed[0] != c.ID {
		t.Errorf("closed %v, want [%d]", closed, c.ID)
	}
}

func TestDBusWithoutActionsOrMarkup(t *testing.T) {
	s := testenv.DBusSession(t)
	srv, err := notifytest.Start(testenv.Connect(t, s.Address), "body")
	if err != nil {
		t.Fatal(err)
	}
	sender := &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori"}
	err = sender.Show(context.Background(), Message{Key: "x", Summary: "S", Body: "a <b> & c", Actions: []Action{{ID: "default", Label: "Details"}}})
	if err != nil {
		t.Fatal(err)
	}
	c := srv.Next(t, 5*time.Second)
	if len(c.Actions) != 0 || c.Body != "a <b> & c" {
		t.Errorf("server without actions/markup got actions %q body %q", c.Actions, c.Body)
	}
}

func TestDBusNoServer(t *testing.T) {
	s := testenv.DBusSession(t)
	sender := &DBus{Conn: testenv.Connect(t, s.Address)}
	a := &Announcer{Policy: &Policy{Enabled: true}, Send: sender, Printer: printer(t, "ja")}
	// Must neither crash nor hang.
	a.Handle(context.Background(), monitor.Change{New: monitor.Result{CheckID: "os-updates", Status: monitor.Critical, Advice: "os-updates.security", Finding: monitor.T("finding.os-updates.security", "Count", 2)}})
	if err := sender.Show(context.Background(), Message{Key: "k"}); !errors.Is(err, ErrNoServer) {
		t.Errorf("err = %v, want ErrNoServer", err)
	}
}

func TestComposeJapanese(t *testing.T) {
	m := Compose(printer(t, "ja")(), wifiResult(monitor.Warn, "wifi.public", "finding.wifi.public", "0000docomo"))
	if m.Summary != "偽の公衆 Wi-Fi に注意" || !strings.Contains(m.Body, "「0000docomo」") || m.Actions[2].Label != "このネットワークを信頼" {
		t.Errorf("ja: %+v", m)
	}
}

// TestForgedActionsAreIgnored: any client on the session bus can emit
// ActionInvoked. Only the notification server's, for an action the
// notification offered, reaches the agent, and Trust carries the network
// the notification named.
func TestForgedActionsAreIgnored(t *testing.T) {
	s := testenv.DBusSession(t)
	srv, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body")
	if err != nil {
		t.Fatal(err)
	}
	sender := &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan Invoked, 8)
	go sender.Listen(ctx, func(inv Invoked) { got <- inv })
	time.Sleep(100 * time.Millisecond)

	p := printer(t, "en")()
	if err := sender.Show(ctx, Compose(p, wifiResult(monitor.Warn, "wifi.public", "finding.wifi.public", "Hotel-Guest"))); err != nil {
		t.Fatal(err)
	}
	wifi := srv.Next(t, 5*time.Second)
	updates := monitor.Result{CheckID: "os-updates", Status: monitor.Critical, Advice: "os-updates.security", Finding: monitor.T("finding.os-updates.security", "Count", 2)}
	if err := sender.Show(ctx, Compose(p, updates)); err != nil {
		t.Fatal(err)
	}
	upd := srv.Next(t, 5*time.Second)

	attacker := testenv.Connect(t, s.Address)
	forge := func(id uint32, action string) {
		t.Helper()
		if err := attacker.Emit("/org/freedesktop/Notifications", "org.freedesktop.Notifications.ActionInvoked", id, action); err != nil {
			t.Fatal(err)
		}
	}
	forge(upd.ID, ActionTrust)  // the attack seen: trust via another notification's ID
	forge(wifi.ID, ActionTrust) // right ID and action, wrong sender
	srv.Invoke(upd.ID, ActionTrust)
	srv.Invoke(wifi.ID+100, ActionSnooze) // a notification Mamori never showed
	select {
	case inv := <-got:
		t.Fatalf("a forged or unoffered action was obeyed: %+v", inv)
	case <-time.After(500 * time.Millisecond):
	}
	if err := srv.Invoke(wifi.ID, ActionTrust); err != nil {
		t.Fatal(err)
	}
	select {
	case inv := <-got:
		if inv.Key != "wifi" || inv.Action != ActionTrust || inv.Network == nil || string(inv.Network.SSID) != "Hotel-Guest" || inv.Network.Security != "open" || inv.Network.BSSID != "aa:bb:cc:00:00:02" {
			t.Errorf("trust: %+v", inv)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the server's own Trust click did not arrive")
	}
}

// TestServerRestartIsNoticed: the notification server is replaced by one
// that renders markup. Its capabilities are read again (the body is
// escaped for it), and the old server's IDs are not reused.
func TestServerRestartIsNoticed(t *testing.T) {
	s := testenv.DBusSession(t)
	first, err := dbus.Connect(s.Address)
	if err != nil {
		t.Fatal(err)
	}
	srv1, err := notifytest.Start(first, "actions", "body")
	if err != nil {
		t.Fatal(err)
	}
	sender := &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go sender.Listen(ctx, func(Invoked) {})
	time.Sleep(100 * time.Millisecond)
	m := Message{Key: "wifi", Summary: "S", Body: "<b>x</b>"}
	if err := sender.Show(ctx, m); err != nil {
		t.Fatal(err)
	}
	if c := srv1.Next(t, 5*time.Second); c.Body != "<b>x</b>" {
		t.Errorf("plain server got %q", c.Body)
	}
	first.Close() // the server exits...
	srv2, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body", "body-markup")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // ...and another takes its name
	if err := sender.Show(ctx, m); err != nil {
		t.Fatal(err)
	}
	c := srv2.Next(t, 5*time.Second)
	if c.Body != "&lt;b&gt;x&lt;/b&gt;" || c.ReplacesID != 0 {
		t.Errorf("after the restart: body %q, replaces %d", c.Body, c.ReplacesID)
	}
}

// TestNotificationCarriesTheIcon: where no icon theme holds the app's
// icon, the notification carries it as image-data, which the server shows
// instead of a placeholder.
func TestNotificationCarriesTheIcon(t *testing.T) {
	s := testenv.DBusSession(t)
	srv, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body", "body-images")
	if err != nil {
		t.Fatal(err)
	}
	img, err := ImageData(mamori.IconPixels64(), 64)
	if err != nil {
		t.Fatal(err)
	}
	sender := &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori", Icon: "io.github.mamori_project.Mamori", Image: &img}
	if err := sender.Show(context.Background(), Message{Key: "x", Summary: "S", Body: "B"}); err != nil {
		t.Fatal(err)
	}
	c := srv.Next(t, 5*time.Second)
	v, ok := c.Hints["image-data"]
	if !ok {
		t.Fatalf("no image-data hint: %v", c.Hints)
	}
	var got Image
	if err := dbus.Store([]any{v.Value()}, &got); err != nil {
		t.Fatalf("image-data is not (iiibiiay): %v (%s)", err, v.Signature())
	}
	if got.Width != 64 || got.Height != 64 || got.Rowstride != 256 || !got.HasAlpha || got.Channels != 4 || len(got.Data) != 64*64*4 {
		t.Errorf("image %dx%d rowstride %d alpha %v channels %d, %d bytes", got.Width, got.Height, got.Rowstride, got.HasAlpha, got.Channels, len(got.Data))
	}
	opaque := 0
	for i := 3; i < len(got.Data); i += 4 {
		if got.Data[i] > 0 {
			opaque++
		}
	}
	if opaque < 64*64/4 {
		t.Errorf("only %d of 4096 pixels are visible: the icon did not survive scaling", opaque)
	}
}

func TestIconInstalled(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"HOME": dir, "XDG_DATA_DIRS": filepath.Join(dir, "share")}
	getenv := func(k string) string { return env[k] }
	if IconInstalled(getenv, "io.github.mamori_project.Mamori") {
		t.Fatal("found an icon in an empty tree")
	}
	p := filepath.Join(dir, "share", "icons", "hicolor", "48x48", "apps", "io.github.mamori_project.Mamori.png")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, mamori.Icon(), 0o644)
	if !IconInstalled(getenv, "io.github.mamori_project.Mamori") {
		t.Error("the installed icon was not found")
	}
}
