package watch

import (
	"context"
	"strings"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/bus"
)

// Dconf returns a source that calls changed(prefix) whenever dconf reports
// a write under one of the prefixes it is given (dconf paths ending in "/",
// such as "/org/gnome/desktop/screensaver/"). dconf announces every write
// with the signal ca.desrt.dconf.Writer.Notify(prefix, changes, tag) on the
// session bus.
func Dconf(conn *dbus.Conn) Func {
	return func(ctx context.Context, prefixes []string, ready func(), changed func(path string)) error {
		// Only dconf's own signals: another client's traffic does not wake
		// the agent.
		rules := [][]dbus.MatchOption{{dbus.WithMatchSender("ca.desrt.dconf"), dbus.WithMatchInterface("ca.desrt.dconf.Writer"), dbus.WithMatchMember("Notify")}}
		return bus.Listen(ctx, conn, rules, ready, func(sig *dbus.Signal) {
			if sig.Name != "ca.desrt.dconf.Writer.Notify" {
				return
			}
			for _, p := range dconfMatches(sig.Body, prefixes) {
				changed(p)
			}
		})
	}
}

// dconfMatches reads Notify's (prefix s, changes as, tag s) and returns the
// watched prefixes a changed key lies under.
func dconfMatches(body []any, prefixes []string) []string {
	if len(body) < 2 {
		return nil
	}
	prefix, _ := body[0].(string)
	changes, _ := body[1].([]string)
	if len(changes) == 0 {
		changes = []string{""}
	}
	var out []string
	for _, p := range prefixes {
		for _, c := range changes {
			key := prefix + c
			// A write to a directory above a watched path (a reset of
			// /org/gnome/) counts too.
			if strings.HasPrefix(key, p) || strings.HasPrefix(p, key) && strings.HasSuffix(key, "/") {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
