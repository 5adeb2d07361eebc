package check

import (
	"path"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
)

// linuxBrowsers are where each browser keeps its profiles under the home
// folder: as a distribution's package (~/.config, ~/.mozilla, and
// ~/.config/mozilla for Firefox 147 and later), as a Snap
// (Ubuntu's Firefox and Chromium) and as a Flatpak.
var linuxBrowsers = []struct {
	name, dir string
	firefox   bool
}{
	{"Chrome", ".config/google-chrome", false},
	{"Chromium", ".config/chromium", false},
	{"Edge", ".config/microsoft-edge", false},
	{"Brave", ".config/BraveSoftware/Brave-Browser", false},
	{"Vivaldi", ".config/vivaldi", false},
	{"Chromium", "snap/chromium/common/chromium", false},
	{"Chrome", ".var/app/com.google.Chrome/config/google-chrome", false},
	{"Chromium", ".var/app/org.chromium.Chromium/config/chromium", false},
	{"Edge", ".var/app/com.microsoft.Edge/config/microsoft-edge", false},
	{"Brave", ".var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser", false},
	{"Firefox", ".mozilla/firefox", true},
	// Firefox 147 and later, started with no ~/.mozilla, keep their
	// profiles under $XDG_CONFIG_HOME (bugzilla.mozilla.org 259356).
	{"Firefox", ".config/mozilla/firefox", true},
	{"Firefox", "snap/firefox/common/.mozilla/firefox", true},
	{"Firefox", ".var/app/org.mozilla.firefox/.mozilla/firefox", true},
}

// browserDirs: the folders of linuxBrowsers. A distribution's Chromium
// family honours $XDG_CONFIG_HOME.
func browserDirs(sys host.System) []browserDir {
	config := sys.ConfigHome()
	var out []browserDir
	for _, b := range linuxBrowsers {
		dir := path.Join(sys.Home, b.dir)
		if rest, ok := strings.CutPrefix(b.dir, ".config/"); ok {
			dir = path.Join(config, rest)
		}
		out = append(out, browserDir{Name: b.name, FS: sys.FS, Dir: host.Rel(dir), Firefox: b.firefox})
	}
	return out
}
