package i18n

import (
	"regexp"
	"strings"
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

// shortcutPlus is a plus sign in a catalogue text, with what stands on
// either side of it.
var shortcutPlus = regexp.MustCompile(`.?[+＋].?`)

// TestJapaneseShortcuts: a keyboard shortcut is written one way on every
// system, as glossary.json's ja.shortcuts says: the keys joined by a
// half-width + with no space (Windows キー+L, Super+L, Ctrl+Alt+L,
// Control+Command+Q), never a full-width ＋ on one system and + on
// another.
func TestJapaneseShortcuts(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		for _, k := range c.Keys(lang) {
			for _, form := range []string{"", "#one"} {
				src := c.msgs[lang][k+form]
				for _, m := range shortcutPlus.FindAllString(src, -1) {
					if strings.Contains(m, "＋") || strings.Contains(m, " +") || strings.Contains(m, "+ ") {
						t.Errorf("%s %s writes a shortcut as %q; join its keys with + and no space: %s", lang, k, m, src)
					}
				}
			}
		}
	}
}
