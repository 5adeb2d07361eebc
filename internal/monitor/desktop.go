package monitor

import "strings"

// desktop is the family of desktop environment whose settings apply.
type desktop string

const (
	deskUnknown  desktop = ""
	deskGNOME    desktop = "GNOME"
	deskKDE      desktop = "KDE"
	deskXFCE     desktop = "XFCE"
	deskCinnamon desktop = "Cinnamon"
	deskMATE     desktop = "MATE"
)

// detectDesktop reads the session's desktop from XDG_CURRENT_DESKTOP (a colon
// list such as "ubuntu:GNOME"), falling back to XDG_SESSION_DESKTOP and
// DESKTOP_SESSION. It returns the family and the raw value for evidence.
func detectDesktop(getenv func(string) string) (desktop, string) {
	for _, v := range []string{"XDG_CURRENT_DESKTOP", "XDG_SESSION_DESKTOP", "DESKTOP_SESSION"} {
		raw := getenv(v)
		if raw == "" {
			continue
		}
		for _, part := range strings.Split(raw, ":") {
			switch strings.ToLower(strings.TrimSpace(part)) {
			case "gnome", "gnome-classic", "gnome-flashback", "unity", "budgie", "budgie-desktop", "ubuntu", "pop", "zorin":
				return deskGNOME, raw
			case "kde", "plasma", "plasmawayland", "plasmax11":
				return deskKDE, raw
			case "xfce", "xfce4", "xubuntu":
				return deskXFCE, raw
			case "x-cinnamon", "cinnamon":
				return deskCinnamon, raw
			case "mate":
				return deskMATE, raw
			}
		}
		return deskUnknown, raw
	}
	return deskUnknown, ""
}
