package wifi

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode/utf16"
)

// Windows' Native Wifi (WLAN API) answers in fixed C structures and, for
// saved profiles, XML. The decoders here read those bytes and that XML on
// any system, so they are tested on values in Windows' own formats; the
// calls are in wlan_windows.go.

// connectionAttributesSize is sizeof(WLAN_CONNECTION_ATTRIBUTES): no
// pointers, so the same on 32 and 64 bits.
const connectionAttributesSize = 604

// The offsets in WLAN_CONNECTION_ATTRIBUTES.
const (
	caState       = 0   // WLAN_INTERFACE_STATE
	caProfile     = 8   // WCHAR strProfileName[256]
	caSSIDLength  = 520 // DOT11_SSID.uSSIDLength
	caSSID        = 524 // DOT11_SSID.ucSSID[32]
	caBSSID       = 560 // DOT11_MAC_ADDRESS
	caSecEnabled  = 588 // WLAN_SECURITY_ATTRIBUTES.bSecurityEnabled
	caAuthAlgo    = 596 // DOT11_AUTH_ALGORITHM
	caCipherAlgo  = 600 // DOT11_CIPHER_ALGORITHM
	stateConnectd = 1   // wlan_interface_state_connected
)

// DOT11_AUTH_ALGORITHM values.
const (
	authOpen      = 1
	authSharedKey = 2
	authWPA       = 3
	authWPAPSK    = 4
	authWPANone   = 5
	authRSNA      = 6
	authRSNAPSK   = 7
	authWPA3Ent   = 8 // DOT11_AUTH_ALGO_WPA3 / WPA3_ENT_192
	authWPA3SAE   = 9
	authOWE       = 10
	authWPA3Ent2  = 11 // DOT11_AUTH_ALGO_WPA3_ENT
)

// DOT11_CIPHER_ALGORITHM values that matter here.
const (
	cipherNone   = 0x00
	cipherWEP40  = 0x01
	cipherTKIP   = 0x02
	cipherWEP104 = 0x05
	cipherWEP    = 0x101
)

// queryConnection is WlanQueryInterface's answer for
// wlan_intf_opcode_current_connection: its return code and, when that is
// 0, the attributes it wrote.
// Windows 11 (24H2 and later) withholds the network's name from a desktop
// app that may not use the location: the call fails with
// ERROR_ACCESS_DENIED, or it succeeds with the name blanked. A connected
// network always has a name here (a hidden one's comes from its profile),
// so a blank one is that refusal, and what else the answer holds is not
// judged.
func queryConnection(code uint32, b []byte, iface string) (Connection, error) {
	switch code {
	case 0:
	case errorAccessDenied:
		return Connection{}, fmt.Errorf("WlanQueryInterface: error %d (access denied): %w", code, ErrLocationDenied)
	default:
		return Connection{}, fmt.Errorf("WlanQueryInterface: error %d", code)
	}
	c, err := decodeConnection(b, iface)
	if err == nil && len(c.SSID) == 0 {
		return Connection{}, fmt.Errorf("WlanQueryInterface: connected, the name blank: %w", ErrLocationDenied)
	}
	return c, err
}

// errorAccessDenied is Windows' ERROR_ACCESS_DENIED.
const errorAccessDenied = 5

// decodeConnection reads WLAN_CONNECTION_ATTRIBUTES (what WlanQueryInterface
// returns for wlan_intf_opcode_current_connection). ErrNotConnected when
// the interface is not connected.
func decodeConnection(b []byte, iface string) (Connection, error) {
	if len(b) < connectionAttributesSize {
		return Connection{}, fmt.Errorf("WLAN connection attributes of %d bytes, want %d", len(b), connectionAttributesSize)
	}
	le := binary.LittleEndian
	if le.Uint32(b[caState:]) != stateConnectd {
		return Connection{}, ErrNotConnected
	}
	n := le.Uint32(b[caSSIDLength:])
	if n > 32 {
		return Connection{}, fmt.Errorf("SSID of %d bytes (the limit is 32)", n)
	}
	c := Connection{
		Interface: iface,
		SSID:      append([]byte(nil), b[caSSID:caSSID+n]...),
		BSSID:     fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", b[caBSSID], b[caBSSID+1], b[caBSSID+2], b[caBSSID+3], b[caBSSID+4], b[caBSSID+5]),
		Source:    "WLAN API",
	}
	secure := le.Uint32(b[caSecEnabled:]) != 0
	c.Security = classifyWindows(le.Uint32(b[caAuthAlgo:]), le.Uint32(b[caCipherAlgo:]), secure)
	return c, nil
}

// classifyWindows maps the authentication and cipher algorithms Windows
// reports onto the security classes.
func classifyWindows(auth, cipher uint32, secure bool) Security {
	weak := cipher == cipherTKIP
	switch auth {
	case authOpen:
		switch {
		case cipher == cipherWEP40 || cipher == cipherWEP104 || cipher == cipherWEP:
			return WEP
		case cipher == cipherNone && !secure:
			return Open
		case cipher == cipherNone:
			return SecurityUnknown // security on, but no cipher named
		}
		return SecurityUnknown
	case authSharedKey:
		return WEP
	case authOWE:
		return OWE
	case authWPA, authWPAPSK, authWPANone:
		return WPATKIP
	case authRSNA, authWPA3Ent, authWPA3Ent2:
		if weak {
			return WPATKIP
		}
		return Enterprise
	case authRSNAPSK:
		if weak {
			return WPATKIP
		}
		return WPA2Personal
	case authWPA3SAE:
		return WPA3Personal
	}
	return SecurityUnknown
}

// utf16Field reads a NUL-terminated WCHAR array.
func utf16Field(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := binary.LittleEndian.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

// wlanProfile is the part of a WLANProfile document (WlanGetProfile's XML)
// that says which network it joins, how, and whether by itself.
type wlanProfile struct {
	XMLName xml.Name `xml:"WLANProfile"`
	Name    string   `xml:"name"`
	SSID    struct {
		Hex  string `xml:"hex"`
		Name string `xml:"name"`
	} `xml:"SSIDConfig>SSID"`
	ConnectionType string `xml:"connectionType"`
	ConnectionMode string `xml:"connectionMode"`
	Auth           struct {
		Authentication string `xml:"authentication"`
		Encryption     string `xml:"encryption"`
	} `xml:"MSM>security>authEncryption"`
}

// maxProfileXML bounds a profile document: real ones are about 1 KB.
const maxProfileXML = 64 << 10

// decodeProfile reads a saved profile. Profiles for ad hoc (IBSS)
// networks are read like the others.
func decodeProfile(doc string) (SavedNetwork, error) {
	if len(doc) > maxProfileXML {
		return SavedNetwork{}, fmt.Errorf("a WLAN profile of %d bytes", len(doc))
	}
	var p wlanProfile
	if err := xml.Unmarshal([]byte(doc), &p); err != nil {
		return SavedNetwork{}, fmt.Errorf("reading a WLAN profile: %w", err)
	}
	n := SavedNetwork{Name: p.Name, AutoConnect: !strings.EqualFold(strings.TrimSpace(p.ConnectionMode), "manual")}
	if h := strings.TrimSpace(p.SSID.Hex); h != "" {
		ssid, err := hex.DecodeString(h)
		if err != nil || len(ssid) > 32 {
			return SavedNetwork{}, fmt.Errorf("WLAN profile '%s': SSID hex '%s'", p.Name, h)
		}
		n.SSID = ssid
	} else {
		if len(p.SSID.Name) > 32 {
			return SavedNetwork{}, fmt.Errorf("WLAN profile '%s': SSID of %d bytes", p.Name, len(p.SSID.Name))
		}
		n.SSID = []byte(p.SSID.Name)
	}
	auth := strings.ToUpper(strings.TrimSpace(p.Auth.Authentication))
	enc := strings.ToUpper(strings.TrimSpace(p.Auth.Encryption))
	switch auth {
	case "OPEN":
		switch enc {
		case "NONE":
			n.Security = Open
		case "WEP":
			n.Security = WEP
		}
	case "SHARED":
		n.Security = WEP
	case "OWE":
		n.Security = OWE
	case "WPA", "WPAPSK":
		n.Security = WPATKIP
	case "WPA2", "WPA3", "WPA3ENT", "WPA3ENT192":
		n.Security = Enterprise
	case "WPA2PSK":
		n.Security = WPA2Personal
	case "WPA3SAE":
		n.Security = WPA3Personal
	}
	if enc == "TKIP" && n.Security != SecurityUnknown {
		n.Security = WPATKIP
	}
	return n, nil
}
