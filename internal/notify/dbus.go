package notify

import "github.com/mamori-project/mamori/internal/notify/msg"

// The freedesktop notification service.
const (
	Service = msg.Service
	Path    = msg.Path
	Iface   = msg.Iface
)

// Urgency is the freedesktop urgency level.
type Urgency = msg.Urgency

// The urgency levels.
const (
	Low      = msg.Low
	Normal   = msg.Normal
	Critical = msg.Critical
)

// A notification, its sender and the freedesktop client are declared in
// msg, which the resident agent links without the rest of this package.
type (
	Action   = msg.Action
	Message  = msg.Message
	Invoked  = msg.Invoked
	Sender   = msg.Sender
	DBus     = msg.DBus
	OnScreen = msg.OnScreen
	Note     = msg.Note
	Image    = msg.Image
)

// ErrNoServer means no notification server is running on the session bus.
var ErrNoServer = msg.ErrNoServer

// The notification's image (msg's).
var (
	ImageData     = msg.ImageData
	PNGImageData  = msg.PNGImageData
	IconInstalled = msg.IconInstalled
)
