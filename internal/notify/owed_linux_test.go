package notify

import (
	"context"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/testenv"
)

// A critical finding that comes before the desktop's notification server
// (at sign-in) is not lost: it is told once the server is there, at the
// next run, and only once; one whose check has since recovered is not.
func TestAnnouncerToldWhenTheServerComes(t *testing.T) {
	s := testenv.DBusSession(t)
	sender := &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori"}
	policy := &Policy{Enabled: true}
	a := &Announcer{Policy: policy, Send: sender, Printer: printer(t, "en")}
	ctx := context.Background()

	open := wifiResult(monitor.Critical, "wifi.open", "finding.wifi.open", "cafe")
	a.HandleAll(ctx, []monitor.Change{{New: open}})
	if !a.Owes() {
		t.Fatal("with no notification server, the finding was not kept to tell later")
	}
	if got := policy.Memory().Spoken; len(got) != 0 {
		t.Errorf("a notification never shown is remembered as told: %+v", got)
	}

	srv, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body")
	if err != nil {
		t.Fatal(err)
	}
	a.HandleAll(ctx, nil) // the next run, with nothing changed
	if c := srv.Next(t, 5*time.Second); c.Summary != "Avoid open Wi-Fi for money matters" {
		t.Errorf("owed notification: %+v", c)
	}
	if a.Owes() {
		t.Error("still owed after it was shown")
	}
	a.HandleAll(ctx, nil)
	srv.None(t, 300*time.Millisecond)

	// Owed, then the check recovered before the server came: nothing.
	s2 := testenv.DBusSession(t)
	b := &Announcer{Policy: &Policy{Enabled: true}, Send: &DBus{Conn: testenv.Connect(t, s2.Address), AppName: "Mamori"}, Printer: printer(t, "en")}
	b.HandleAll(ctx, []monitor.Change{{New: open}})
	srv2, err := notifytest.Start(testenv.Connect(t, s2.Address), "actions", "body")
	if err != nil {
		t.Fatal(err)
	}
	ok := wifiResult(monitor.OK, "wifi", "finding.wifi.ok", "home")
	b.HandleAll(ctx, []monitor.Change{{Old: &open, New: ok}})
	srv2.None(t, 300*time.Millisecond)
	if b.Owes() {
		t.Error("a finding that recovered is still owed")
	}
}
