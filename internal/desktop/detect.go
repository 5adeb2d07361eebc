// Package desktop reads the settings stores that Linux desktops keep:
// GSettings (GNOME, Cinnamon, MATE) through the gsettings program, KDE's
// KConfig files and Xfce's xfconf channels, and tells which desktop the
// session runs. The screen-lock, idle-power and os-updates checks share it.
package desktop

import "github.com/mamori-project/mamori/internal/session"

// Family is the family of desktop environment whose settings apply.
type Family = session.Desktop

// The families Mamori reads settings for; Unknown is any other.
const (
	Unknown  = session.Unknown
	GNOME    = session.GNOME
	KDE      = session.KDE
	XFCE     = session.XFCE
	Cinnamon = session.Cinnamon
	MATE     = session.MATE
)

// Detect reads the session's desktop (see session.Detect): the family and
// the raw value for evidence.
func Detect(getenv func(string) string) (Family, string) {
	return session.Detect(getenv)
}
