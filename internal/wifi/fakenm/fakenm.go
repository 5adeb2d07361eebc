//go:build linux

// Package fakenm is a NetworkManager stand-in for tests on machines without
// Wi-Fi hardware. It exports NetworkManager's real object paths, interfaces
// and properties on a (private) bus, including the ObjectManager libnm reads
// at start-up, so that NetworkManager's own client, nmcli, accepts it: the
// test of its faithfulness is `nmcli device wifi list` showing its networks
// with the right security.
package fakenm

import (
	"fmt"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
	"golang.org/x/sys/unix"

	"github.com/mamori-project/mamori/internal/wifi"
)

// Version is the NetworkManager version the fake claims: Debian 12's, so
// that its nmcli does not warn about a mismatch.
const Version = "1.42.4"

// AP is an access point to show.
type AP struct {
	SSID      []byte
	BSSID     string
	Frequency uint32
	// Flags, WpaFlags and RsnFlags are NetworkManager's (NM80211ApFlags,
	// NM80211ApSecurityFlags); see the constants in package wifi.
	Flags, WpaFlags, RsnFlags uint32
	Strength                  uint8
}

// Saved is a saved connection profile.
type Saved struct {
	ID   string
	SSID []byte
	// KeyMgmt is 802-11-wireless-security.key-mgmt; "" for an open network
	// (no security section).
	KeyMgmt     string
	AutoConnect bool
}

const (
	objectManagerPath = dbus.ObjectPath("/org/freedesktop")
	devicePath        = dbus.ObjectPath("/org/freedesktop/NetworkManager/Devices/1")
)

// NM is a running fake.
type NM struct {
	conn *dbus.Conn

	mu       sync.Mutex
	objects  map[dbus.ObjectPath]*prop.Properties
	ifaces   map[dbus.ObjectPath][]string
	aps      []dbus.ObjectPath
	saved    []dbus.ObjectPath
	settings map[dbus.ObjectPath]map[string]map[string]dbus.Variant
	nextAP   int
}

// Start exports the fake on conn, with one Wi-Fi device named iface, and
// takes NetworkManager's bus name.
func Start(conn *dbus.Conn, iface string) (*NM, error) {
	f := &NM{conn: conn, objects: map[dbus.ObjectPath]*prop.Properties{}, ifaces: map[dbus.ObjectPath][]string{},
		settings: map[dbus.ObjectPath]map[string]map[string]dbus.Variant{}}

	ro := func(v any) *prop.Prop { return &prop.Prop{Value: v, Emit: prop.EmitTrue} }
	nmProps := map[string]*prop.Prop{
		"Devices": ro([]dbus.ObjectPath{devicePath}), "AllDevices": ro([]dbus.ObjectPath{devicePath}),
		"Checkpoints": ro([]dbus.ObjectPath{}), "NetworkingEnabled": ro(true), "WirelessEnabled": ro(true),
		"WirelessHardwareEnabled": ro(true), "WwanEnabled": ro(false), "WwanHardwareEnabled": ro(false),
		"WimaxEnabled": ro(false), "WimaxHardwareEnabled": ro(false), "RadioFlags": ro(uint32(1)),
		"ActiveConnections": ro([]dbus.ObjectPath{}), "PrimaryConnection": ro(dbus.ObjectPath("/")),
		"PrimaryConnectionType": ro(""), "Metered": ro(uint32(0)), "ActivatingConnection": ro(dbus.ObjectPath("/")),
		"Startup": ro(false), "Version": ro(Version), "VersionInfo": ro([]uint32{0x012a04, 0}), "Capabilities": ro([]uint32{}),
		"State": ro(uint32(20)), "Connectivity": ro(uint32(1)), "ConnectivityCheckAvailable": ro(false),
		"ConnectivityCheckEnabled": ro(false), "ConnectivityCheckUri": ro(""),
		"GlobalDnsConfiguration": ro(map[string]dbus.Variant{}),
	}
	deviceProps := map[string]*prop.Prop{
		"Udi": ro("/sys/devices/virtual/net/" + iface), "Path": ro(""), "Interface": ro(iface), "IpInterface": ro(iface),
		"Driver": ro("iwlwifi"), "DriverVersion": ro(""), "FirmwareVersion": ro(""), "Capabilities": ro(uint32(1)),
		"Ip4Address": ro(uint32(0)), "State": ro(uint32(30)), "StateReason": ro([]any{uint32(30), uint32(0)}),
		"ActiveConnection": ro(dbus.ObjectPath("/")), "Ip4Config": ro(dbus.ObjectPath("/")), "Dhcp4Config": ro(dbus.ObjectPath("/")),
		"Ip6Config": ro(dbus.ObjectPath("/")), "Dhcp6Config": ro(dbus.ObjectPath("/")), "Managed": ro(true),
		"Autoconnect": ro(true), "FirmwareMissing": ro(false), "NmPluginMissing": ro(false), "DeviceType": ro(uint32(wifi.NMDeviceTypeWifi)),
		"AvailableConnections": ro([]dbus.ObjectPath{}), "PhysicalPortId": ro(""), "Mtu": ro(uint32(1500)),
		"Metered": ro(uint32(0)), "LldpNeighbors": ro([]map[string]dbus.Variant{}), "Real": ro(true),
		"Ip4Connectivity": ro(uint32(1)), "Ip6Connectivity": ro(uint32(1)), "InterfaceFlags": ro(uint32(0x10003)),
		"HwAddress": ro("02:00:00:00:00:01"), "Ports": ro([]dbus.ObjectPath{}),
	}
	wirelessProps := map[string]*prop.Prop{
		"HwAddress": ro("02:00:00:00:00:01"), "PermHwAddress": ro("02:00:00:00:00:01"), "Mode": ro(uint32(2)),
		"Bitrate": ro(uint32(0)), "AccessPoints": ro([]dbus.ObjectPath{}), "ActiveAccessPoint": ro(dbus.ObjectPath("/")),
		"WirelessCapabilities": ro(uint32(0x7ff)), "LastScan": ro(bootMillis()),
	}
	settingsProps := map[string]*prop.Prop{
		"Connections": ro([]dbus.ObjectPath{}), "Hostname": ro("fake"), "CanModify": ro(false), "VersionId": ro(uint64(1)),
	}

	if err := f.export(wifi.NMPath, prop.Map{wifi.NMIface: nmProps}, map[string]any{wifi.NMIface: &manager{f}}); err != nil {
		return nil, err
	}
	if err := f.export(devicePath, prop.Map{wifi.NMDeviceIface: deviceProps, wifi.NMWirelessIface: wirelessProps},
		map[string]any{wifi.NMWirelessIface: &wireless{f}, wifi.NMDeviceIface: &device{}}); err != nil {
		return nil, err
	}
	if err := f.export(wifi.NMSettingsPath, prop.Map{wifi.NMSettingsIface: settingsProps}, map[string]any{wifi.NMSettingsIface: &settings{f}}); err != nil {
		return nil, err
	}
	if err := conn.Export(&objectManager{f}, objectManagerPath, "org.freedesktop.DBus.ObjectManager"); err != nil {
		return nil, err
	}
	reply, err := conn.RequestName(wifi.NMService, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		return nil, fmt.Errorf("taking %s: reply %v, %v", wifi.NMService, reply, err)
	}
	return f, nil
}

// bootMillis is CLOCK_BOOTTIME in milliseconds, the clock of LastScan and
// LastSeen: a fresh LastScan keeps nmcli from asking for a rescan.
func bootMillis() int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return 0
	}
	return ts.Nano() / int64(time.Millisecond)
}

func (f *NM) export(path dbus.ObjectPath, props prop.Map, methods map[string]any) error {
	p, err := prop.Export(f.conn, path, props)
	if err != nil {
		return fmt.Errorf("exporting %s: %w", path, err)
	}
	for iface, m := range methods {
		if err := f.conn.Export(m, path, iface); err != nil {
			return fmt.Errorf("exporting %s on %s: %w", iface, path, err)
		}
	}
	f.mu.Lock()
	f.objects[path] = p
	for iface := range props {
		f.ifaces[path] = append(f.ifaces[path], iface)
	}
	f.mu.Unlock()
	return nil
}

// managed returns one object's interfaces and properties, as
// GetManagedObjects and InterfacesAdded carry them.
func (f *NM) managed(path dbus.ObjectPath) map[string]map[string]dbus.Variant {
	out := map[string]map[string]dbus.Variant{}
	for _, iface := range f.ifaces[path] {
		all, _ := f.objects[path].GetAll(iface)
		out[iface] = all
	}
	return out
}

// AddAP makes an access point visible to the device and returns its path.
func (f *NM) AddAP(ap AP) (dbus.ObjectPath, error) {
	f.mu.Lock()
	f.nextAP++
	path := dbus.ObjectPath(fmt.Sprintf("/org/freedesktop/NetworkManager/AccessPoint/%d", f.nextAP))
	f.mu.Unlock()
	ro := func(v any) *prop.Prop { return &prop.Prop{Value: v, Emit: prop.EmitTrue} }
	ssid := ap.SSID
	if ssid == nil {
		ssid = []byte{}
	}
	strength := ap.Strength
	if strength == 0 {
		strength = 70
	}
	props := prop.Map{wifi.NMAPIface: {
		"Flags": ro(ap.Flags), "WpaFlags": ro(ap.WpaFlags), "RsnFlags": ro(ap.RsnFlags), "Ssid": ro(ssid),
		"Frequency": ro(ap.Frequency), "HwAddress": ro(ap.BSSID), "Mode": ro(uint32(2)), "MaxBitrate": ro(uint32(540000)),
		"Bandwidth": ro(uint32(20)), "Strength": ro(strength), "LastSeen": ro(int32(bootMillis() / 1000)),
	}}
	if err := f.export(path, props, nil); err != nil {
		return "", err
	}
	f.mu.Lock()
	f.aps = append(f.aps, path)
	aps := append([]dbus.ObjectPath(nil), f.aps...)
	added := f.managed(path)
	f.mu.Unlock()
	if err := f.conn.Emit(objectManagerPath, "org.freedesktop.DBus.ObjectManager.InterfacesAdded", path, added); err != nil {
		return "", err
	}
	f.objects[devicePath].SetMust(wifi.NMWirelessIface, "AccessPoints", aps)
	if err := f.conn.Emit(devicePath, wifi.NMWirelessIface+".AccessPointAdded", path); err != nil {
		return "", err
	}
	return path, nil
}

// Connect makes ap the active access point, as NetworkManager does when the
// device finishes activating.
func (f *NM) Connect(ap dbus.ObjectPath) {
	f.objects[devicePath].SetMust(wifi.NMWirelessIface, "ActiveAccessPoint", ap)
	f.objects[devicePath].SetMust(wifi.NMDeviceIface, "State", uint32(wifi.NMDeviceStateActivated))
	f.objects[wifi.NMPath].SetMust(wifi.NMIface, "State", uint32(70))
}

// Disconnect leaves the network.
func (f *NM) Disconnect() {
	f.objects[devicePath].SetMust(wifi.NMDeviceIface, "State", uint32(30))
	f.objects[devicePath].SetMust(wifi.NMWirelessIface, "ActiveAccessPoint", dbus.ObjectPath("/"))
	f.objects[wifi.NMPath].SetMust(wifi.NMIface, "State", uint32(20))
}

// SetStrength changes an access point's signal strength, which
// NetworkManager reports every few seconds.
func (f *NM) SetStrength(ap dbus.ObjectPath, s uint8) {
	f.objects[ap].SetMust(wifi.NMAPIface, "Strength", s)
}

// AddSaved stores a connection profile.
func (f *NM) AddSaved(s Saved) error {
	f.mu.Lock()
	path := dbus.ObjectPath(fmt.Sprintf("/org/freedesktop/NetworkManager/Settings/%d", len(f.saved)+1))
	st := map[string]map[string]dbus.Variant{
		"connection": {
			"id": dbus.MakeVariant(s.ID), "type": dbus.MakeVariant("802-11-wireless"),
			"uuid": dbus.MakeVariant(fmt.Sprintf("00000000-0000-4000-8000-%012d", len(f.saved)+1)),
		},
		"802-11-wireless": {"ssid": dbus.MakeVariant(s.SSID), "mode": dbus.MakeVariant("infrastructure")},
	}
	if !s.AutoConnect {
		st["connection"]["autoconnect"] = dbus.MakeVariant(false)
	}
	if s.KeyMgmt != "" {
		st["802-11-wireless-security"] = map[string]dbus.Variant{"key-mgmt": dbus.MakeVariant(s.KeyMgmt)}
	}
	f.settings[path] = st
	f.saved = append(f.saved, path)
	saved := append([]dbus.ObjectPath(nil), f.saved...)
	f.mu.Unlock()
	connProps := prop.Map{wifi.NMConnIface: {
		"Unsaved": {Value: false, Emit: prop.EmitTrue}, "Flags": {Value: uint32(0), Emit: prop.EmitTrue},
		"Filename": {Value: "/etc/NetworkManager/system-connections/" + s.ID + ".nmconnection", Emit: prop.EmitTrue},
	}}
	if err := f.export(path, connProps, map[string]any{wifi.NMConnIface: &connection{f, path}}); err != nil {
		return err
	}
	f.objects[wifi.NMSettingsPath].SetMust(wifi.NMSettingsIface, "Connections", saved)
	return f.conn.Emit(wifi.NMSettingsPath, wifi.NMSettingsIface+".NewConnection", path)
}

type objectManager struct{ f *NM }

func (o *objectManager) GetManagedObjects() (map[dbus.ObjectPath]map[string]map[string]dbus.Variant, *dbus.Error) {
	o.f.mu.Lock()
	defer o.f.mu.Unlock()
	out := map[dbus.ObjectPath]map[string]map[string]dbus.Variant{}
	for path := range o.f.objects {
		out[path] = o.f.managed(path)
	}
	return out, nil
}

type manager struct{ f *NM }

func (m *manager) GetDevices() ([]dbus.ObjectPath, *dbus.Error) {
	return []dbus.ObjectPath{devicePath}, nil
}

func (m *manager) GetAllDevices() ([]dbus.ObjectPath, *dbus.Error) {
	return []dbus.ObjectPath{devicePath}, nil
}

func (m *manager) GetPermissions() (map[string]string, *dbus.Error) {
	return map[string]string{}, nil
}

func (m *manager) GetLogging() (string, string, *dbus.Error) { return "INFO", "", nil }

type device struct{}

type wireless struct{ f *NM }

func (w *wireless) GetAccessPoints() ([]dbus.ObjectPath, *dbus.Error) {
	w.f.mu.Lock()
	defer w.f.mu.Unlock()
	return append([]dbus.ObjectPath{}, w.f.aps...), nil
}

func (w *wireless) GetAllAccessPoints() ([]dbus.ObjectPath, *dbus.Error) { return w.GetAccessPoints() }

func (w *wireless) RequestScan(map[string]dbus.Variant) *dbus.Error {
	w.f.objects[devicePath].SetMust(wifi.NMWirelessIface, "LastScan", bootMillis())
	return nil
}

type settings struct{ f *NM }

func (s *settings) ListConnections() ([]dbus.ObjectPath, *dbus.Error) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	return append([]dbus.ObjectPath{}, s.f.saved...), nil
}

type connection struct {
	f    *NM
	path dbus.ObjectPath
}

func (c *connection) GetSettings() (map[string]map[string]dbus.Variant, *dbus.Error) {
	c.f.mu.Lock()
	defer c.f.mu.Unlock()
	return c.f.settings[c.path], nil
}
