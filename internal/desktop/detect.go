// Package desktop reads the settings stores that Linux desktops keep:
// GSettings (GNOME, Cinnamon, MATE) through the gsettings program, KDE's
// KConfig files and Xfce's xfconf channels, and tells which desktop the
// session runs. The screen-lock, idle-power and os-updates checks share it.
package desktop

import "strings"

// Family is the family of desktop environment whose settings apply.
type Family string

// The families Mamori reads settings for; Unknown is any other.
const (
	Unknown  Family = ""
	GNOME    Family = "GNOME"
	KDE      Family = "KDE"
	XFCE     Family = "XFCE"
	Cinnamon Family = "Cinnamon"
	MATE     Family = "MATE"
)

// Detect reads the session's desktop from XDG_CURRENT_DESKTOP (a colon
// list such as "ubuntu:GNOME"), falling back to XDG_SESSION_DESKTOP and
// DESKTOP_SESSION. It returns the family and the raw value for evidence.
func Detect(getenv func(string) string) (Family, string) {
	for _, v := range []string{"XDG_CURRENT_DESKTOP", "XDG_SESSION_DESKTOP", "DESKTOP_SESSION"} {
		raw := getenv(v)
		if raw == "" {
			continue
		}
		for _, part := range strings.Split(raw, ":") {
			switch strings.ToLower(strings.TrimSpace(part)) {
			case "gnome", "gnome-classic", "gnome-flashback", "unity", "budgie", "budgie-Family", "ubuntu", "pop", "zorin":
				return GNOME, raw
			case "kde", "plasma", "plasmawayland", "plasmax11":
				return KDE, raw
			case "xfce", "xfce4", "xubuntu":
				return XFCE, raw
			case "x-cinnamon", "cinnamon":
				return Cinnamon, raw
			case "mate":
				return MATE, raw
			}
		}
		return Unknown, raw
	}
	return Unknown, ""
}
