package notify

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

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
	return monitor.Result{CheckID: "wifi", Status: status, Advice: advice, Finding: monitor.T(key, "Network", ssid, "Security", "Open")}
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
	go sender.Listen(ctx, func(key, action string) {
		if action == ActionSnooze {
			policy.Snooze(time.Now().Add(time.Hour))
		}
		actions <- key + "/" + action
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
	err = sender.Show(context.Background(), Message{Key: "x", Summary: "S", Body: "a <b> & c", Actions: []Action{{"default", "Details"}}})
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
