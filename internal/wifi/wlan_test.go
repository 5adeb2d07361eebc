package wifi

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// connectionAttributes lays out WLAN_CONNECTION_ATTRIBUTES as
// WlanQueryInterface returns it. The offsets are wlanapi.h's: checked
// against mingw-w64's header with offsetof (604 bytes; SSID length at 520,
// SSID at 524, BSSID at 560, security enabled at 588, authentication at
// 596, cipher at 600).
func connectionAttributes(state uint32, profile string, ssid []byte, bssid [6]byte, secure bool, auth, cipher uint32) []byte {
	b := make([]byte, connectionAttributesSize)
	le := binary.LittleEndian
	le.PutUint32(b[caState:], state)
	le.PutUint32(b[4:], 0) // wlan_connection_mode_profile
	for i, c := range utf16.Encode([]rune(profile)) {
		le.PutUint16(b[caProfile+2*i:], c)
	}
	le.PutUint32(b[caSSIDLength:], uint32(len(ssid)))
	copy(b[caSSID:], ssid)
	le.PutUint32(b[556:], 1) // dot11_BSS_type_infrastructure
	copy(b[caBSSID:], bssid[:])
	le.PutUint32(b[568:], 7)   // dot11_phy_type_ht
	le.PutUint32(b[576:], 80)  // signal quality
	le.PutUint32(b[580:], 144) // rates
	le.PutUint32(b[584:], 144)
	if secure {
		le.PutUint32(b[caSecEnabled:], 1)
	}
	le.PutUint32(b[caAuthAlgo:], auth)
	le.PutUint32(b[caCipherAlgo:], cipher)
	return b
}

func TestDecodeConnection(t *testing.T) {
	bssid := [6]byte{0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e}
	for _, tt := range []struct {
		name         string
		auth, cipher uint32
		secure       bool
		want         Security
	}{
		{"open", authOpen, cipherNone, false, Open},
		{"open WEP", authOpen, cipherWEP104, true, WEP},
		{"shared-key WEP", authSharedKey, cipherWEP40, true, WEP},
		{"WPA-PSK TKIP", authWPAPSK, cipherTKIP, true, WPATKIP},
		{"WPA2-Personal AES", authRSNAPSK, 0x04, true, WPA2Personal},
		{"WPA2-Personal TKIP", authRSNAPSK, cipherTKIP, true, WPATKIP},
		{"WPA2-Enterprise", authRSNA, 0x04, true, Enterprise},
		{"WPA3-Personal", authWPA3SAE, 0x04, true, WPA3Personal},
		{"WPA3-Enterprise", authWPA3Ent2, 0x08, true, Enterprise},
		{"OWE", authOWE, 0x04, true, OWE},
		{"an algorithm from the future", 0x80000001, 0x04, true, SecurityUnknown},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := connectionAttributes(stateConnectd, "Home", []byte("カフェ\x00\xff"), bssid, tt.secure, tt.auth, tt.cipher)
			c, err := decodeConnection(b, "Intel(R) Wi-Fi 6 AX201 160MHz")
			if err != nil {
				t.Fatal(err)
			}
			if c.Security != tt.want || string(c.SSID) != "カフェ\x00\xff" || c.BSSID != "00:1a:2b:3c:4d:5e" || c.Source != "WLAN API" || c.Interface != "Intel(R) Wi-Fi 6 AX201 160MHz" {
				t.Errorf("decoded %+v, want security %s", c, tt.want)
			}
		})
	}
	if _, err := decodeConnection(connectionAttributes(2, "", nil, bssid, false, authOpen, 0), ""); !errors.Is(err, ErrNotConnected) {
		t.Errorf("an interface that is associating: %v, want ErrNotConnected", err)
	}
	long := connectionAttributes(stateConnectd, "", nil, bssid, false, authOpen, 0)
	binary.LittleEndian.PutUint32(long[caSSIDLength:], 33)
	if _, err := decodeConnection(long, ""); err == nil {
		t.Error("an SSID longer than 32 bytes was read")
	}
	if _, err := decodeConnection(make([]byte, 100), ""); err == nil {
		t.Error("a short buffer was read")
	}
	if got := utf16Field(connectionAttributes(stateConnectd, "自宅の Wi-Fi", nil, bssid, false, 1, 0)[caProfile : caProfile+512]); got != "自宅の Wi-Fi" {
		t.Errorf("profile name %q", got)
	}
}

// Profiles as `netsh wlan export profile` and WlanGetProfile give them.
func TestDecodeProfile(t *testing.T) {
	profile := func(name, hex, mode, auth, enc string) string {
		return `<?xml version="1.0"?>
<WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1">
	<name>` + name + `</name>
	<SSIDConfig>
		<SSID>
			<hex>` + hex + `</hex>
			<name>` + name + `</name>
		</SSID>
	</SSIDConfig>
	<connectionType>ESS</connectionType>
	<connectionMode>` + mode + `</connectionMode>
	<MSM>
		<security>
			<authEncryption>
				<authentication>` + auth + `</authentication>
				<encryption>` + enc + `</encryption>
				<useOneX>false</useOneX>
			</authEncryption>
		</security>
	</MSM>
</WLANProfile>`
	}
	for _, tt := range []struct {
		doc  string
		want SavedNetwork
	}{
		{profile("Starbucks_WiFi", "537461726275636B735F57694669", "auto", "open", "none"), SavedNetwork{Name: "Starbucks_WiFi", SSID: []byte("Starbucks_WiFi"), Security: Open, AutoConnect: true}},
		{profile("Home", "486F6D65", "manual", "WPA2PSK", "AES"), SavedNetwork{Name: "Home", SSID: []byte("Home"), Security: WPA2Personal}},
		{profile("Old", "4F6C64", "auto", "WPAPSK", "TKIP"), SavedNetwork{Name: "Old", SSID: []byte("Old"), Security: WPATKIP, AutoConnect: true}},
		{profile("New", "4E6577", "auto", "WPA3SAE", "AES"), SavedNetwork{Name: "New", SSID: []byte("New"), Security: WPA3Personal, AutoConnect: true}},
		{profile("Work", "576F726B", "auto", "WPA2", "AES"), SavedNetwork{Name: "Work", SSID: []byte("Work"), Security: Enterprise, AutoConnect: true}},
		{profile("Cafe", "43616665", "auto", "OWE", "AES"), SavedNetwork{Name: "Cafe", SSID: []byte("Cafe"), Security: OWE, AutoConnect: true}},
		{profile("Lab", "4C6162", "auto", "shared", "WEP"), SavedNetwork{Name: "Lab", SSID: []byte("Lab"), Security: WEP, AutoConnect: true}},
		// The hex form wins: it carries bytes the name cannot.
		{profile("x", "E38395E383AAE383BCFF", "auto", "open", "none"), SavedNetwork{Name: "x", SSID: []byte("フリー\xff"), Security: Open, AutoConnect: true}},
	} {
		got, err := decodeProfile(tt.doc)
		if err != nil || got.Name != tt.want.Name || string(got.SSID) != string(tt.want.SSID) || got.Security != tt.want.Security || got.AutoConnect != tt.want.AutoConnect {
			t.Errorf("decodeProfile(%s) = %+v, %v; want %+v", tt.want.Name, got, err, tt.want)
		}
	}
	for _, bad := range []string{"<WLANProfile><name>", profile("x", "zz", "auto", "open", "none"), profile("x", strings.Repeat("41", 33), "auto", "open", "none"), strings.Repeat(" ", maxProfileXML+1)} {
		if _, err := decodeProfile(bad); err == nil {
			t.Errorf("decodeProfile accepted %.40q", bad)
		}
	}
}

// A profile's XML is what an administrator, an installer or a malicious
// program may have put there: decodeProfile returns or errs, never panics,
// and keeps SSIDs within 32 bytes.
func FuzzDecodeProfile(f *testing.F) {
	f.Add(`<WLANProfile><name>a</name><SSIDConfig><SSID><hex>41</hex></SSID></SSIDConfig><MSM><security><authEncryption><authentication>open</authentication><encryption>none</encryption></authEncryption></security></MSM></WLANProfile>`)
	f.Add(`<WLANProfile><SSIDConfig><SSID><name>` + strings.Repeat("x", 40) + `</name></SSID></SSIDConfig></WLANProfile>`)
	f.Fuzz(func(t *testing.T, doc string) {
		if n, err := decodeProfile(doc); err == nil && len(n.SSID) > 32 {
			t.Errorf("an SSID of %d bytes", len(n.SSID))
		}
	})
}

// The connection attributes come from the system, but an SSID in them is
// whatever an access point broadcast.
func FuzzDecodeConnection(f *testing.F) {
	f.Add(connectionAttributes(stateConnectd, "p", []byte("ssid"), [6]byte{1, 2, 3, 4, 5, 6}, true, authRSNAPSK, 4))
	f.Add([]byte{1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		if c, err := decodeConnection(b, ""); err == nil && len(c.SSID) > 32 {
			t.Errorf("an SSID of %d bytes", len(c.SSID))
		}
	})
}

// TestQueryConnectionLocationDenied plays the answers Windows 11 (24H2 and
// later) gives a desktop app that may not use the location:
// WlanQueryInterface fails with ERROR_ACCESS_DENIED, or succeeds with the
// connection's name (and access point) blanked. Neither is a network to
// judge: the decoder says the name was withheld, and returns no connection.
func TestQueryConnectionLocationDenied(t *testing.T) {
	var none [6]byte
	bssid := [6]byte{0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e}
	for _, tt := range []struct {
		name string
		code uint32
		b    []byte
	}{
		{"ERROR_ACCESS_DENIED", 5, nil},
		{"connected, the name and access point blanked", 0, connectionAttributes(stateConnectd, "", nil, none, true, authRSNAPSK, 0x04)},
		{"connected, the name blanked", 0, connectionAttributes(stateConnectd, "Home", nil, bssid, false, authOpen, cipherNone)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := queryConnection(tt.code, tt.b, "Wi-Fi")
			if !errors.Is(err, ErrLocationDenied) {
				t.Errorf("got %+v, %v; want ErrLocationDenied", c, err)
			}
			if c.SSID != nil || c.Security != "" || c.BSSID != "" {
				t.Errorf("a refusal returned a connection to judge: %+v", c)
			}
		})
	}
	// Other failures stay what they are.
	if _, err := queryConnection(87, nil, ""); err == nil || errors.Is(err, ErrLocationDenied) {
		t.Errorf("ERROR_INVALID_PARAMETER: %v", err)
	}
	if _, err := queryConnection(0, connectionAttributes(stateConnectd, "Home", []byte("Home"), bssid, true, authRSNAPSK, 0x04), ""); err != nil {
		t.Errorf("a named connection: %v", err)
	}
}
