package watch

import (
	"context"
	"fmt"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-project/mamori/internal/bus"
)

// NetworkManager's D-Bus names, as far as its signals go (internal/wifi
// holds them too, to read the connection: a protocol's names, not logic).
const (
	nmService       = "org.freedesktop.NetworkManager"
	nmPath          = dbus.ObjectPath("/org/freedesktop/NetworkManager")
	nmIface         = "org.freedesktop.NetworkManager"
	nmDeviceIface   = nmIface + ".Device"
	nmWirelessIface = nmIface + ".Device.Wireless"
	nmAPIface       = nmIface + ".AccessPoint"
	nmSettingsIface = nmIface + ".Settings"
	nmConnIface     = nmIface + ".Settings.Connection"
)

// networkManager calls changed whenever NetworkManager reports something
// that can change the Wi-Fi verdict, until ctx is done. Signal-strength
// updates, which come every few seconds, are ignored.
func networkManager(ctx context.Context, conn *dbus.Conn, ready, changed func()) error {
	rules := [][]dbus.MatchOption{
		{dbus.WithMatchInterface("org.freedesktop.DBus.Properties"), dbus.WithMatchMember("PropertiesChanged"), dbus.WithMatchPathNamespace(nmPath)},
		{dbus.WithMatchInterface(nmSettingsIface), dbus.WithMatchPathNamespace(nmPath)},
		{dbus.WithMatchInterface(nmConnIface), dbus.WithMatchMember("Updated")},
		{dbus.WithMatchInterface(nmIface), dbus.WithMatchMember("StateChanged")},
		{dbus.WithMatchInterface("org.freedesktop.DBus"), dbus.WithMatchMember("NameOwnerChanged"), dbus.WithMatchArg(0, nmService)},
	}
	err := bus.Listen(ctx, conn, rules, ready, func(sig *dbus.Signal) {
		if relevantNMSignal(sig) {
			changed()
		}
	})
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("watching NetworkManager: %w", err)
	}
	return err
}

// relevantNMSignal reports whether a NetworkManager signal can change the
// verdict.
func relevantNMSignal(sig *dbus.Signal) bool {
	switch sig.Name {
	case "org.freedesktop.DBus.NameOwnerChanged":
		return len(sig.Body) > 0 && sig.Body[0] == nmService
	case "org.freedesktop.DBus.Properties.PropertiesChanged":
	default:
		return len(sig.Path) >= len(nmPath) && string(sig.Path[:len(nmPath)]) == string(nmPath)
	}
	if len(sig.Body) < 2 {
		return false
	}
	iface, _ := sig.Body[0].(string)
	changed, _ := sig.Body[1].(map[string]dbus.Variant)
	var watched map[string]bool
	switch iface {
	case nmWirelessIface:
		watched = map[string]bool{"ActiveAccessPoint": true}
	case nmAPIface:
		watched = map[string]bool{"Ssid": true, "Flags": true, "WpaFlags": true, "RsnFlags": true}
	case nmDeviceIface:
		watched = map[string]bool{"State": true, "ActiveConnection": true}
	case nmIface:
		watched = map[string]bool{"State": true, "PrimaryConnection": true, "ActiveConnections": true, "WirelessEnabled": true, "Devices": true}
	case nmSettingsIface:
		watched = map[string]bool{"Connections": true}
	default:
		return false
	}
	for name := range changed {
		if watched[name] {
			return true
		}
	}
	// Some signals name the changed property without a value.
	if len(sig.Body) >= 3 {
		if inval, ok := sig.Body[2].([]string); ok {
			for _, name := range inval {
				if watched[name] {
					return true
				}
			}
		}
	}
	return false
}
