package wifi

import (
	"context"
	"errors"
	"net"
	"syscall"
	"testing"

	"github.com/mdlayher/genetlink"
	"github.com/mdlayher/genetlink/genltest"
	"github.com/mdlayher/netlink"
)

var nl80211Family = genetlink.Family{ID: 0x1c, Name: "nl80211", Version: 1, Groups: []genetlink.MulticastGroup{
	{ID: 4, Name: "config"}, {ID: 5, Name: "scan"}, {ID: 7, Name: "mlme"},
}}

func encode(t *testing.T, fn func(ae *netlink.AttributeEncoder)) []byte {
	t.Helper()
	ae := netlink.NewAttributeEncoder()
	fn(ae)
	b, err := ae.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ie builds one information element.
func ie(id byte, body ...byte) []byte { return append([]byte{id, byte(len(body))}, body...) }

// rsnIE builds an RSN element body: version 1, group cipher, pairwise
// ciphers and AKMs (suite types in 00-0F-AC), capabilities 0.
func rsnIE(group byte, pairwise []byte, akms []byte) []byte {
	b := []byte{1, 0, 0x00, 0x0f, 0xac, group, byte(len(pairwise)), 0}
	for _, p := range pairwise {
		b = append(b, 0x00, 0x0f, 0xac, p)
	}
	b = append(b, byte(len(akms)), 0)
	for _, a := range akms {
		b = append(b, 0x00, 0x0f, 0xac, a)
	}
	return ie(ieRSN, append(b, 0, 0)...)
}

// wpaIE builds a WPA1 vendor element with TKIP and PSK.
func wpaIE() []byte {
	return ie(ieVendor, 0x00, 0x50, 0xf2, 0x01, 1, 0, 0x00, 0x50, 0xf2, 2, 1, 0, 0x00, 0x50, 0xf2, 2, 1, 0, 0x00, 0x50, 0xf2, 2)
}

type fakeBSS struct {
	bssid      string
	freq       uint32
	capability uint16
	status     int // -1: no status attribute
	ies        []byte
}

// serve answers nl80211 requests like the kernel: one station interface
// (wlan0, index 3), one P2P device, and the given scan entries.
func serve(t *testing.T, stations int, bsses []fakeBSS) *NL80211 {
	fn := func(greq genetlink.Message, nreq netlink.Message) ([]genetlink.Message, error) {
		if nreq.Header.Flags&netlink.Dump == 0 {
			t.Errorf("command %d sent without the dump flag", greq.Header.Command)
		}
		switch greq.Header.Command {
		case nlCmdGetInterface:
			var msgs []genetlink.Message
			for i := 0; i < stations; i++ {
				msgs = append(msgs, genetlink.Message{Data: encode(t, func(ae *netlink.AttributeEncoder) {
					ae.Uint32(nlAttrIfindex, 3)
					ae.String(0x04, "wlan0")
					ae.Uint32(0x01, 0) // wiphy
					ae.Uint32(0x05, nlIftypeStation)
					ae.Bytes(nlAttrMAC, []byte{2, 0, 0, 0, 0, 1})
				})})
			}
			msgs = append(msgs, genetlink.Message{Data: encode(t, func(ae *netlink.AttributeEncoder) {
				ae.String(0x04, "p2p-dev-wlan0")
				ae.Uint32(0x05, 10) // P2P device: not a station
			})})
			return msgs, nil
		case nlCmdGetScan:
			ad, _ := netlink.NewAttributeDecoder(greq.Data)
			var idx uint32
			for ad.Next() {
				if ad.Type() == nlAttrIfindex {
					idx = ad.Uint32()
				}
			}
			if idx != 3 {
				t.Errorf("GET_SCAN for interface index %d, want 3", idx)
			}
			var msgs []genetlink.Message
			for _, b := range bsses {
				mac, _ := net.ParseMAC(b.bssid)
				msgs = append(msgs, genetlink.Message{Data: encode(t, func(ae *netlink.AttributeEncoder) {
					ae.Uint32(0x2e, 1) // generation
					ae.Nested(nlAttrBSS, func(nae *netlink.AttributeEncoder) error {
						nae.Bytes(nlBSSBSSID, mac)
						nae.Uint32(nlBSSFrequency, b.freq)
						nae.Uint16(nlBSSCapab, b.capability)
						nae.Bytes(nlBSSIEs, b.ies)
						if b.status >= 0 {
							nae.Uint32(nlBSSStatus, uint32(b.status))
						}
						return nil
					})
				})})
			}
			return msgs, nil
		}
		t.Errorf("unexpected command %d", greq.Header.Command)
		return nil, genltest.Error(int(syscall.EINVAL))
	}
	return &NL80211{Dial: func() (*genetlink.Conn, error) {
		return genltest.Dial(genltest.ServeFamily(nl80211Family, fn)), nil
	}}
}

func TestNL80211Current(t *testing.T) {
	other := fakeBSS{bssid: "aa:bb:cc:dd:ee:99", freq: 2412, capability: capabilityPrivacy, status: -1,
		ies: append(ie(ieSSID, []byte("Neighbour")...), rsnIE(4, []byte{4}, []byte{2})...)}
	tests := []struct {
		name string
		bss  fakeBSS
		ssid string
		want Security
	}{
		{"WPA2-Personal", fakeBSS{"aa:bb:cc:dd:ee:01", 5180, capabilityPrivacy | 1, 1, append(ie(ieSSID, []byte("HomeNet")...), rsnIE(4, []byte{4}, []byte{2})...)}, "HomeNet", WPA2Personal},
		{"WPA3 SAE", fakeBSS{"aa:bb:cc:dd:ee:02", 5955, capabilityPrivacy, 1, append(ie(ieSSID, []byte("Office")...), rsnIE(4, []byte{4}, []byte{8})...)}, "Office", WPA3Personal},
		{"open", fakeBSS{"aa:bb:cc:dd:ee:03", 2437, 1, 1, ie(ieSSID, []byte("Cafe")...)}, "Cafe", Open},
		{"WEP", fakeBSS{"aa:bb:cc:dd:ee:04", 2412, capabilityPrivacy, 1, ie(ieSSID, []byte("Old")...)}, "Old", WEP},
		{"WPA1 TKIP", fakeBSS{"aa:bb:cc:dd:ee:05", 2462, capabilityPrivacy, 1, append(ie(ieSSID, []byte("Legacy")...), wpaIE()...)}, "Legacy", WPATKIP},
		{"OWE", fakeBSS{"aa:bb:cc:dd:ee:06", 5745, capabilityPrivacy, 1, append(ie(ieSSID, []byte("Enhanced")...), rsnIE(4, []byte{4}, []byte{18})...)}, "Enhanced", OWE},
		{"enterprise", fakeBSS{"aa:bb:cc:dd:ee:07", 5200, capabilityPrivacy, 1, append(ie(ieSSID, []byte("Corp")...), rsnIE(4, []byte{4}, []byte{1})...)}, "Corp", Enterprise},
		{"hidden SSID", fakeBSS{"aa:bb:cc:dd:ee:08", 5180, capabilityPrivacy, 1, append(ie(ieSSID), rsnIE(4, []byte{4}, []byte{2})...)}, "", WPA2Personal},
		{"hostile SSID bytes kept raw", fakeBSS{"aa:bb:cc:dd:ee:09", 2412, 0, 1, ie(ieSSID, 0xff, '<', 'b', '>', 0xe2, 0x80, 0xae)}, "\xff<b>\u202e", Open},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := serve(t, 1, []fakeBSS{other, tt.bss}).Current(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if string(c.SSID) != tt.ssid || c.Security != tt.want || c.Interface != "wlan0" || c.BSSID != tt.bss.bssid || c.FrequencyMHz != tt.bss.freq || c.Source != "nl80211" {
				t.Errorf("got %+v, want SSID %q security %s", c, tt.ssid, tt.want)
			}
		})
	}
}

func TestNL80211NotConnectedNoDeviceBroken(t *testing.T) {
	ctx := context.Background()
	idle := fakeBSS{bssid: "aa:bb:cc:dd:ee:99", freq: 2412, status: -1, ies: ie(ieSSID, 'x')}
	if _, err := serve(t, 1, []fakeBSS{idle}).Current(ctx); !errors.Is(err, ErrNotConnected) {
		t.Errorf("only unassociated entries: err = %v, want ErrNotConnected", err)
	}
	if _, err := serve(t, 0, nil).Current(ctx); !errors.Is(err, ErrNoDevice) {
		t.Errorf("no station interface: err = %v, want ErrNoDevice", err)
	}
	noFamily := &NL80211{Dial: func() (*genetlink.Conn, error) {
		return genltest.Dial(func(genetlink.Message, netlink.Message) ([]genetlink.Message, error) {
			return nil, genltest.Error(int(syscall.ENOENT))
		}), nil
	}}
	if _, err := noFamily.Current(ctx); !errors.Is(err, ErrNoDevice) {
		t.Errorf("no nl80211 family: err = %v, want ErrNoDevice", err)
	}
	truncated := fakeBSS{bssid: "aa:bb:cc:dd:ee:01", freq: 2412, status: 1, ies: []byte{ieSSID, 10, 'a'}}
	if _, err := serve(t, 1, []fakeBSS{truncated}).Current(ctx); err == nil || errors.Is(err, ErrNotConnected) {
		t.Errorf("truncated element: err = %v, want a decoding error", err)
	}
}
