package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestLoadMissingGivesDefaults(t *testing.T) {
	st, err := Store{Path: filepath.Join(tempDir(t), "settings.json")}.Load()
	if err != nil || st.Language != "" || st.TrustedNetworks == nil || len(st.TrustedNetworks) != 0 || !st.Notifications || st.IntervalMinutes != 60 {
		t.Errorf("got %+v, %v", st, err)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	s := Store{Path: filepath.Join(tempDir(t), "sub", "settings.json")}
	in := Defaults()
	in.Language, in.TrustedNetworks = "ja", []TrustedNetwork{
		NewTrusted([]byte("自宅"), "wpa2-personal", ""),
		NewTrusted([]byte{0xff, 0x00, 'x'}, "wpa3-personal", "aa:bb:cc:dd:ee:ff"),
	}
	if _, err := s.Update(func(st *Settings) { st.Language, st.TrustedNetworks = in.Language, in.TrustedNetworks }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(s.Path)
	if err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
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
	if len(entries) != 2 || entries[0].Name() != "settings.json" || entries[1].Name() != "settings.json.lock" {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestCorruptFileIsSetAside(t *testing.T) {
	for name, content := range map[string]string{
		"not JSON":      "{\"language\": \"ja\",",
		"not an object": `["language"]`,
		"null":          `null`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := tempDir(t)
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

// TestBadFieldCostsOnlyThatField: a value Mamori cannot use takes its
// default with a message naming it; the rest of the file, the trusted
// networks above all, is read, and the file is not moved.
func TestBadFieldCostsOnlyThatField(t *testing.T) {
	for name, tt := range map[string]struct {
		content, field string
	}{
		"wrong type":       {`{"language": "ja", "interval_minutes": "often", "trusted_networks": [{"ssid": "Home", "security": "wpa2-personal"}]}`, "interval_minutes"},
		"unknown language": {`{"language": "fr", "trusted_networks": [{"ssid": "Home", "security": "wpa2-personal"}]}`, "language"},
		"bad quiet hours":  {`{"language": "ja", "quiet_hours": {"enabled": true, "start": "25:00", "end": "07:00"}, "trusted_networks": [{"ssid": "Home", "security": "wpa2-personal"}]}`, "quiet_hours"},
		"one bad network":  {`{"language": "ja", "trusted_networks": [{"ssid_hex": "zz", "security": "open"}, {"ssid": "Home", "security": "wpa2-personal"}]}`, "trusted_networks"},
	} {
		t.Run(name, func(t *testing.T) {
			s := Store{Path: filepath.Join(tempDir(t), "settings.json")}
			os.WriteFile(s.Path, []byte(tt.content), 0o600)
			st, err := s.Load()
			var ie *InvalidError
			if !errors.As(err, &ie) || len(ie.Problems) != 1 || !strings.HasPrefix(ie.Problems[0], tt.field+": ") {
				t.Fatalf("err = %v, want one problem with %s", err, tt.field)
			}
			if len(st.TrustedNetworks) != 1 || st.TrustedNetworks[0].SSID != "Home" {
				t.Errorf("the trusted network was lost: %+v", st.TrustedNetworks)
			}
			if tt.field != "language" && st.Language != "ja" {
				t.Errorf("a good field was lost: %+v", st)
			}
			if data, _ := os.ReadFile(s.Path); string(data) != tt.content {
				t.Error("the file was changed by reading it")
			}
			// A change of another field leaves the bad value as it is.
			if _, err := s.Update(func(st *Settings) { st.StartAtLogin = true }); err != nil {
				t.Fatal(err)
			}
			var raw map[string]json.RawMessage
			data, _ := os.ReadFile(s.Path)
			json.Unmarshal(data, &raw)
			var orig map[string]json.RawMessage
			json.Unmarshal([]byte(tt.content), &orig)
			if compact(raw[tt.field]) != compact(orig[tt.field]) || string(raw["start_at_login"]) != "true" {
				t.Errorf("after a change of start_at_login the file holds %s", data)
			}
		})
	}
}

func compact(b []byte) string {
	var buf bytes.Buffer
	json.Compact(&buf, b)
	return buf.String()
}

// TestUpdateChangesOnlyWhatChanged plays the agent trusting a network
// after the person edited the file by hand, and a field from a newer
// version: all of it survives.
func TestUpdateChangesOnlyWhatChanged(t *testing.T) {
	s := Store{Path: filepath.Join(tempDir(t), "settings.json")}
	agentCopy, _ := s.Load() // the agent reads the file at start
	os.WriteFile(s.Path, []byte(`{"language": "ja", "interval_minutes": 30, "from_the_future": {"x": [1, 2]}, "trusted_networks": [{"ssid": "Home", "security": "wpa2-personal"}]}`), 0o600)
	_ = agentCopy
	st, err := s.Update(func(st *Settings) { st.Trust(NewTrusted([]byte("Cafe"), "wpa2-personal", "aa:bb:cc:dd:ee:ff")) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Language != "ja" || st.IntervalMinutes != 30 || len(st.TrustedNetworks) != 2 {
		t.Errorf("Update returned %+v", st)
	}
	data, _ := os.ReadFile(s.Path)
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if compact(raw["from_the_future"]) != `{"x":[1,2]}` {
		t.Errorf("the unknown field was lost: %s", data)
	}
	if _, ok := raw["notifications"]; ok {
		t.Errorf("a field nobody changed was written: %s", data)
	}
	again, _ := s.Load()
	if again.Language != "ja" || again.IntervalMinutes != 30 || len(again.TrustedNetworks) != 2 || again.TrustedNetworks[1].BSSID != "aa:bb:cc:dd:ee:ff" {
		t.Errorf("reloaded: %+v", again)
	}
}

// TestWindowSaveKeepsANetworkTrustedMeanwhile: the settings window opened,
// a network was trusted from a notification, then the person saved the
// window (having removed one network and changed the language).
func TestWindowSaveKeepsANetworkTrustedMeanwhile(t *testing.T) {
	s := Store{Path: filepath.Join(tempDir(t), "settings.json")}
	home, office, cafe := NewTrusted([]byte("Home"), "wpa2-personal", ""), NewTrusted([]byte("Office"), "enterprise", ""), NewTrusted([]byte("Cafe"), "wpa2-personal", "")
	if _, err := s.Update(func(st *Settings) { st.TrustedNetworks = []TrustedNetwork{home, office} }); err != nil {
		t.Fatal(err)
	}
	orig, _ := s.Load()                                                        // the window opens
	if _, err := s.Update(func(st *Settings) { st.Trust(cafe) }); err != nil { // a notification's Trust
		t.Fatal(err)
	}
	edit := orig
	edit.Language = "ja"
	edit.TrustedNetworks = []TrustedNetwork{home} // the person removed Office
	st, err := s.Update(Edits(orig, edit))
	if err != nil {
		t.Fatal(err)
	}
	if st.Language != "ja" || len(st.TrustedNetworks) != 2 || st.TrustedNetworks[0] != home || st.TrustedNetworks[1] != cafe {
		t.Errorf("after the window's save: %+v", st)
	}
}

func TestSetAsideNamesNeverCollide(t *testing.T) {
	dir := tempDir(t)
	s := Store{Path: filepath.Join(dir, "settings.json"), Now: func() time.Time { return time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC) }}
	for _, content := range []string{`{"trusted_networks": [`, `garbage`} {
		os.WriteFile(s.Path, []byte(content), 0o600)
		if _, err := s.Load(); err == nil {
			t.Fatal("a broken file was accepted")
		}
	}
	first, err1 := os.ReadFile(filepath.Join(dir, "settings.json.broken-20261125T103000Z"))
	second, err2 := os.ReadFile(filepath.Join(dir, "settings.json.broken-20261125T103000Z-1"))
	if err1 != nil || err2 != nil || string(first) != `{"trusted_networks": [` || string(second) != "garbage" {
		t.Errorf("set aside: %q %v, %q %v", first, err1, second, err2)
	}
}

func TestRelativeConfigHomeIsIgnored(t *testing.T) {
	want := "/home/u/.config/mamori/settings.json"
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		// The OS's own config folder, whatever HOME says.
		d, err := os.UserConfigDir()
		if err != nil {
			t.Fatal(err)
		}
		want = filepath.Join(d, "mamori", "settings.json")
	}
	env := map[string]string{"XDG_CONFIG_HOME": "relative/dir", "HOME": "/home/u"}
	p, err := DefaultPath(func(k string) string { return env[k] })
	if err != nil || p != want {
		t.Errorf("DefaultPath = %q, %v", p, err)
	}
}

func TestUnknownFieldsAreNotCorrupt(t *testing.T) {
	// A newer version's settings must not count as corrupt.
	s := Store{Path: filepath.Join(tempDir(t), "settings.json")}
	os.WriteFile(s.Path, []byte(`{"language":"en","quiet_hours":{"from":"22:00"}}`), 0o600)
	if st, err := s.Load(); err != nil || st.Language != "en" {
		t.Errorf("got %+v, %v", st, err)
	}
}
