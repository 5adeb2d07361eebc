package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLoadMissingGivesDefaults(t *testing.T) {
	st, err := Store{Path: filepath.Join(t.TempDir(), "settings.json")}.Load()
	if err != nil || st.Language != "" || st.TrustedNetworks == nil || len(st.TrustedNetworks) != 0 || !st.Notifications || st.IntervalMinutes != 60 {
		t.Errorf("got %+v, %v", st, err)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	s := Store{Path: filepath.Join(t.TempDir(), "sub", "settings.json")}
	in := Defaults()
	in.Language, in.TrustedNetworks = "ja", []TrustedNetwork{
		NewTrusted([]byte("自宅"), "wpa2-personal", ""),
		NewTrusted([]byte{0xff, 0x00, 'x'}, "wpa3-personal", "aa:bb:cc:dd:ee:ff"),
	}
	if err := s.Save(in); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(s.Path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	out, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if out.Language != "ja" || len(out.TrustedNetworks) != 2 || string(out.TrustedNetworks[1].SSIDBytes()) != "\xff\x00x" || out.TrustedNetworks[0].SSID != "自宅" {
		t.Errorf("round trip: %+v", out)
	}
	entries, _ := os.ReadDir(filepath.Dir(s.Path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestCorruptFileIsSetAside(t *testing.T) {
	for name, content := range map[string]string{
		"not JSON":         "{\"language\": \"ja\",",
		"wrong type":       `{"trusted_networks": "everything"}`,
		"unknown language": `{"language": "fr"}`,
		"bad hex":          `{"trusted_networks": [{"ssid_hex": "zz", "security": "open"}]}`,
		"bad quiet hours":  `{"quiet_hours": {"enabled": true, "start": "25:00", "end": "07:00"}}`,
		"interval of 0":    `{"interval_minutes": 0}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			s := Store{Path: filepath.Join(dir, "settings.json"), Now: func() time.Time { return time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC) }}
			os.WriteFile(s.Path, []byte(content), 0o600)
			st, err := s.Load()
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a CorruptError", err)
			}
			if st.Language != "" || len(st.TrustedNetworks) != 0 {
				t.Errorf("not the defaults: %+v", st)
			}
			kept, err := os.ReadFile(filepath.Join(dir, "settings.json.broken-20261125T103000Z"))
			if err != nil || string(kept) != content {
				t.Errorf("the broken file was not kept aside intact: %q, %v", kept, err)
			}
			if _, err := os.Stat(s.Path); !os.IsNotExist(err) {
				t.Error("the broken file is still in place, where a save would overwrite it")
			}
		})
	}
}

func TestUnknownFieldsAreNotCorrupt(t *testing.T) {
	// A newer version's settings must not count as corrupt.
	s := Store{Path: filepath.Join(t.TempDir(), "settings.json")}
	os.WriteFile(s.Path, []byte(`{"language":"en","quiet_hours":{"from":"22:00"}}`), 0o600)
	if st, err := s.Load(); err != nil || st.Language != "en" {
		t.Errorf("got %+v, %v", st, err)
	}
}
