// Package portaltest plays the part of xdg-desktop-portal's Settings
// interface on a (private) bus: the desktop's light or dark preference, as
// GNOME, KDE and others publish it (org.freedesktop.appearance
// color-scheme: 0 no preference, 1 dark, 2 light), and its change signal.
package portaltest

import (
	"sync"

	"github.com/godbus/dbus/v5"
)

const (
	name       = "org.freedesktop.portal.Desktop"
	path       = dbus.ObjectPath("/org/freedesktop/portal/desktop")
	iface      = "org.freedesktop.portal.Settings"
	appearance = "org.freedesktop.appearance"
)

// The color-scheme values.
const (
	NoPreference uint32 = 0
	Dark         uint32 = 1
	Light        uint32 = 2
)

// Portal is a running fake Settings portal.
type Portal struct {
	conn *dbus.Conn

	mu     sync.Mutex
	scheme uint32
}

// Start exports the portal on conn, owning the portal's name, with scheme
// as the desktop's preference.
func Start(conn *dbus.Conn, scheme uint32) (*Portal, error) {
	p := &Portal{conn: conn, scheme: scheme}
	if err := conn.ExportMethodTable(map[string]any{
		"ReadOne": p.readOne,
		"Read":    p.read,
	}, path, iface); err != nil {
		return nil, err
	}
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil {
		return nil, err
	}
	if reply != dbus.RequestNameReplyPrimaryOwner {
		return nil, dbus.ErrMsgNoObject
	}
	return p, nil
}

func (p *Portal) value(namespace, key string) (dbus.Variant, *dbus.Error) {
	if namespace != appearance || key != "color-scheme" {
		return dbus.Variant{}, dbus.NewError("org.freedesktop.portal.Error.NotFound", []any{"Requested setting not found"})
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return dbus.MakeVariant(p.scheme), nil
}

// readOne is Settings.ReadOne (version 2): the value itself.
func (p *Portal) readOne(namespace, key string) (dbus.Variant, *dbus.Error) {
	return p.value(namespace, key)
}

// read is the deprecated Settings.Read: the value wrapped once more.
func (p *Portal) read(namespace, key string) (dbus.Variant, *dbus.Error) {
	v, err := p.value(namespace, key)
	if err != nil {
		return v, err
	}
	return dbus.MakeVariant(v), nil
}

// Set changes the preference and announces it, as the portal does when the
// person flips the desktop's dark style switch.
func (p *Portal) Set(scheme uint32) error {
	p.mu.Lock()
	p.scheme = scheme
	p.mu.Unlock()
	return p.conn.Emit(path, iface+".SettingChanged", appearance, "color-scheme", dbus.MakeVariant(scheme))
}
