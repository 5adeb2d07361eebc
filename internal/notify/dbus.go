package notify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/bus"
	"github.com/mamori-project/mamori/internal/safe"
)

// The freedesktop notification service.
const (
	Service = "org.freedesktop.Notifications"
	Path    = dbus.ObjectPath("/org/freedesktop/Notifications")
	Iface   = "org.freedesktop.Notifications"
)

// Urgency is the freedesktop urgency level.
type Urgency byte

// The urgency levels.
const (
	Low      Urgency = 0
	Normal   Urgency = 1
	Critical Urgency = 2
)

// Action is a button on a notification.
type Action struct {
	ID, Label string
}

// Message is one notification. Key names what it is about (a check ID): a
// new message with the same key replaces the one on screen.
type Message struct {
	Key     string
	Summary string
	// Body is plain text; it is escaped for servers that render markup.
	Body    string
	Urgency Urgency
	Actions []Action
}

// Sender shows and withdraws notifications.
type Sender interface {
	Show(ctx context.Context, m Message) error
	Withdraw(ctx context.Context, key string) error
}

// ErrNoServer means no notification server runs on the session bus.
var ErrNoServer = errors.New("no notification server is running")

// DBus shows notifications through org.freedesktop.Notifications.
type DBus struct {
	Conn *dbus.Conn
	// AppName and Icon are sent with every notification; DesktopEntry
	// lets the server find the app's name and icon.
	AppName, Icon, DesktopEntry string

	mu   sync.Mutex
	caps []string
	ids  map[string]uint32
	keys map[uint32]string
}

var _ Sender = (*DBus)(nil)

func (d *DBus) obj() dbus.BusObject { return d.Conn.Object(Service, Path) }

// Capabilities returns what the server supports ("actions", "body-markup",
// …), asked once.
func (d *DBus) Capabilities(ctx context.Context) ([]string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.caps != nil {
		return d.caps, nil
	}
	var caps []string
	if err := d.obj().CallWithContext(ctx, Iface+".GetCapabilities", 0).Store(&caps); err != nil {
		if isNoServer(err) {
			return nil, ErrNoServer
		}
		return nil, fmt.Errorf("asking the notification server's capabilities: %w", err)
	}
	d.caps = append([]string{}, caps...)
	return d.caps, nil
}

func isNoServer(err error) bool {
	var de dbus.Error
	if errors.As(err, &de) {
		return de.Name == "org.freedesktop.DBus.Error.ServiceUnknown" || de.Name == "org.freedesktop.DBus.Error.NameHasNoOwner"
	}
	return false
}

// Show sends m, replacing the notification last shown for m.Key.
func (d *DBus) Show(ctx context.Context, m Message) error {
	caps, err := d.Capabilities(ctx)
	if err != nil {
		return err
	}
	body := m.Body
	if slices.Contains(caps, "body-markup") {
		body = safe.Markup(body)
	}
	var actions []string
	if slices.Contains(caps, "actions") {
		for _, a := range m.Actions {
			actions = append(actions, a.ID, a.Label)
		}
	}
	hints := map[string]dbus.Variant{"urgency": dbus.MakeVariant(byte(m.Urgency))}
	if d.DesktopEntry != "" {
		hints["desktop-entry"] = dbus.MakeVariant(d.DesktopEntry)
	}
	d.mu.Lock()
	replaces := d.ids[m.Key]
	d.mu.Unlock()
	var id uint32
	// Critical notifications stay until dismissed (0); others use the
	// server's default (-1).
	timeout := int32(-1)
	if m.Urgency == Critical {
		timeout = 0
	}
	if actions == nil {
		actions = []string{}
	}
	err = d.obj().CallWithContext(ctx, Iface+".Notify", 0, d.AppName, replaces, d.Icon, m.Summary, body, actions, hints, timeout).Store(&id)
	if err != nil {
		if isNoServer(err) {
			return ErrNoServer
		}
		return fmt.Errorf("showing a notification: %w", err)
	}
	d.mu.Lock()
	if d.ids == nil {
		d.ids, d.keys = map[string]uint32{}, map[uint32]string{}
	}
	delete(d.keys, replaces)
	d.ids[m.Key], d.keys[id] = id, m.Key
	d.mu.Unlock()
	return nil
}

// Withdraw closes the notification shown for key, if any.
func (d *DBus) Withdraw(ctx context.Context, key string) error {
	d.mu.Lock()
	id, ok := d.ids[key]
	delete(d.ids, key)
	delete(d.keys, id)
	d.mu.Unlock()
	if !ok {
		return nil
	}
	if err := d.obj().CallWithContext(ctx, Iface+".CloseNotification", 0, id).Err; err != nil && !isNoServer(err) {
		return fmt.Errorf("closing a notification: %w", err)
	}
	return nil
}

// Listen calls onAction(key, action) when the person clicks a notification's
// action, until ctx is done.
func (d *DBus) Listen(ctx context.Context, onAction func(key, action string)) error {
	var rules [][]dbus.MatchOption
	for _, member := range []string{"ActionInvoked", "NotificationClosed"} {
		rules = append(rules, []dbus.MatchOption{dbus.WithMatchInterface(Iface), dbus.WithMatchMember(member), dbus.WithMatchObjectPath(Path)})
	}
	return bus.Listen(ctx, d.Conn, rules, func(sig *dbus.Signal) {
		if len(sig.Body) < 2 {
			return
		}
		id, _ := sig.Body[0].(uint32)
		d.mu.Lock()
		key, known := d.keys[id]
		if sig.Name == Iface+".NotificationClosed" && known {
			delete(d.keys, id)
			if d.ids[key] == id {
				delete(d.ids, key)
			}
		}
		d.mu.Unlock()
		if sig.Name == Iface+".ActionInvoked" && known {
			if action, ok := sig.Body[1].(string); ok {
				onAction(key, action)
			}
		}
	})
}
