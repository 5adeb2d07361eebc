package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

func TestFit(t *testing.T) {
	want := fyne.NewSize(680, 620)
	for _, tt := range []struct {
		name string
		area fyne.Size
		got  fyne.Size
	}{
		{"unknown area", fyne.Size{}, want},
		{"1366x768 less a panel", fyne.NewSize(1366, 740), want},
		{"1024x600 netbook", fyne.NewSize(1024, 600), fyne.NewSize(680, 552)},
		{"narrow portrait", fyne.NewSize(600, 1000), fyne.NewSize(584, 620)},
	} {
		if got := Fit(want, tt.area); got != tt.got {
			t.Errorf("%s: Fit = %v, want %v", tt.name, got, tt.got)
		}
	}
}

func TestSavedSize(t *testing.T) {
	s := SavedSize{Path: filepath.Join(t.TempDir(), "mamori", "window-status.json")}
	if _, ok := s.Load(); ok {
		t.Fatal("a size with no file")
	}
	if err := s.Save(fyne.NewSize(520, 410)); err != nil {
		t.Fatal(err)
	}
	if got, ok := s.Load(); !ok || got != fyne.NewSize(520, 410) {
		t.Errorf("Load = %v %v, want 520x410", got, ok)
	}
	// A file edited by hand or broken is ignored, never a 0x0 window.
	for _, bad := range []string{`{"width":0,"height":0}`, `{"width":1e9,"height":400}`, `{"width":"x"}`, `not json`} {
		os.WriteFile(s.Path, []byte(bad), 0o600)
		if got, ok := s.Load(); ok {
			t.Errorf("%s loaded as %v", bad, got)
		}
	}
}
