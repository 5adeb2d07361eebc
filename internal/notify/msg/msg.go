// Package msg is a notification as the judge words it and the agent shows
// it: its fields, and the freedesktop client that shows it, withdraws it and
// hears the person's clicks on it (DBus), kept by the resident agent so that
// the notification's sender stays on the bus as long as it is on screen. It
// is the leaf of internal/notify, which the agent links without the rules
// that decide what to say (internal/notify's Announcer and Policy, run by
// the judge).
package msg

import (
	"github.com/godbus/dbus/v5"

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
