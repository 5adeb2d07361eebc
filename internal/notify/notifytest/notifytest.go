// Package notifytest plays org.freedesktop.Notifications on a (private)
// bus, recording what it is asked to show and clicking actions on request.
package notifytest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// Call is one Notify request.
type Call struct {
	ID         uint32
	AppName    string
	ReplacesID uint32
	Icon       string
	Summary    string
	Body       string
	Actions    []string
	Hints      map[string]dbus.Variant
	Timeout    int32
}

// Urgency returns the urgency hint, or -1 when absent.
func (c Call) Urgency() int {
	if v, ok := c.Hints["urgency"].Value().(byte); ok {
		return int(v)
	}
	return -1
}

// Server is a running fake notification server.
type Server struct {
	conn *dbus.Conn
	caps []string

	mu     sync.Mutex
	next   uint32
	calls  chan Call
	closed []uint32
	open   map[uint32]bool        // shown and not closed
	sender map[uint32]dbus.Sender // who showed each notification
}

// StartAsGNOME serves as Start does, and closes the notifications a client
// showed when that client leaves the bus, as GNOME Shell and Cinnamon do
// for an application they know (js/ui/notificationDaemon.js: the source's
// _onNameVanished destroys it when its app is set, which the desktop-entry
// hint Mamori sends sets).
func StartAsGNOME(conn *dbus.Conn, caps ...string) (*Server, error) {
	s, err := Start(conn, caps...)
	if err != nil {
		return nil, err
	}
	if err := conn.AddMatchSignal(dbus.WithMatchSender("org.freedesktop.DBus"), dbus.WithMatchMember("NameOwnerChanged")); err != nil {
		return nil, err
	}
	ch := make(chan *dbus.Signal, 64)
	conn.Signal(ch)
	go func() {
		for sig := range ch {
			if sig.Name != "org.freedesktop.DBus.NameOwnerChanged" || len(sig.Body) < 3 {
				continue
			}
			name, _ := sig.Body[0].(string)
			if now, _ := sig.Body[2].(string); now != "" {
				continue
			}
			s.mu.Lock()
			var gone []uint32
			for id, from := range s.sender {
				if string(from) == name && s.open[id] {
					gone = append(gone, id)
					delete(s.open, id)
					s.closed = append(s.closed, id)
				}
			}
			s.mu.Unlock()
			for _, id := range gone {
				conn.Emit("/org/freedesktop/Notifications", "org.freedesktop.Notifications.NotificationClosed", id, uint32(3))
			}
		}
	}()
	return s, nil
}

// Start serves on conn with the given capabilities.
func Start(conn *dbus.Conn, caps ...string) (*Server, error) {
	s := &Server{conn: conn, caps: caps, calls: make(chan Call, 64), open: map[uint32]bool{}, sender: map[uint32]dbus.Sender{}}
	if err := conn.Export(server{s}, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		return nil, err
	}
	reply, err := conn.RequestName("org.freedesktop.Notifications", dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		return nil, fmt.Errorf("taking org.freedesktop.Notifications: %v %v", reply, err)
	}
	return s, nil
}

type server struct{ s *Server }

func (v server) GetCapabilities() ([]string, *dbus.Error) { return v.s.caps, nil }

func (v server) GetServerInformation() (string, string, string, string, *dbus.Error) {
	return "notifytest", "mamori", "1", "1.2", nil
}

func (v server) Notify(sender dbus.Sender, app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	v.s.mu.Lock()
	id := replaces
	if id == 0 {
		v.s.next++
		id = v.s.next
	}
	v.s.open[id] = true
	v.s.sender[id] = sender
	v.s.mu.Unlock()
	v.s.calls <- Call{ID: id, AppName: app, ReplacesID: replaces, Icon: icon, Summary: summary, Body: body, Actions: actions, Hints: hints, Timeout: timeout}
	return id, nil
}

func (v server) CloseNotification(id uint32) *dbus.Error {
	v.s.mu.Lock()
	v.s.closed = append(v.s.closed, id)
	delete(v.s.open, id)
	v.s.mu.Unlock()
	if err := v.s.conn.Emit("/org/freedesktop/Notifications", "org.freedesktop.Notifications.NotificationClosed", id, uint32(3)); err != nil {
		return dbus.MakeFailedError(err)
	}
	return nil
}

// Next waits for the next Notify call.
func (s *Server) Next(t testing.TB, within time.Duration) Call {
	t.Helper()
	select {
	case c := <-s.calls:
		return c
	case <-time.After(within):
		t.Fatalf("no notification within %v", within)
	}
	return Call{}
}

// None checks that no Notify call arrives within d.
func (s *Server) None(t testing.TB, d time.Duration) {
	t.Helper()
	select {
	case c := <-s.calls:
		t.Fatalf("unexpected notification %q: %q", c.Summary, c.Body)
	case <-time.After(d):
	}
}

// Closed returns the IDs closed so far.
func (s *Server) Closed() []uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]uint32(nil), s.closed...)
}

// Open returns the IDs of the notifications on screen: shown, and neither
// closed by their sender nor replaced.
func (s *Server) Open() []uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []uint32
	for id := range s.open {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Invoke clicks an action of notification id.
func (s *Server) Invoke(id uint32, action string) error {
	return s.conn.Emit("/org/freedesktop/Notifications", "org.freedesktop.Notifications.ActionInvoked", id, action)
}

// InvokeAsDunst clicks an action of notification id as dunst does: the
// signal goes to the connection that showed the notification only
// (dunst's signal_action_invoked emits it to the Notify call's sender),
// not to every client listening on the bus.
func (s *Server) InvokeAsDunst(id uint32, action string) error {
	s.mu.Lock()
	to := s.sender[id]
	s.mu.Unlock()
	if to == "" {
		return fmt.Errorf("no notification %d was shown", id)
	}
	msg := &dbus.Message{Type: dbus.TypeSignal, Headers: map[dbus.HeaderField]dbus.Variant{
		dbus.FieldPath:        dbus.MakeVariant(dbus.ObjectPath("/org/freedesktop/Notifications")),
		dbus.FieldInterface:   dbus.MakeVariant("org.freedesktop.Notifications"),
		dbus.FieldMember:      dbus.MakeVariant("ActionInvoked"),
		dbus.FieldDestination: dbus.MakeVariant(string(to)),
		dbus.FieldSignature:   dbus.MakeVariant(dbus.SignatureOf(id, action)),
	}, Body: []any{id, action}}
	return s.conn.Send(msg, nil).Err
}

// Calls is the stream of Notify calls, for tests that look for one among
// others.
func (s *Server) Calls() <-chan Call { return s.calls }
