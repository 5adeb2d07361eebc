package i18n

import (
	"strings"
	"testing"
)

// TestWindowsFixSaysWhatTheAdviceSays (the third ja review's third
// fault): on Windows, the fix question names the screen saver's settings
// with the words the advice beside it quotes from Windows' own screen
// (スクリーン セーバー, with Windows' space; ブランク; 待ち時間), so the
// person can match the dialog to the Windows screen afterwards; and no
// text shown there spells the screen saver as the Linux desktops do.
func TestWindowsFixSaysWhatTheAdviceSays(t *testing.T) {
	g := loadGlossary(t)
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	win := testSystems["windows"]
	linuxSpelling := map[string]string{"en": "screensaver", "ja": "スクリーンセーバー"}
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			for k, text := range rendered(c, lang, win) {
				if only := shownOn(g, k); only != "" && only != "windows" {
					continue
				}
				if strings.Contains(strings.ToLower(text), linuxSpelling[lang]) {
					t.Errorf("on windows, %s spells the screen saver %q, as Windows does not: %s", k, linuxSpelling[lang], text)
				}
			}
		})
	}
	p := map[string]*Printer{"en": c.Printer("en").On(win), "ja": c.Printer("ja").On(win)}
	args := map[string]any{"From": "a", "To": "b"}
	for _, tt := range []struct {
		lang, key, word string
	}{
		{"ja", "fix.saver-program", "スクリーン セーバー"},
		{"ja", "fix.action.blank", "「ブランク」"},
		{"ja", "fix.idle-delay", "「待ち時間」"},
		{"ja", "fix.lock-enabled", "「再開時にログオン画面に戻る」"},
		{"en", "fix.saver-program", "Screen saver"},
		{"en", "fix.action.blank", "“Blank”"},
		{"en", "fix.idle-delay", "“Wait”"},
		{"en", "fix.lock-enabled", "“On resume, display logon screen”"},
	} {
		t.Run(tt.lang+"/"+tt.key, func(t *testing.T) {
			advice := p[tt.lang].T("advice.screen-lock.windows.fix", nil)
			if w := strings.Trim(tt.word, "「」“”"); !strings.Contains(advice, w) {
				t.Fatalf("the Windows advice no longer says %q; the test's words are stale: %s", w, advice)
			}
			if got := p[tt.lang].T(tt.key, args); !strings.Contains(got, tt.word) {
				t.Errorf("on windows, %s says %q; the advice beside it calls the same setting %q", tt.key, got, tt.word)
			}
		})
	}
}
