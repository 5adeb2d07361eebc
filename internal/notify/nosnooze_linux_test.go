package notify

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/testenv"
)

// Where an organisation's policy does not allow snoozing, a notification
// offers no Snooze (the agent would refuse it); elsewhere it does.
func TestNoSnoozeWhereThePolicySaysSo(t *testing.T) {
	for _, allowed := range []bool{true, false} {
		s := testenv.DBusSession(t)
		srv, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body")
		if err != nil {
			t.Fatal(err)
		}
		a := &Announcer{Policy: &Policy{Enabled: true}, Send: &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori"},
			Printer: printer(t, "en"), NoSnooze: func() bool { return !allowed }}
		a.HandleAll(context.Background(), []monitor.Change{{New: wifiResult(monitor.Critical, "wifi.open", "finding.wifi.open", "cafe")}})
		c := srv.Next(t, 5*time.Second)
		if got := slices.Contains(c.Actions, ActionSnooze); got != allowed {
			t.Errorf("snooze allowed %v: actions %q", allowed, c.Actions)
		}
	}
}
