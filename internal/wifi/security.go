// Package wifi finds out which Wi-Fi network this computer is connected to
// and how it is secured, from NetworkManager over D-Bus or from the kernel's
// nl80211 interface, and tells public hotspot names from private ones.
//
// SSIDs are attacker-controlled bytes: they are kept raw and shown only
// through SSIDText.
package wifi

import (
	"fmt"

	"github.com/mamori-project/mamori/internal/monitor"
	"github.com/mamori-project/mamori/internal/safe"
)

// Security is how a network protects its traffic.
type Security string

// The security classes, as they appear in JSON and settings.
const (
	SecurityUnknown Security = ""
	// Open: no encryption at all.
	Open Security = "open"
	// OWE: encrypted (Enhanced Open), but anyone can join: no
	// authentication of the access point.
	OWE Security = "owe"
	// WEP: broken encryption.
	WEP Security = "wep"
	// WPATKIP: WPA1, or WPA2 with only the TKIP cipher: deprecated, weak.
	WPATKIP Security = "wpa-tkip"
	// WPA2Personal: WPA2 with a shared passphrase (PSK), AES.
	WPA2Personal Security = "wpa2-personal"
	// WPA3Personal: WPA3 (SAE), alone or in transition mode with WPA2.
	WPA3Personal Security = "wpa3-personal"
	// Enterprise: WPA2 or WPA3 with 802.1X accounts.
	Enterprise Security = "enterprise"
)

// Label is a short name of the security class for people.
func (s Security) Label() string {
	switch s {
	case Open:
		return "Open"
	case OWE:
		return "OWE (Enhanced Open)"
	case WEP:
		return "WEP"
	case WPATKIP:
		return "WPA (TKIP)"
	case WPA2Personal:
		return "WPA2-Personal"
	case WPA3Personal:
		return "WPA3-Personal"
	case Enterprise:
		return "WPA2/3-Enterprise"
	}
	return "unknown"
}

// Flags are NetworkManager's access-point security flags (NM80211ApFlags and
// NM80211ApSecurityFlags); the nl80211 source builds the same flags from the
// beacon's information elements so one classifier serves both.
type Flags struct {
	// Privacy is the capability bit: traffic is encrypted.
	Privacy bool
	// WPA is the WPA1 (vendor element) flags, RSN the WPA2/WPA3 flags.
	WPA, RSN uint32
}

// NM80211ApSecurityFlags bits.
const (
	PairWEP40    uint32 = 0x1
	PairWEP104   uint32 = 0x2
	PairTKIP     uint32 = 0x4
	PairCCMP     uint32 = 0x8
	GroupWEP40   uint32 = 0x10
	GroupWEP104  uint32 = 0x20
	GroupTKIP    uint32 = 0x40
	GroupCCMP    uint32 = 0x80
	KeyMgmtPSK   uint32 = 0x100
	KeyMgmt8021X uint32 = 0x200
	KeyMgmtSAE   uint32 = 0x400
	KeyMgmtOWE   uint32 = 0x800
	KeyMgmtOWETM uint32 = 0x1000
	KeyMgmtEAPB  uint32 = 0x2000 // EAP Suite B 192-bit
)

// NM80211ApFlags bits.
const (
	APFlagPrivacy uint32 = 0x1
)

// Classify turns security flags into a class.
func Classify(f Flags) Security {
	if f.WPA == 0 && f.RSN == 0 {
		if f.Privacy {
			return WEP
		}
		return Open
	}
	if f.RSN&KeyMgmtOWE != 0 {
		return OWE
	}
	// WPA1 only, or nothing stronger than TKIP offered for unicast.
	strong := PairCCMP
	if f.RSN == 0 || (f.RSN|f.WPA)&strong == 0 {
		return WPATKIP
	}
	switch {
	case f.RSN&(KeyMgmt8021X|KeyMgmtEAPB) != 0:
		return Enterprise
	case f.RSN&KeyMgmtSAE != 0:
		return WPA3Personal
	case f.RSN&KeyMgmtPSK != 0:
		return WPA2Personal
	}
	return SecurityUnknown
}

// Connection is the network a Wi-Fi interface is connected to.
type Connection struct {
	Interface string
	// SSID is the network name as broadcast: up to 32 arbitrary bytes,
	// empty for a hidden network.
	SSID         []byte
	BSSID        string
	FrequencyMHz uint32
	Security     Security
	Flags        Flags
	// Source is where this was read: "NetworkManager" or "nl80211".
	Source string
}

// Band names the frequency band.
func (c Connection) Band() string {
	switch f := c.FrequencyMHz; {
	case f >= 2400 && f < 2500:
		return "2.4 GHz"
	case f >= 5150 && f < 5925:
		return "5 GHz"
	case f >= 5925 && f <= 7125:
		return "6 GHz"
	case f == 0:
		return ""
	}
	return fmt.Sprintf("%d MHz", c.FrequencyMHz)
}

// SSIDText is an SSID made safe to show anywhere: invalid UTF-8 as \xNN,
// control, bidi and invisible characters as \uXXXX, a backslash doubled.
// The empty (hidden) SSID is "".
func SSIDText(ssid []byte) string {
	return safe.Text(string(ssid), 32)
}

func errUnsupported(goos string) error {
	return fmt.Errorf("reading Wi-Fi from the kernel: %w", monitor.ErrUnsupported(goos))
}
