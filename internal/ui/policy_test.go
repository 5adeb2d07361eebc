package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-project/mamori/internal/config"
	"github.com/mamori-project/mamori/internal/testenv"
)

// TestSettingsViewLockedByPolicy: what an organisation's policy sets is
// shown as the organisation's, cannot be changed, and is saved as it was;
// the rest can be changed as before.
func TestSettingsViewLockedByPolicy(t *testing.T) {
	test.NewTempApp(t)
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			p := printer(t, lang)
			st := config.Defaults()
			st.DisabledChecks = []string{"wifi"}
			st.TrustedNetworks = []config.TrustedNetwork{config.NewTrusted([]byte("Office"), "enterprise", "")}
			locked := map[string]bool{"check:wifi": true, "notifications": true, "trusted_networks": true, "language": true}
			var saved *config.Settings
			view := SettingsView(p, st, []string{"wifi", "screen-lock"}, SettingsActions{
				Save:    func(s config.Settings) error { saved = &s; return nil },
				Current: func() (config.TrustedNetwork, error) { return config.NewTrusted([]byte("Cafe"), "open", ""), nil },
				Locked:  func(s string) bool { return locked[s] },
			})
			w := test.NewTempWindow(t, view)
			w.Resize(fyne.NewSize(700, 1000))
			all := strings.Join(texts(view), "\n")
			if !strings.Contains(all, p.T("settings.managed", nil)) {
				t.Errorf("no word that the organisation manages settings:\n%s", all)
			}
			mark := p.T("settings.managed.mark", nil)
			wifiLabel := p.T("check.wifi", nil)
			for _, obj := range test.LaidOutObjects(view) {
				switch c := obj.(type) {
				case *widget.Check:
					want := strings.HasPrefix(c.Text, wifiLabel) || strings.HasPrefix(c.Text, p.T("settings.notifications.on", nil))
					if c.Disabled() != want || strings.HasSuffix(c.Text, mark) != want {
						t.Errorf("%q: disabled %v, want %v", c.Text, c.Disabled(), want)
					}
					test.Tap(c)
				case *widget.Button:
					if c.Text == p.T("settings.trusted.add", nil) || c.Text == p.T("settings.trusted.remove", nil) {
						if !c.Disabled() {
							t.Errorf("%q can be tapped", c.Text)
						}
						test.Tap(c)
					}
				case *widget.Select:
					if c.Selected == p.T("settings.language.auto", nil) && !c.Disabled() {
						t.Error("the language can be chosen")
					}
				}
			}
			if lang == "ja" {
				testenv.SaveArtifact(t, "settings-locked-ja.png", w.Canvas().Capture())
			}
			test.Tap(button(t, view, p.T("settings.save", nil)))
			if saved == nil {
				t.Fatal("not saved")
			}
			if saved.Enabled("wifi") || !saved.Notifications || len(saved.TrustedNetworks) != 1 {
				t.Errorf("a locked setting changed: %+v", *saved)
			}
			if saved.Enabled("screen-lock") || !saved.QuietHours.Enabled {
				t.Errorf("an unlocked setting did not change: %+v", *saved)
			}
		})
	}
}

// TestSettingsViewSaveRefusedByPolicy: a policy came while the window was
// open and the save kept what it locks (config.ErrLocked); the window
// says so in the person's words, not the error's setting names.
func TestSettingsViewSaveRefusedByPolicy(t *testing.T) {
	test.NewTempApp(t)
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			p := printer(t, lang)
			view := SettingsView(p, config.Defaults(), nil, SettingsActions{Save: func(config.Settings) error {
				return fmt.Errorf("saving settings: %w: trusted_networks", config.ErrLocked)
			}})
			test.NewTempWindow(t, view)
			test.Tap(button(t, view, p.T("settings.save", nil)))
			all := strings.Join(texts(view), "\n")
			if !strings.Contains(all, p.T("settings.locked", nil)) || strings.Contains(all, "trusted_networks") {
				t.Errorf("after a save policy partly refused:\n%s", all)
			}
		})
	}
}
