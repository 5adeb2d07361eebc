package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/config"
)

// TestSettingsRemoteToolsInJapanese: the settings window offers the
// remote-control tools by the names a Japanese system shows them
// (クイック アシスト), and the one chosen is saved by its ID.
func TestSettingsRemoteToolsInJapanese(t *testing.T) {
	test.NewTempApp(t)
	p := printer(t, "ja")
	st := config.Defaults()
	st.ExpectedRemoteTools = []string{"chrome-remote-desktop"}
	var saved *config.Settings
	view := SettingsView(p, st, []string{"remote-control"}, SettingsActions{
		Save: func(s config.Settings) error { saved = &s; return nil },
	})
	test.NewTempWindow(t, view)
	var pick *widget.Select
	for _, obj := range test.LaidOutObjects(view) {
		if sel, ok := obj.(*widget.Select); ok && sel.PlaceHolder == p.T("settings.remote.pick", nil) {
			pick = sel
		}
	}
	if pick == nil {
		t.Fatal("no tool to choose from")
	}
	for _, want := range []string{"クイック アシスト", "Chrome リモート デスクトップ", "AnyDesk"} {
		if !slices.Contains(pick.Options, want) {
			t.Errorf("the tools offered %q lack %q", pick.Options, want)
		}
	}
	for _, not := range []string{"Quick Assist", "Chrome Remote Desktop"} {
		if slices.Contains(pick.Options, not) {
			t.Errorf("the tools offered %q name %q as an English system does", pick.Options, not)
		}
	}
	if !slices.Contains(texts(view), "Chrome リモート デスクトップ") {
		t.Errorf("the tool already expected is not listed by its Japanese name: %q", texts(view))
	}
	pick.SetSelected("クイック アシスト")
	test.Tap(button(t, view, p.T("settings.remote.add", nil)))
	test.Tap(button(t, view, p.T("settings.save", nil)))
	if saved == nil || !slices.Equal(saved.ExpectedRemoteTools, []string{"chrome-remote-desktop", "quick-assist"}) {
		t.Errorf("saved %+v", saved)
	}
}
