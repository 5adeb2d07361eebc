package config

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestRemoveTraces(t *testing.T) {
	root := tempDir(t)
	conf, cache := filepath.Join(root, "Roaming"), filepath.Join(root, "Local")
	const id = "jp.example.mamori"
	files := map[string]bool{ // path: whether it is a trace
		filepath.Join(conf, "fyne", id, "preferences.json"):          true,
		filepath.Join(cache, "fyne", id, "icon.png"):                 true,
		filepath.Join(cache, "mamori", "packages.json"):              true,
		filepath.Join(cache, "font_index_v3.cache"):                  true,
		filepath.Join(conf, "fyne", "other.app", "preferences.json"): false,
		filepath.Join(conf, "mamori", "settings.json"):               false,
		filepath.Join(cache, "other-cache.bin"):                      false,
	}
	for f := range files {
		os.MkdirAll(filepath.Dir(f), 0o700)
		os.WriteFile(f, []byte("x"), 0o600)
	}
	traces := Traces(conf, cache, id)
	if !slices.Contains(traces, filepath.Join(cache, "font_index_v3.cache")) {
		t.Errorf("the font index is not among the traces: %q", traces)
	}
	if err := RemoveTraces(traces); err != nil {
		t.Fatal(err)
	}
	for f, trace := range files {
		_, err := os.Stat(f)
		if gone := os.IsNotExist(err); gone != trace {
			t.Errorf("%s: removed %v, want %v", f, gone, trace)
		}
	}
	// The cache's fyne folder, empty now, goes; the config's, holding
	// another app's preferences, stays.
	if _, err := os.Stat(filepath.Join(cache, "fyne")); !os.IsNotExist(err) {
		t.Errorf("the empty fyne folder is left: %v", err)
	}
	if err := RemoveTraces(traces); err != nil {
		t.Errorf("removing again: %v", err)
	}
}
