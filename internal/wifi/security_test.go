package wifi

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		f    Flags
		want Security
	}{
		{"open", Flags{}, Open},
		{"WEP (privacy, no WPA)", Flags{Privacy: true}, WEP},
		{"OWE", Flags{Privacy: true, RSN: KeyMgmtOWE | PairCCMP | GroupCCMP}, OWE},
		{"WPA1 TKIP", Flags{Privacy: true, WPA: KeyMgmtPSK | PairTKIP | GroupTKIP}, WPATKIP},
		{"WPA2 with TKIP only", Flags{Privacy: true, RSN: KeyMgmtPSK | PairTKIP | GroupTKIP}, WPATKIP},
		{"WPA/WPA2 mixed", Flags{Privacy: true, WPA: KeyMgmtPSK | PairTKIP | GroupTKIP, RSN: KeyMgmtPSK | PairCCMP | PairTKIP | GroupTKIP}, WPA2Personal},
		{"WPA2-Personal", Flags{Privacy: true, RSN: KeyMgmtPSK | PairCCMP | GroupCCMP}, WPA2Personal},
		{"WPA3-Personal", Flags{Privacy: true, RSN: KeyMgmtSAE | PairCCMP | GroupCCMP}, WPA3Personal},
		{"WPA2/WPA3 transition", Flags{Privacy: true, RSN: KeyMgmtPSK | KeyMgmtSAE | PairCCMP | GroupCCMP}, WPA3Personal},
		{"WPA2-Enterprise", Flags{Privacy: true, RSN: KeyMgmt8021X | PairCCMP | GroupCCMP}, Enterprise},
		{"WPA3-Enterprise 192", Flags{Privacy: true, RSN: KeyMgmtEAPB | PairCCMP | GroupCCMP}, Enterprise},
		{"RSN with no key management", Flags{Privacy: true, RSN: PairCCMP | GroupCCMP}, SecurityUnknown},
	}
	for _, tt := range tests {
		if got := Classify(tt.f); got != tt.want {
			t.Errorf("%s: Classify(%+v) = %q, want %q", tt.name, tt.f, got, tt.want)
		}
	}
}

// TestSSIDText covers what an attacker can put in a network name. The
// displayed form must be valid UTF-8, printable, and tell different names
// apart.
func TestSSIDText(t *testing.T) {
	tests := []struct {
		name string
		ssid []byte
		want string
	}{
		{"plain", []byte("HomeNet"), "HomeNet"},
		{"japanese", []byte("自宅のネット"), "自宅のネット"},
		{"emoji", []byte("☕Cafe📶"), "☕Cafe📶"},
		{"not UTF-8", []byte{0xff, 'a', 0xc3}, `\xffa\xc3`},
		{"control characters", []byte("Free\r\nWiFi\x07"), `Free\u000D\u000AWiFi\u0007`},
		{"bidi override", []byte("Bank\u202Eifiw"), `Bank\u202Eifiw`},
		{"markup stays text here", []byte(`<b>x</b><a href="http://e">&amp;`), `<b>x</b><a href="http://e">&amp;`},
		{"hidden (empty)", []byte{}, ""},
		{"32 bytes", []byte(strings.Repeat("A", 32)), strings.Repeat("A", 32)},
		{"32 bytes of Japanese (10 runes + 2 bytes)", []byte("あいうえおかきくけこ\xe3\x81"), `あいうえおかきくけこ\xe3\x81`},
		{"NUL bytes", []byte("a\x00b"), `a\u0000b`},
	}
	seen := map[string]string{}
	for _, tt := range tests {
		got := SSIDText(tt.ssid)
		if got != tt.want {
			t.Errorf("%s: SSIDText = %q, want %q", tt.name, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("%s: not valid UTF-8", tt.name)
		}
		if prev, dup := seen[got]; dup {
			t.Errorf("%s and %s display the same", prev, tt.name)
		}
		seen[got] = tt.name
	}
}

func TestBand(t *testing.T) {
	for f, want := range map[uint32]string{2412: "2.4 GHz", 5180: "5 GHz", 5955: "6 GHz", 0: "", 60480: "60480 MHz"} {
		if got := (Connection{FrequencyMHz: f}).Band(); got != want {
			t.Errorf("Band(%d) = %q, want %q", f, got, want)
		}
	}
}
