package config

import (
	"os"
	"path/filepath"
	"testing"
)

func TestForget(t *testing.T) {
	dir := filepath.Join(tempDir(t), "mamori")
	os.MkdirAll(dir, 0o700)
	for _, f := range []string{"settings.json", "window-status.json", "settings.json.broken-20261125T103000Z"} {
		os.WriteFile(filepath.Join(dir, f), []byte("{}"), 0o600)
	}
	if err := Forget(filepath.Join(dir, "settings.json")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder is still there: %v", err)
	}
	// A folder with something not Mamori's in it keeps that, and itself.
	os.MkdirAll(filepath.Join(dir, "someone-elses"), 0o700)
	os.WriteFile(filepath.Join(dir, "settings.json"), []byte("{}"), 0o600)
	if err := Forget(filepath.Join(dir, "settings.json")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "someone-elses")); err != nil {
		t.Errorf("a folder not Mamori's was removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "settings.json")); !os.IsNotExist(err) {
		t.Error("the settings are still there")
	}
	if err := Forget(filepath.Join(tempDir(t), "elsewhere", "settings.json")); err == nil {
		t.Error("a folder not named mamori was emptied")
	}
	if err := Forget(filepath.Join(tempDir(t), "mamori", "settings.json")); err != nil {
		t.Errorf("nothing to forget: %v", err)
	}
}
