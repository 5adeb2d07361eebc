package agent

import (
	"context"
	"strings"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/bus"
)

// dconfPrefixes are the settings paths the screen-lock and idle-power
// checks read (GNOME, Cinnamon, MATE).
var dconfPrefixes = []string{
	"/org/gnome/desktop/screensaver/", "/org/gnome/desktop/session/", "/org/gnome/settings-daemon/plugins/power/",
	"/org/cinnamon/desktop/screensaver/", "/org/cinnamon/desktop/session/", "/org/cinnamon/settings-daemon/plugins/power/",
	"/org/mate/screensaver/", "/org/mate/desktop/session/", "/org/mate/power-manager/",
}

// WatchDconf calls changed whenever dconf reports a write under the paths
// the desktop checks read. dconf announces every write with the signal
// ca.desrt.dconf.Writer.Notify(prefix, changes, tag) on the session bus.
func WatchDconf(conn *dbus.Conn) func(ctx context.Context, changed func()) error {
	return func(ctx context.Context, changed func()) error {
		rules := [][]dbus.MatchOption{{dbus.WithMatchInterface("ca.desrt.dconf.Writer"), dbus.WithMatchMember("Notify")}}
		return bus.Listen(ctx, conn, rules, func(sig *dbus.Signal) {
			if sig.Name == "ca.desrt.dconf.Writer.Notify" && dconfRelevant(sig.Body) {
				changed()
			}
		})
	}
}

// dconfRelevant reads Notify's (prefix s, changes as, tag s) and reports
// whether a changed key lies under a watched path.
func dconfRelevant(body []any) bool {
	if len(body) < 2 {
		return false
	}
	prefix, _ := body[0].(string)
	changes, _ := body[1].([]string)
	if len(changes) == 0 {
		changes = []string{""}
	}
	for _, c := range changes {
		key := prefix + c
		for _, p := range dconfPrefixes {
			// A write to a directory above a watched path (a reset of
			// /org/gnome/) counts too.
			if strings.HasPrefix(key, p) || strings.HasPrefix(p, key) && strings.HasSuffix(key, "/") {
				return true
			}
		}
	}
	return false
}
