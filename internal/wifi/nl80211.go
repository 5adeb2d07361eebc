package wifi

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"

	"github.com/mdlayher/genetlink"
	"github.com/mdlayher/netlink"
	mwifi "github.com/mdlayher/wifi"
)

// nl80211 numbers from linux/nl80211.h. They are spelled out here, not taken
// from x/sys/unix, so that the decoders build and are tested on every system.
const (
	nlCmdGetInterface   = 0x05
	nlCmdGetScan        = 0x20
	nlCmdNewScanResults = 0x22
	nlCmdAssociate      = 0x26
	nlCmdDeauthenticate = 0x27
	nlCmdDisassociate   = 0x28
	nlCmdConnect        = 0x2e
	nlCmdRoam           = 0x2f
	nlCmdDisconnect     = 0x30

	nlAttrIfindex    = 0x03
	nlAttrMAC        = 0x06
	nlAttrBSS        = 0x2f
	nlAttrStatusCode = 0x48

	nlBSSBSSID     = 0x01
	nlBSSFrequency = 0x02
	nlBSSCapab     = 0x05
	nlBSSIEs       = 0x06
	nlBSSBeaconIEs = 0x0b
	nlBSSStatus    = 0x09

	nlBSSStatusAssociated = 1
	nlIftypeStation       = 2

	capabilityPrivacy = 0x0010

	ieSSID   = 0
	ieRSN    = 48
	ieVendor = 221
)

// scanBSS is one entry of an nl80211 scan dump.
type scanBSS struct {
	BSSID      net.HardwareAddr
	Frequency  uint32
	Capability uint16
	// Status is the station's state with this BSS; -1 when not joined.
	Status int
	IEs    []byte
}

// decodeScan reads the replies to NL80211_CMD_GET_SCAN.
func decodeScan(msgs []genetlink.Message) ([]scanBSS, error) {
	var out []scanBSS
	for _, m := range msgs {
		ad, err := netlink.NewAttributeDecoder(m.Data)
		if err != nil {
			return nil, fmt.Errorf("decoding scan result: %w", err)
		}
		for ad.Next() {
			if ad.Type() != nlAttrBSS {
				continue
			}
			b := scanBSS{Status: -1}
			ad.Nested(func(nad *netlink.AttributeDecoder) error {
				var beacon []byte
				for nad.Next() {
					switch nad.Type() {
					case nlBSSBSSID:
						b.BSSID = net.HardwareAddr(nad.Bytes())
					case nlBSSFrequency:
						b.Frequency = nad.Uint32()
					case nlBSSCapab:
						b.Capability = nad.Uint16()
					case nlBSSStatus:
						b.Status = int(nad.Uint32())
					case nlBSSIEs:
						b.IEs = nad.Bytes()
					case nlBSSBeaconIEs:
						beacon = nad.Bytes()
					}
				}
				if b.IEs == nil {
					b.IEs = beacon
				}
				return nil
			})
			out = append(out, b)
		}
		if err := ad.Err(); err != nil {
			return nil, fmt.Errorf("decoding scan result: %w", err)
		}
	}
	return out, nil
}

// elements are the information elements Mamori reads from a beacon.
type elements struct {
	SSID     []byte
	HasSSID  bool
	RSN, WPA []byte
}

// parseElements walks a beacon's information elements.
func parseElements(b []byte) (elements, error) {
	var e elements
	for len(b) > 0 {
		if len(b) < 2 || len(b) < 2+int(b[1]) {
			return e, errors.New("truncated information element")
		}
		id, body := b[0], b[2:2+int(b[1])]
		switch {
		case id == ieSSID && !e.HasSSID:
			e.SSID, e.HasSSID = body, true
		case id == ieRSN && e.RSN == nil:
			e.RSN = body
		case id == ieVendor && len(body) >= 4 && body[0] == 0x00 && body[1] == 0x50 && body[2] == 0xf2 && body[3] == 0x01 && e.WPA == nil:
			e.WPA = body[4:] // Microsoft OUI, type 1: WPA1
		}
		b = b[2+int(b[1]):]
	}
	return e, nil
}

// parseRSN reads an RSN element body (IEEE 802.11-2020 9.4.2.24) into
// mdlayher/wifi's RSNInfo. WPA1's vendor element has the same layout with
// Microsoft's OUI; pass it with oui 0x0050f2.
func parseRSN(b []byte, oui uint32) (mwifi.RSNInfo, error) {
	var r mwifi.RSNInfo
	if len(b) < 2 {
		return r, errors.New("RSN element too short")
	}
	r.Version = binary.LittleEndian.Uint16(b)
	if r.Version != 1 {
		return r, fmt.Errorf("RSN version %d", r.Version)
	}
	b = b[2:]
	suite := func() (uint32, bool) {
		if len(b) < 4 {
			return 0, false
		}
		v := binary.BigEndian.Uint32(b)
		b = b[4:]
		if v>>8 != oui {
			// Another vendor's suite: keep it out of the standard numbers.
			return 0xffffffff, true
		}
		// Map to the 00-0F-AC space mdlayher's constants use.
		return 0x000fac00 | v&0xff, true
	}
	list := func() ([]uint32, error) {
		if len(b) < 2 {
			return nil, nil // absent: the standard's default
		}
		n := int(binary.LittleEndian.Uint16(b))
		b = b[2:]
		if n > 32 || len(b) < 4*n {
			return nil, errors.New("RSN suite list truncated")
		}
		out := make([]uint32, n)
		for i := range out {
			out[i], _ = suite()
		}
		return out, nil
	}
	if g, ok := suite(); ok {
		r.GroupCipher = mwifi.RSNCipher(g)
	} else {
		r.GroupCipher = mwifi.RSNCipherCCMP128 // default when absent
	}
	pw, err := list()
	if err != nil {
		return r, err
	}
	for _, c := range pw {
		r.PairwiseCiphers = append(r.PairwiseCiphers, mwifi.RSNCipher(c))
	}
	akms, err := list()
	if err != nil {
		return r, err
	}
	for _, a := range akms {
		r.AKMs = append(r.AKMs, mwifi.RSNAKM(a))
	}
	if len(r.PairwiseCiphers) == 0 {
		r.PairwiseCiphers = []mwifi.RSNCipher{mwifi.RSNCipherCCMP128}
	}
	if len(r.AKMs) == 0 {
		r.AKMs = []mwifi.RSNAKM{mwifi.RSNAkm8021X}
	}
	return r, nil
}

// rsnFlags turns parsed RSN information into NetworkManager-style flags.
func rsnFlags(r mwifi.RSNInfo) uint32 {
	var f uint32
	cipher := func(c mwifi.RSNCipher, wep40, wep104, tkip, ccmp uint32) {
		switch c {
		case mwifi.RSNCipherWEP40:
			f |= wep40
		case mwifi.RSNCipherWEP104:
			f |= wep104
		case mwifi.RSNCipherTKIP:
			f |= tkip
		case mwifi.RSNCipherCCMP128, mwifi.RSNCipherGCMP128, mwifi.RSNCipherGCMP256, mwifi.RSNCipherCCMP256:
			f |= ccmp
		}
	}
	for _, c := range r.PairwiseCiphers {
		cipher(c, PairWEP40, PairWEP104, PairTKIP, PairCCMP)
	}
	cipher(r.GroupCipher, GroupWEP40, GroupWEP104, GroupTKIP, GroupCCMP)
	for _, a := range r.AKMs {
		switch a {
		case mwifi.RSNAkm8021X, mwifi.RSNAkmFT8021X, mwifi.RSNAkm8021XSHA256, mwifi.RSNAkmFT8021XSHA384:
			f |= KeyMgmt8021X
		case mwifi.RSNAkm8021XSuiteB, mwifi.RSNAkm8021XCNSA:
			f |= KeyMgmtEAPB
		case mwifi.RSNAkmPSK, mwifi.RSNAkmFTPSK, mwifi.RSNAkmPSKSHA256, mwifi.RSNAkmFTPSKSHA384, mwifi.RSNAkmPSKSHA384:
			f |= KeyMgmtPSK
		case mwifi.RSNAkmSAE, mwifi.RSNAkmFTSAE, 0x000fac18, 0x000fac19: // SAE, FT-SAE, SAE-EXT-KEY, FT-SAE-EXT-KEY
			f |= KeyMgmtSAE
		case 0x000fac12: // OWE
			f |= KeyMgmtOWE
		}
	}
	return f
}

// bssConnection turns an associated BSS into a Connection.
func bssConnection(ifname string, b scanBSS) (Connection, error) {
	e, err := parseElements(b.IEs)
	if err != nil {
		return Connection{}, err
	}
	f := Flags{Privacy: b.Capability&capabilityPrivacy != 0}
	if e.RSN != nil {
		r, err := parseRSN(e.RSN, 0x000fac)
		if err != nil {
			return Connection{}, fmt.Errorf("RSN element: %w", err)
		}
		f.RSN = rsnFlags(r)
	}
	if e.WPA != nil {
		r, err := parseRSN(e.WPA, 0x0050f2)
		if err != nil {
			return Connection{}, fmt.Errorf("WPA element: %w", err)
		}
		f.WPA = rsnFlags(r)
	}
	if len(e.SSID) > 32 {
		return Connection{}, fmt.Errorf("SSID of %d bytes (the limit is 32)", len(e.SSID))
	}
	return Connection{Interface: ifname, SSID: e.SSID, BSSID: b.BSSID.String(), FrequencyMHz: b.Frequency,
		Flags: f, Security: Classify(f), Source: "nl80211"}, nil
}
