package i18n

import (
	"testing"
)

// TestJapaneseSameButtonSameName: the notification's button that opens
// the status window at a finding is named as the window's own button for
// the same thing, so the person looks for the word they were shown.
func TestJapaneseSameButtonSameName(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		p := c.Printer(lang)
		if n, w := p.T("notify.action.details", nil), p.T("window.details", nil); n != w {
			t.Errorf("%s: the notification's button says %q, the window's %q", lang, n, w)
		}
	}
}
