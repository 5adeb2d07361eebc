package wifi

import (
	"context"
	"errors"
	"fmt"

	"github.com/godbus/dbus/v5"
)

// NetworkManager's D-Bus names.
const (
	NMService       = "org.freedesktop.NetworkManager"
	NMPath          = dbus.ObjectPath("/org/freedesktop/NetworkManager")
	NMSettingsPath  = dbus.ObjectPath("/org/freedesktop/NetworkManager/Settings")
	NMIface         = "org.freedesktop.NetworkManager"
	NMDeviceIface   = NMIface + ".Device"
	NMWirelessIface = NMIface + ".Device.Wireless"
	NMAPIface       = NMIface + ".AccessPoint"
	NMSettingsIface = NMIface + ".Settings"
	NMConnIface     = NMIface + ".Settings.Connection"

	// NMDeviceTypeWifi is NM_DEVICE_TYPE_WIFI.
	NMDeviceTypeWifi = 2
	// NMDeviceStateActivated is NM_DEVICE_STATE_ACTIVATED.
	NMDeviceStateActivated = 100
)

// Why a source has no connection to report.
var (
	ErrNoService    = errors.New("NetworkManager is not running")
	ErrNoDevice     = errors.New("this computer has no Wi-Fi device")
	ErrNotConnected = errors.New("not connected to a Wi-Fi network")
	// ErrLocationDenied: Windows (11 from 24H2) tells a desktop app the
	// network's name only when the app may use the location, and this one
	// may not.
	ErrLocationDenied = errors.New("Windows gives the Wi-Fi network's name only to apps allowed to use the location, and desktop apps are not")
)

// NetworkManager reads Wi-Fi state from NetworkManager on the system bus.
type NetworkManager struct {
	Conn *dbus.Conn
}

// Running reports whether NetworkManager owns its name on the bus.
func (nm *NetworkManager) Running(ctx context.Context) bool {
	var has bool
	err := nm.Conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, NMService).Store(&has)
	return err == nil && has
}

func (nm *NetworkManager) getAll(ctx context.Context, path dbus.ObjectPath, iface string) (map[string]dbus.Variant, error) {
	var props map[string]dbus.Variant
	err := nm.Conn.Object(NMService, path).CallWithContext(ctx, "org.freedesktop.DBus.Properties.GetAll", 0, iface).Store(&props)
	if err != nil {
		return nil, fmt.Errorf("reading %s of %s: %w", iface, path, err)
	}
	return props, nil
}

// Current returns the network the active Wi-Fi device is connected to.
func (nm *NetworkManager) Current(ctx context.Context) (Connection, error) {
	if !nm.Running(ctx) {
		return Connection{}, ErrNoService
	}
	var devices []dbus.ObjectPath
	if err := nm.Conn.Object(NMService, NMPath).CallWithContext(ctx, NMIface+".GetDevices", 0).Store(&devices); err != nil {
		return Connection{}, fmt.Errorf("listing NetworkManager devices: %w", err)
	}
	wifiDevices := 0
	for _, dev := range devices {
		props, err := nm.getAll(ctx, dev, NMDeviceIface)
		if err != nil {
			return Connection{}, err
		}
		typ, _ := props["DeviceType"].Value().(uint32)
		if typ != NMDeviceTypeWifi {
			continue
		}
		wifiDevices++
		state, _ := props["State"].Value().(uint32)
		if state != NMDeviceStateActivated {
			continue
		}
		iface, _ := props["Interface"].Value().(string)
		wl, err := nm.getAll(ctx, dev, NMWirelessIface)
		if err != nil {
			return Connection{}, err
		}
		ap, _ := wl["ActiveAccessPoint"].Value().(dbus.ObjectPath)
		if ap == "" || ap == "/" {
			continue
		}
		apProps, err := nm.getAll(ctx, ap, NMAPIface)
		if err != nil {
			return Connection{}, err
		}
		c, err := decodeAP(apProps)
		if err != nil {
			return Connection{}, fmt.Errorf("access point %s: %w", ap, err)
		}
		c.Interface = iface
		return c, nil
	}
	if wifiDevices == 0 {
		return Connection{}, ErrNoDevice
	}
	return Connection{}, ErrNotConnected
}

// decodeAP reads an org.freedesktop.NetworkManager.AccessPoint's properties.
func decodeAP(p map[string]dbus.Variant) (Connection, error) {
	ssid, ok := p["Ssid"].Value().([]byte)
	if !ok {
		return Connection{}, errors.New("Ssid is missing or not a byte array")
	}
	var f Flags
	for name, dst := range map[string]*uint32{"WpaFlags": &f.WPA, "RsnFlags": &f.RSN} {
		v, ok := p[name].Value().(uint32)
		if !ok {
			return Connection{}, fmt.Errorf("%s is missing or not a uint32", name)
		}
		*dst = v
	}
	flags, ok := p["Flags"].Value().(uint32)
	if !ok {
		return Connection{}, errors.New("Flags is missing or not a uint32")
	}
	f.Privacy = flags&APFlagPrivacy != 0
	freq, _ := p["Frequency"].Value().(uint32)
	bssid, _ := p["HwAddress"].Value().(string)
	if len(ssid) > 32 {
		return Connection{}, fmt.Errorf("SSID of %d bytes (the limit is 32)", len(ssid))
	}
	return Connection{SSID: ssid, BSSID: bssid, FrequencyMHz: freq, Flags: f, Security: Classify(f), Source: "NetworkManager"}, nil
}

// SavedNetwork is a Wi-Fi profile NetworkManager keeps.
type SavedNetwork struct {
	Name        string
	SSID        []byte
	Security    Security
	AutoConnect bool
}

// Saved lists the saved Wi-Fi profiles.
func (nm *NetworkManager) Saved(ctx context.Context) ([]SavedNetwork, error) {
	var paths []dbus.ObjectPath
	if err := nm.Conn.Object(NMService, NMSettingsPath).CallWithContext(ctx, NMSettingsIface+".ListConnections", 0).Store(&paths); err != nil {
		return nil, fmt.Errorf("listing saved connections: %w", err)
	}
	var out []SavedNetwork
	for _, p := range paths {
		var settings map[string]map[string]dbus.Variant
		if err := nm.Conn.Object(NMService, p).CallWithContext(ctx, NMConnIface+".GetSettings", 0).Store(&settings); err != nil {
			return nil, fmt.Errorf("reading saved connection %s: %w", p, err)
		}
		if s, ok := decodeSaved(settings); ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// decodeSaved reads a connection's settings; ok is false for profiles that
// are not Wi-Fi.
func decodeSaved(s map[string]map[string]dbus.Variant) (SavedNetwork, bool) {
	conn := s["connection"]
	if typ, _ := conn["type"].Value().(string); typ != "802-11-wireless" {
		return SavedNetwork{}, false
	}
	n := SavedNetwork{AutoConnect: true} // NetworkManager's default
	n.Name, _ = conn["id"].Value().(string)
	if v, ok := conn["autoconnect"].Value().(bool); ok {
		n.AutoConnect = v
	}
	n.SSID, _ = s["802-11-wireless"]["ssid"].Value().([]byte)
	sec, has := s["802-11-wireless-security"]
	if !has {
		n.Security = Open
		return n, true
	}
	km, _ := sec["key-mgmt"].Value().(string)
	switch km {
	case "none", "ieee8021x":
		n.Security = WEP
	case "owe":
		n.Security = OWE
	case "wpa-psk":
		n.Security = WPA2Personal
	case "sae":
		n.Security = WPA3Personal
	case "wpa-eap", "wpa-eap-suite-b-192":
		n.Security = Enterprise
	default:
		n.Security = SecurityUnknown
	}
	return n, true
}
