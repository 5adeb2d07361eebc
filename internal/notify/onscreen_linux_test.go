package notify

import (
	"context"
	"testing"
	"time"

	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestOnScreenAcrossStarts plays two starts of the agent on one bus with
// one notification server: the second takes over what the first left on
// screen, so its notification about the same check replaces the first's
// copy and WithdrawAll closes it; a start on another bus takes over
// nothing.
func TestOnScreenAcrossStarts(t *testing.T) {
	s := testenv.DBusSession(t)
	srv, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	first := &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori"}
	if err := first.Show(ctx, Message{Key: "os-updates", Summary: "first", Actions: []Action{{ID: ActionDetails, Label: "Details"}}}); err != nil {
		t.Fatal(err)
	}
	shown := srv.Next(t, 5*time.Second)
	left, err := first.OnScreen(ctx)
	if err != nil || left.Notes["os-updates"].ID != shown.ID {
		t.Fatalf("on screen: %+v %v", left, err)
	}

	t.Run("another bus", func(t *testing.T) {
		other := testenv.DBusSession(t)
		if _, err := notifytest.Start(testenv.Connect(t, other.Address), "actions"); err != nil {
			t.Fatal(err)
		}
		d := &DBus{Conn: testenv.Connect(t, other.Address)}
		if n, err := d.Adopt(ctx, left); n != 0 || err != nil {
			t.Errorf("took over %d (%v) from another bus", n, err)
		}
	})

	second := &DBus{Conn: testenv.Connect(t, s.Address), AppName: "Mamori"}
	if n, err := second.Adopt(ctx, left); n != 1 || err != nil {
		t.Fatalf("took over %d (%v), want 1", n, err)
	}
	if err := second.Show(ctx, Message{Key: "os-updates", Summary: "second"}); err != nil {
		t.Fatal(err)
	}
	if c := srv.Next(t, 5*time.Second); c.ReplacesID != shown.ID {
		t.Errorf("the second start's notification replaces %d, want the first's %d", c.ReplacesID, shown.ID)
	}
	if err := second.WithdrawAll(ctx); err != nil {
		t.Fatal(err)
	}
	if open := srv.Open(); len(open) != 0 {
		t.Errorf("still on screen after WithdrawAll: %v", open)
	}
}
