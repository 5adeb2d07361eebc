package fix

import (
	"context"
	"reflect"
	"strings"

	"github.com/mamori-project/mamori/internal/desktop"
	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// Setting is one setting a fix may change: the tool, and the names it
// takes (a GSettings schema and key, an xfconf channel and property, a KDE
// file and "Group/Key", a value of HKCU\Control Panel\Desktop).
type Setting struct {
	Tool        Tool
	Schema, Key string
}

// Change is a Change of s.
func (s Setting) Change(from, to string, kind Kind, text string) Change {
	return Change{Tool: s.Tool, Schema: s.Schema, Key: s.Key, From: from, To: to, Kind: kind, Text: text}
}

// Group and Name split a KDE setting's Key, "Group/Sub/Key", at its last
// slash.
func (s Setting) Group() string {
	g, _, _ := cutLast(s.Key, "/")
	return g
}

// Name is the last part of a KDE setting's Key.
func (s Setting) Name() string {
	_, n, _ := cutLast(s.Key, "/")
	return n
}

func cutLast(s, sep string) (before, after string, ok bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return "", s, false
}

// A Planner makes the plan of one check on one desktop from the settings
// as they are. The settings it may change are its fields of type Setting
// (in structs and lists too), and its plan names no other: so they are
// also what Undo accepts for its check, read from the planners themselves.
// For files the plan under the check's ID; the planner leaves Check empty.
type Planner interface {
	Plan(ctx context.Context, sys host.System) (Plan, error)
}

// Offerer is a Planner that can tell from a result alone, reading
// nothing, that it will have no plan for it (Xfce's screensaver fix on a
// session light-locker locks): a notification then offers no *Fix it*
// that would lead nowhere.
type Offerer interface {
	Offers(r monitor.Result) bool
}

// Windows stands for Windows among the desktops.
const Windows desktop.Family = "Windows"

// ByDesktop is one check's fix: its planner on each desktop it can fix.
type ByDesktop map[desktop.Family]Planner

// Fixes are the fixes Mamori makes, by check ID. Each check declares its
// own; whatever offers, plans or undoes a fix is handed them, and knows no
// check by name.
type Fixes map[string]ByDesktop

// planner is the planner of check on the running desktop.
func (f Fixes) planner(sys host.System, check string) (Planner, bool) {
	fam := desktop.Unknown
	switch {
	case sys.Registry != nil:
		fam = Windows
	case sys.Getenv != nil:
		fam, _ = desktop.Detect(sys.Getenv)
	}
	p, ok := f[check][fam]
	return p, ok
}

// settingsOf are the settings the fixes of check may change, on any
// desktop.
func (f Fixes) settingsOf(check string) map[Setting]bool {
	out := map[Setting]bool{}
	for _, p := range f[check] {
		collect(reflect.ValueOf(p), out)
	}
	return out
}

// collect adds the settings in v, found by their type.
func collect(v reflect.Value, out map[Setting]bool) {
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
		if v.Type() == reflect.TypeFor[Setting]() {
			s := Setting{Tool: Tool(v.Field(0).String()), Schema: v.Field(1).String(), Key: v.Field(2).String()}
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
