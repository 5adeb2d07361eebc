package wifi

import (
	"errors"
	"os"
	"testing"
)

// Recorded answers of system_profiler SPAirPortDataType -json, as macOS
// 14 and 15 give them (testdata/darwin/README.md says where the format is
// documented).
func TestDarwinAirPort(t *testing.T) {
	tests := []struct {
		file    string
		ssid    string
		sec     Security
		mhz     uint32
		wantErr error
	}{
		{"sonoma-wpa2.json", "HanakoHome-5G", WPA2Personal, 5220, nil},
		{"open-2ghz.json", "FREE_Wi-Fi", Open, 2437, nil},
		{"sequoia-redacted.json", "", WPA2Personal, 5220, ErrLocationDenied},
		{"disconnected.json", "", "", 0, ErrNotConnected},
		{"no-device.json", "", "", 0, ErrNoDevice},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/darwin/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			c, err := ParseAirPort(data)
			if !errors.Is(err, tt.wantErr) || string(c.SSID) != tt.ssid || c.Security != tt.sec || c.FrequencyMHz != tt.mhz {
				t.Errorf("got %q %s %d MHz, %v; want %q %s %d, %v", c.SSID, c.Security, c.FrequencyMHz, err, tt.ssid, tt.sec, tt.mhz, tt.wantErr)
			}
		})
	}
	for _, bad := range []string{"truncated.json", "empty.json"} {
		data, _ := os.ReadFile("testdata/darwin/" + bad)
		if _, err := ParseAirPort(data); err == nil || errors.Is(err, ErrNotConnected) || errors.Is(err, ErrNoDevice) {
			t.Errorf("%s: %v, want a reading error", bad, err)
		}
	}
}
