package msg

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/bus"
	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/safe"
)

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
	// Image, when set, is sent as the image-data hint: the icon itself,
	// for where no icon theme holds Icon.
	Image *dbus.Variant
	// StatusImage, when set, gives the image-data hint for a message's
	// Status: the tray's icon of that status, so that a critical finding
	// does not come with the app's own icon, which reads as all is well.
	StatusImage func(monitor.Status) (dbus.Variant, bool)

	mu   sync.Mutex
	caps []string
	// server is the unique bus name of the notification server that
	// answered: only its signals are believed.
	server string
	ids    map[string]uint32
	shown  map[uint32]shown
}

// shown is a notification on screen: what it is about, the actions it
// offered and the data they act on.
type shown struct {
	key     string
	actions []string
	network *monitor.WiFiNetwork
}

var _ Sender = (*DBus)(nil)

// Capabilities returns what the server supports ("actions", "body-markup",
// …), asked once per server: a server that restarts (another name owner)
// is asked again.
func (d *DBus) Capabilities(ctx context.Context) ([]string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.caps != nil {
		return d.caps, nil
	}
	var owner string
	if err := d.Conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.GetNameOwner", 0, Service).Store(&owner); err != nil {
		if isNoServer(err) {
			return nil, ErrNoServer
		}
		return nil, fmt.Errorf("finding the notification server: %w", err)
	}
	var caps []string
	if err := d.Conn.Object(owner, Path).CallWithContext(ctx, Iface+".GetCapabilities", 0).Store(&caps); err != nil {
		if isNoServer(err) {
			return nil, ErrNoServer
		}
		return nil, fmt.Errorf("asking the notification server's capabilities: %w", err)
	}
	d.caps, d.server = append([]string{}, caps...), owner
	return d.caps, nil
}

// forget drops what Mamori knew of a notification server that went away:
// its capabilities, its name and its notifications' IDs.
func (d *DBus) forget() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.caps, d.server, d.ids, d.shown = nil, "", nil, nil
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
	var actions, offered []string
	if slices.Contains(caps, "actions") {
		for _, a := range m.Actions {
			actions = append(actions, a.ID, a.Label)
			offered = append(offered, a.ID)
		}
	}
	hints := map[string]dbus.Variant{"urgency": dbus.MakeVariant(byte(m.Urgency))}
	if d.DesktopEntry != "" {
		hints["desktop-entry"] = dbus.MakeVariant(d.DesktopEntry)
	}
	if d.Image != nil {
		hints["image-data"] = *d.Image
	}
	if d.StatusImage != nil && m.Status != "" {
		if img, ok := d.StatusImage(m.Status); ok {
			hints["image-data"] = img
		}
	}
	d.mu.Lock()
	replaces, server := d.ids[m.Key], d.server
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
	// To the server whose capabilities were read, by its unique name: a
	// server that took over since is asked again next time.
	err = d.Conn.Object(server, Path).CallWithContext(ctx, Iface+".Notify", 0, d.AppName, replaces, d.Icon, m.Summary, body, actions, hints, timeout).Store(&id)
	if err != nil {
		if isNoServer(err) {
			return ErrNoServer
		}
		return fmt.Errorf("showing a notification: %w", err)
	}
	d.mu.Lock()
	if d.server == server {
		if d.ids == nil {
			d.ids, d.shown = map[string]uint32{}, map[uint32]shown{}
		}
		delete(d.shown, replaces)
		d.ids[m.Key], d.shown[id] = id, shown{key: m.Key, actions: offered, network: m.Network}
	}
	d.mu.Unlock()
	return nil
}

// Withdraw closes the notification shown for key, if any.
func (d *DBus) Withdraw(ctx context.Context, key string) error {
	d.mu.Lock()
	id, ok := d.ids[key]
	server := d.server
	delete(d.ids, key)
	delete(d.shown, id)
	d.mu.Unlock()
	if !ok {
		return nil
	}
	if err := d.Conn.Object(server, Path).CallWithContext(ctx, Iface+".CloseNotification", 0, id).Err; err != nil && !isNoServer(err) {
		return fmt.Errorf("closing a notification: %w", err)
	}
	return nil
}

// Listen calls onAction when the person takes an action on a notification
// Mamori showed, until ctx is done. It believes only the notification
// server Mamori talked to (its unique bus name), and only actions that
// notification offered: any client on the session bus can send an
// ActionInvoked signal. When the server's name changes owner (a restart,
// another server), what Mamori knew of it is forgotten.
func (d *DBus) Listen(ctx context.Context, onAction func(Invoked)) error {
	var rules [][]dbus.MatchOption
	// Only the notification server's signals are delivered: the bus
	// matches the sender against the name's owner, so other clients'
	// traffic neither wakes the agent nor reaches the checks below.
	for _, member := range []string{"ActionInvoked", "NotificationClosed"} {
		rules = append(rules, []dbus.MatchOption{dbus.WithMatchSender(Service), dbus.WithMatchInterface(Iface), dbus.WithMatchMember(member), dbus.WithMatchObjectPath(Path)})
	}
	rules = append(rules, []dbus.MatchOption{dbus.WithMatchSender("org.freedesktop.DBus"), dbus.WithMatchInterface("org.freedesktop.DBus"),
		dbus.WithMatchMember("NameOwnerChanged"), dbus.WithMatchArg(0, Service)})
	return bus.Listen(ctx, d.Conn, rules, nil, func(sig *dbus.Signal) {
		if sig.Name == "org.freedesktop.DBus.NameOwnerChanged" {
			if name, _ := sig.Body[0].(string); sig.Sender == "org.freedesktop.DBus" && name == Service {
				d.forget()
			}
			return
		}
		if len(sig.Body) < 2 {
			return
		}
		id, _ := sig.Body[0].(uint32)
		d.mu.Lock()
		note, known := d.shown[id]
		if sig.Sender != d.server || d.server == "" {
			known = false // not from the server Mamori talked to
		}
		if sig.Name == Iface+".NotificationClosed" && known {
			delete(d.shown, id)
			if d.ids[note.key] == id {
				delete(d.ids, note.key)
			}
		}
		d.mu.Unlock()
		if sig.Name != Iface+".ActionInvoked" || !known {
			return
		}
		if action, ok := sig.Body[1].(string); ok && slices.Contains(note.actions, action) {
			onAction(Invoked{Key: note.key, Action: action, Network: note.network})
		}
	})
}
