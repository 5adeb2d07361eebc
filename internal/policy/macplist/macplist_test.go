package macplist

import "testing"

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		ok       bool
	}{
		{"dictionary", `<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict><key>ScreenLockMinutes</key><integer>3</integer></dict></plist>`, true},
		{"array", `<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><array><string>a</string></array></plist>`, false},
		{"garbage", "not a plist", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Decode([]byte(tc.in))
			if (err == nil) != tc.ok {
				t.Fatalf("Decode: %v, %v", m, err)
			}
			if tc.ok && m["ScreenLockMinutes"] != uint64(3) {
				t.Errorf("got %#v", m)
			}
		})
	}
}
