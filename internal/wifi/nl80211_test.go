package wifi

import (
	"testing"

	mwifi "github.com/mdlayher/wifi"
)

func TestParseElements(t *testing.T) {
	e, err := parseElements([]byte{0, 3, 'a', 'b', 'c', 48, 2, 1, 0, 221, 4, 0x00, 0x50, 0xf2, 0x04, 0, 1, 'z'})
	if err != nil || string(e.SSID) != "abc" || len(e.RSN) != 2 || e.WPA != nil {
		t.Errorf("got %+v, %v (a WPS vendor element is not WPA)", e, err)
	}
	for _, bad := range [][]byte{{0}, {0, 5, 'a'}, {48, 255}} {
		if _, err := parseElements(bad); err == nil {
			t.Errorf("parseElements(%v) accepted", bad)
		}
	}
}

func TestParseRSN(t *testing.T) {
	r, err := parseRSN([]byte{1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 8}, 0x000fac)
	if err != nil || r.GroupCipher != mwifi.RSNCipherCCMP128 || len(r.AKMs) != 1 || r.AKMs[0] != mwifi.RSNAkmSAE {
		t.Errorf("SAE: %+v %v", r, err)
	}
	// Only a version: the standard's defaults (CCMP, 802.1X) apply.
	r, err = parseRSN([]byte{1, 0}, 0x000fac)
	if err != nil || r.PairwiseCiphers[0] != mwifi.RSNCipherCCMP128 || r.AKMs[0] != mwifi.RSNAkm8021X {
		t.Errorf("defaults: %+v %v", r, err)
	}
	for name, bad := range map[string][]byte{
		"empty":           {},
		"version 0":       {0, 0},
		"count too large": {1, 0, 0, 0x0f, 0xac, 4, 200, 0, 0, 0x0f, 0xac, 4},
		"list truncated":  {1, 0, 0, 0x0f, 0xac, 4, 2, 0, 0, 0x0f, 0xac, 4},
	} {
		if _, err := parseRSN(bad, 0x000fac); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// A vendor-specific suite is not mistaken for a standard one.
	r, _ = parseRSN([]byte{1, 0, 0x00, 0x11, 0x22, 4, 1, 0, 0x00, 0x11, 0x22, 4, 1, 0, 0x00, 0x11, 0x22, 2}, 0x000fac)
	if rsnFlags(r)&(PairCCMP|KeyMgmtPSK) != 0 {
		t.Errorf("vendor suites counted as CCMP/PSK: %+v", r)
	}
}

func FuzzBSSConnection(f *testing.F) {
	f.Add([]byte{0, 3, 'a', 'b', 'c', 48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0}, uint16(0x11))
	f.Add([]byte{221, 8, 0x00, 0x50, 0xf2, 0x01, 1, 0, 0, 0x50}, uint16(0x10))
	f.Fuzz(func(t *testing.T, ies []byte, capability uint16) {
		c, err := bssConnection("wlan0", scanBSS{IEs: ies, Capability: capability, Status: 1})
		if err == nil && len(c.SSID) > 32 {
			t.Fatalf("accepted a %d-byte SSID", len(c.SSID))
		}
	})
}
