// Package session tells which system a person's session runs: the OS and,
// on Linux, the desktop family, read from XDG_CURRENT_DESKTOP. It imports
// nothing of the project, so the resident agent can choose the texts for
// the desktop (internal/i18n) without linking the desktops' settings
// readers (internal/desktop), which re-exports what is here.
package session

import "strings"

// Desktop is the family of desktop environment whose settings apply.
type Desktop string

// The families Mamori reads settings for and writes texts for; Unknown is
// any other.
const (
	Unknown  Desktop = ""
	GNOME    Desktop = "GNOME"
	KDE      Desktop = "KDE"
	XFCE     Desktop = "XFCE"
	Cinnamon Desktop = "Cinnamon"
	MATE     Desktop = "MATE"
)

// Detect reads the session's desktop from XDG_CURRENT_DESKTOP (a colon
// list such as "ubuntu:GNOME"), falling back to XDG_SESSION_DESKTOP and
// DESKTOP_SESSION. It returns the family and the raw value for evidence.
func Detect(getenv func(string) string) (Desktop, string) {
	for _, v := range []string{"XDG_CURRENT_DESKTOP", "XDG_SESSION_DESKTOP", "DESKTOP_SESSION"} {
		raw := getenv(v)
		if raw == "" {
			continue
		}
		for _, part := range strings.Split(raw, ":") {
			switch strings.ToLower(strings.TrimSpace(part)) {
			case "gnome", "gnome-classic", "gnome-flashback", "unity", "budgie", "budgie-desktop", "ubuntu", "pop", "zorin":
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
