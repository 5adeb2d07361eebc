package agent

import (
	"context"
	"io"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/agent/wire"
	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/logfmt"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/notify"
	"github.com/mamori-project/mamori/internal/notify/notifytest"
	"github.com/mamori-project/mamori/internal/testenv"
)

// busNotes is the agent's notification client on the session at address,
// on a connection of its own, as the agent's is.
func busNotes(t *testing.T, address string) BusNotes {
	return BusNotes{D: &notify.DBus{Conn: testenv.Connect(t, address), AppName: "Mamori"}, Log: logfmt.New(io.Discard)}
}

// TestClickOnANotificationWhoseJudgeEnded: the person clicks a
// notification long after the judge that showed it exited. A server that
// broadcasts ActionInvoked (GNOME Shell) and one that sends it only to the
// connection that called Notify (dunst: signal_action_invoked emits to
// the notification's dbus_client) must both open the status window at the
// check: the person's click is the same.
func TestClickOnANotificationWhoseJudgeEnded(t *testing.T) {
	for _, tc := range []struct {
		name   string
		invoke func(*notifytest.Server, uint32, string) error
	}{
		{"broadcast", (*notifytest.Server).Invoke},
		// Red team, session 6: when the judge called Notify, the signal
		// went to the judge that had exited: the agent, which stays,
		// shows the notifications.
		{"dunst", (*notifytest.Server).InvokeAsDunst},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := testenv.DBusSession(t)
			notes, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body")
			if err != nil {
				t.Fatal(err)
			}
			hotspot := monitor.Func{Def: monitor.Spec{ID: "wifi"}, Fn: func(context.Context) monitor.Result {
				return monitor.Result{Status: monitor.Critical, Advice: "wifi.public",
					Finding: monitor.T("finding.wifi.public", "Network", "Cafe", "Security", "WPA2")}
			}}
			a := newHere(t, hereOptions{
				Checks:   []monitor.Check{hotspot},
				Settings: config.Store{Path: filepath.Join(t.TempDir(), "settings.json")},
			})
			a.Notes = busNotes(t, s.Address)
			opened := make(chan [2]string, 4)
			a.Windows = func(which, check string) error { opened <- [2]string{which, check}; return nil }
			a.run(t)

			note := notes.Next(t, 30*time.Second)
			// The judge that showed it has exited by the time the
			// person reads it and clicks.
			time.Sleep(time.Second)
			if err := tc.invoke(notes, note.ID, notify.ActionDetails); err != nil {
				t.Fatal(err)
			}
			select {
			case w := <-opened:
				if w != [2]string{"status", "wifi"} {
					t.Errorf("the click opened %v, want the status window at wifi", w)
				}
			case <-time.After(5 * time.Second):
				t.Error("the click on the notification opened nothing")
			}
		})
	}
}

// TestClickFromAnotherClientStartsNoJudge: any client on the session bus
// can send a signal to the agent's own connection; the bus's match rules
// do not filter signals sent to a destination. A signal that says it is
// ActionInvoked but does not come from the notification server is not a
// click: it must not start a judge (a process) each, or a client sending
// a thousand of them starts a thousand processes.
func TestClickFromAnotherClientStartsNoJudge(t *testing.T) {
	s := testenv.DBusSession(t)
	if _, err := notifytest.Start(testenv.Connect(t, s.Address), "actions", "body"); err != nil {
		t.Fatal(err)
	}
	a := newHere(t, hereOptions{Settings: config.Store{Path: filepath.Join(t.TempDir(), "settings.json")}})
	judge := a.Judge
	var clicks atomic.Int32
	a.Judge = func(ctx context.Context, event []string, got func(wire.Op)) error {
		if event[0] == "invoked" {
			clicks.Add(1)
		}
		return judge(ctx, event, got)
	}
	notes := busNotes(t, s.Address)
	agentConn := notes.D.Conn
	a.Notes = notes
	a.run(t)
	waitFor(t, "the agent to listen", 10*time.Second, func() bool { return a.scheduler() != nil })
	time.Sleep(500 * time.Millisecond)

	other := testenv.Connect(t, s.Address)
	for id := uint32(1); id <= 20; id++ {
		msg := &dbus.Message{Type: dbus.TypeSignal, Headers: map[dbus.HeaderField]dbus.Variant{
			dbus.FieldPath:        dbus.MakeVariant(dbus.ObjectPath("/org/freedesktop/Notifications")),
			dbus.FieldInterface:   dbus.MakeVariant("org.freedesktop.Notifications"),
			dbus.FieldMember:      dbus.MakeVariant("ActionInvoked"),
			dbus.FieldDestination: dbus.MakeVariant(agentConn.Names()[0]),
			dbus.FieldSignature:   dbus.MakeVariant(dbus.SignatureOf(id, "default")),
		}, Body: []any{id, "default"}}
		if err := other.Send(msg, nil).Err; err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(time.Second)
	if n := clicks.Load(); n != 0 {
		t.Errorf("another client's signals started %d judges of a click", n)
	}
}

// TestNotificationStaysWhenItsJudgeEnds: GNOME Shell and Cinnamon close
// an application's notifications when the client that showed them leaves
// the bus. The judge that words a notification exits at once; the agent,
// which stays, shows it, and the person still finds the warning on screen.
func TestNotificationStaysWhenItsJudgeEnds(t *testing.T) {
	s := testenv.DBusSession(t)
	notes, err := notifytest.StartAsGNOME(testenv.Connect(t, s.Address), "actions", "body")
	if err != nil {
		t.Fatal(err)
	}
	hotspot := monitor.Func{Def: monitor.Spec{ID: "wifi"}, Fn: func(context.Context) monitor.Result {
		return monitor.Result{Status: monitor.Critical, Advice: "wifi.public",
			Finding: monitor.T("finding.wifi.public", "Network", "Cafe", "Security", "WPA2")}
	}}
	a := newHere(t, hereOptions{
		Checks:   []monitor.Check{hotspot},
		Settings: config.Store{Path: filepath.Join(t.TempDir(), "settings.json")},
	})
	a.Notes = busNotes(t, s.Address)
	a.run(t)
	note := notes.Next(t, 30*time.Second)
	time.Sleep(time.Second)
	if open := notes.Open(); !slices.Contains(open, note.ID) {
		t.Errorf("the warning %q was closed a second after it was shown (on screen: %v, closed: %v)", note.Summary, open, notes.Closed())
	}
}
