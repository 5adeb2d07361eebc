package mamori

import (
	"bytes"
	"image/png"
	"testing"
)

func TestAppReadsFyneApp(t *testing.T) {
	info := App()
	if info.Name != "Mamori" || info.ID == "" || info.Version == "" {
		t.Fatalf("App() = %+v, want Name Mamori and a non-empty ID and Version", info)
	}
	if info.IconPath != "assets/icon.png" {
		t.Errorf("IconPath = %q, want assets/icon.png (the embedded icon)", info.IconPath)
	}
	if _, err := png.Decode(bytes.NewReader(Icon())); err != nil {
		t.Errorf("embedded icon is not a PNG: %v", err)
	}
	seen := map[string]bool{}
	for _, s := range []string{"ok", "warn", "critical", "unknown"} {
		b := TrayIcon(s)
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Errorf("tray icon %s is not a PNG: %v", s, err)
		}
		if seen[string(b)] {
			t.Errorf("tray icon %s is the same as another status's", s)
		}
		seen[string(b)] = true
	}
}

func TestParseFyneAppRejectsIncomplete(t *testing.T) {
	for name, in := range map[string]string{
		"empty":      "",
		"no version": "[Details]\nName = \"X\"\nID = \"a.b\"\n",
		"garbage":    "[Details\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := parseFyneApp([]byte(in)); err == nil {
				t.Errorf("parseFyneApp(%q) succeeded, want an error", in)
			}
		})
	}
}
