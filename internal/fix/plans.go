package fix

import (
	"context"
	"reflect"
	"strings"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
)

// setting is one setting a fix may change: the tool, and the names it
// takes (a GSettings schema and key, an xfconf channel and property, a KDE
// file and "Group/Key", a value of HKCU\Control Panel\Desktop).
type setting struct {
	Tool        Tool
	Schema, Key string
}

// change is a Change of s.
func (s setting) change(from, to string, kind Kind, text string) Change {
	return Change{Tool: s.Tool, Schema: s.Schema, Key: s.Key, From: from, To: to, Kind: kind, Text: text}
}

// group and name split a KDE setting's Key, "Group/Sub/Key", at its last
// slash.
func (s setting) group() string {
	g, _, _ := cutLast(s.Key, "/")
	return g
}

func (s setting) name() string {
	_, n, _ := cutLast(s.Key, "/")
	return n
}

func cutLast(s, sep string) (before, after string, ok bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return "", s, false
}

// named is a setting and the catalogue key that names it to a person.
type named struct {
	setting
	text string
}

// A planner makes the plan of one check on one desktop from the settings
// as they are. The settings it may change are its fields of type setting
// (in structs and lists too), and its plan names no other: so they are
// also what Undo accepts for its check, read from the planners themselves.
type planner interface {
	plan(ctx context.Context, sys host.System) (Plan, error)
}

// onWindows stands for Windows among the desktops.
const onWindows desktop.Family = "Windows"

// planners are every fix Mamori makes, by check and desktop.
var planners = map[string]map[desktop.Family]planner{
	"screen-lock": {
		desktop.GNOME:    newGSLock(desktop.GNOME, "org.gnome.desktop.screensaver", "org.gnome.desktop.session", Seconds, lockSeconds),
		desktop.Cinnamon: newGSLock(desktop.Cinnamon, "org.cinnamon.desktop.screensaver", "org.cinnamon.desktop.session", Seconds, lockSeconds),
		// MATE also needs its screensaver to start on idle at all.
		desktop.MATE: newGSLock(desktop.MATE, "org.mate.screensaver", "org.mate.session", Minutes, lockMinutes, "idle-activation-enabled"),
		desktop.XFCE: xfceLock,
		desktop.KDE:  kdeLock,
		onWindows:    windowsLock,
	},
	"idle-power": {
		desktop.GNOME:    gnomePower,
		desktop.Cinnamon: newTimeoutPower(desktop.Cinnamon, "org.cinnamon.settings-daemon.plugins.power", "sleep-inactive-ac-timeout", "sleep-inactive-battery-timeout", "lock-on-suspend"),
		desktop.MATE:     newTimeoutPower(desktop.MATE, "org.mate.power-manager", "sleep-computer-ac", "sleep-computer-battery", "lock-suspend"),
		desktop.XFCE:     xfcePower,
		desktop.KDE:      kdePower,
	},
}

// plannerFor is the planner of check on the running desktop.
func plannerFor(sys host.System, check string) (planner, bool) {
	fam := desktop.Unknown
	switch {
	case sys.Registry != nil:
		fam = onWindows
	case sys.Getenv != nil:
		fam, _ = desktop.Detect(sys.Getenv)
	}
	p, ok := planners[check][fam]
	return p, ok
}

// settingsOf are the settings the fixes of check may change, on any
// desktop.
func settingsOf(check string) map[setting]bool {
	out := map[setting]bool{}
	for _, p := range planners[check] {
		collect(reflect.ValueOf(p), out)
	}
	return out
}

// collect adds the settings in v, found by their type.
func collect(v reflect.Value, out map[setting]bool) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if !v.IsNil() {
			collect(v.Elem(), out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collect(v.Index(i), out)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[setting]() {
			s := setting{Tool: Tool(v.Field(0).String()), Schema: v.Field(1).String(), Key: v.Field(2).String()}
			if s.Key != "" {
				out[s] = true
			}
			return
		}
		for i := range v.NumField() {
			collect(v.Field(i), out)
		}
	}
}
