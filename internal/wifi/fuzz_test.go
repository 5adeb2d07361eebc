package wifi

import (
	"os"
	"testing"
	"unicode/utf8"

	"github.com/godbus/dbus/v5"
	"github.com/mdlayher/genetlink"
)

func FuzzParseElements(f *testing.F) {
	f.Add([]byte{0, 4, 'H', 'o', 'm', 'e', 48, 20, 1, 0, 0, 15, 172, 4, 1, 0, 0, 15, 172, 4, 1, 0, 0, 15, 172, 2, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		el, err := parseElements(b)
		if err != nil {
			return
		}
		_ = el
	})
}

func FuzzParseRSN(f *testing.F) {
	f.Add([]byte{1, 0, 0, 15, 172, 4, 1, 0, 0, 15, 172, 4, 1, 0, 0, 15, 172, 2, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		if r, err := parseRSN(b, 0); err == nil {
			rsnFlags(r)
		}
	})
}

// FuzzDecodeNL80211 feeds attribute bytes to the scan decoder,
// as a kernel (or anything on the netlink socket) could send them.
func FuzzDecodeNL80211(f *testing.F) {
	f.Add([]byte{8, 0, 3, 0, 3, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		msgs := []genetlink.Message{{Data: data}}
		if bss, err := decodeScan(msgs); err == nil {
			for _, b := range bss {
				bssConnection("wlan0", b)
			}
		}
	})
}

func FuzzCatalogLookup(f *testing.F) {
	c, err := LoadCatalog()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"0000docomo", "Hotel-Guest", "freedom-5G", "フリーWi-Fi", "\xff\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, ssid []byte) {
		c.Lookup(ssid)
		if s := SSIDText(ssid); !utf8.ValidString(s) {
			t.Errorf("SSIDText(%q) = %q is not UTF-8", ssid, s)
		}
	})
}

// FuzzDecodeNetworkManager decodes access-point properties and saved
// profiles as NetworkManager (or anything owning its name on the system
// bus) could send them, values of the wrong type included.
func FuzzDecodeNetworkManager(f *testing.F) {
	f.Add([]byte("HomeNet"), uint32(0x188), uint32(0), uint32(1), uint32(5180), "AA:BB:CC:00:00:01", "wpa-psk", "802-11-wireless", true, false)
	f.Add([]byte{}, uint32(0), uint32(0), uint32(0), uint32(0), "", "", "ethernet", false, true)
	f.Fuzz(func(t *testing.T, ssid []byte, wpa, rsn, flags, freq uint32, hw, keyMgmt, typ string, auto, wrongTypes bool) {
		p := map[string]dbus.Variant{
			"Ssid": dbus.MakeVariant(ssid), "WpaFlags": dbus.MakeVariant(wpa), "RsnFlags": dbus.MakeVariant(rsn),
			"Flags": dbus.MakeVariant(flags), "Frequency": dbus.MakeVariant(freq), "HwAddress": dbus.MakeVariant(hw),
		}
		if wrongTypes {
			p["Ssid"], p["Flags"] = dbus.MakeVariant(string(ssid)), dbus.MakeVariant(hw)
		}
		if c, err := decodeAP(p); err == nil && len(c.SSID) > 32 {
			t.Errorf("accepted an SSID of %d bytes", len(c.SSID))
		}
		s := map[string]map[string]dbus.Variant{
			"connection":               {"type": dbus.MakeVariant(typ), "id": dbus.MakeVariant(hw), "autoconnect": dbus.MakeVariant(auto)},
			"802-11-wireless":          {"ssid": dbus.MakeVariant(ssid)},
			"802-11-wireless-security": {"key-mgmt": dbus.MakeVariant(keyMgmt)},
		}
		if wrongTypes {
			s["connection"]["autoconnect"] = dbus.MakeVariant(keyMgmt)
			delete(s, "802-11-wireless")
		}
		decodeSaved(s)
	})
}

// FuzzParseAirPort: system_profiler's answer, any bytes.
func FuzzParseAirPort(f *testing.F) {
	for _, name := range []string{"sonoma-wpa2.json", "sequoia-redacted.json", "open-2ghz.json"} {
		if data, err := os.ReadFile("testdata/darwin/" + name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ParseAirPort(data)
	})
}
