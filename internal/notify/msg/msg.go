// Package msg is a notification as the agent and the judge pass it, and
// what the resident agent needs to hear the person's clicks on one: the
// leaf of internal/notify, which the resident agent links without the
// rules that decide what to say (internal/notify's Announcer and Policy,
// run by the judge).
package msg

import (
	"context"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/bus"
	"github.com/mamori-project/mamori/internal/monitor"
)

// The freedesktop notification service.
const (
	Service = "org.freedesktop.Notifications"
	Path    = dbus.ObjectPath("/org/freedesktop/Notifications")
	Iface   = "org.freedesktop.Notifications"
)

// The actions a notification offers.
const (
	ActionDetails = "default" // clicking the notification itself
	ActionSnooze  = "snooze"
	ActionTrust   = "trust" // Wi-Fi: trust this network
	ActionFix     = "fix"   // open the status window asking to fix the finding
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
	// Network is handed back with an action taken on this notification,
	// so that Trust this network trusts the network the notification
	// showed, not whatever is connected when the person clicks.
	Network *monitor.WiFiNetwork
	// Status is the status of the finding the notification is about; its
	// icon is the notification's image where the sender has one.
	Status monitor.Status
}

// Invoked is an action the person took on a notification Mamori showed.
type Invoked struct {
	Key, Action string
	// Network is the network the notification named, for ActionTrust.
	Network *monitor.WiFiNetwork
}

// Click is an ActionInvoked signal as the notification server sent it:
// which notification, which action, and the server's unique bus name. It
// is only what the signal says; the judge believes it only for a
// notification it showed through that server (internal/notify's OnScreen).
type Click struct {
	ID     uint32
	Action string
	Server string
}

// Clicks calls onClick for each action the person takes on a notification,
// until ctx is done. The bus's match rule delivers the notification
// service's owner's broadcasts only, but a signal sent to the agent's own
// connection passes no match rule: any client can send one. So a signal
// counts only when its sender owns the service now; other clients' signals
// cost a question to the bus, never a judge's process each.
func Clicks(ctx context.Context, conn *dbus.Conn, onClick func(Click)) error {
	rules := [][]dbus.MatchOption{{dbus.WithMatchSender(Service), dbus.WithMatchInterface(Iface),
		dbus.WithMatchMember("ActionInvoked"), dbus.WithMatchObjectPath(Path)}}
	owner := "" // the service's owner as last asked
	fromServer := func(sender string) bool {
		if sender == "" {
			return false
		}
		if sender == owner {
			return true
		}
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		var now string
		if err := conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.GetNameOwner", 0, Service).Store(&now); err != nil {
			return false
		}
		owner = now
		return sender == owner
	}
	return bus.Listen(ctx, conn, rules, nil, func(sig *dbus.Signal) {
		if sig.Name != Iface+".ActionInvoked" || len(sig.Body) < 2 {
			return
		}
		id, _ := sig.Body[0].(uint32)
		action, ok := sig.Body[1].(string)
		if id == 0 || !ok || action == "" || len(action) > 64 || !fromServer(sig.Sender) {
			return
		}
		onClick(Click{ID: id, Action: action, Server: sig.Sender})
	})
}
