//go:build !windows && !darwin

package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAutostartXDG(t *testing.T) {
	a := Autostart{AppID: "io.example.App", AppName: "Mamori", Exe: `/opt/my apps/ma"mori`, ConfigHome: t.TempDir()}
	if err := a.Sync(true); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(a.ConfigHome, "autostart", "io.example.App.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Exec=\"/opt/my apps/ma\\\"mori\"\n") || !strings.HasPrefix(string(b), "[Desktop Entry]\n") {
		t.Errorf("entry:\n%s", b)
	}
	if err := a.Sync(false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(a.ConfigHome, "autostart", "io.example.App.desktop")); !os.IsNotExist(err) {
		t.Error("the entry was not removed")
	}
	if err := a.Sync(false); err != nil {
		t.Errorf("removing an absent entry: %v", err)
	}
}
