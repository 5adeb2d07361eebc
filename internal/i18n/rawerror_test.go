package i18n

import (
	"strings"
	"testing"
)

// askSomeone is how each language names whom a person can ask, the way
// out ADVICE.md asks for where the person cannot do the fix themselves.
var askSomeone = map[string]string{
	"en": "whoever helps you with your computer",
	"ja": "パソコンのことで相談できる方",
}

// TestRawErrorsAreForWhoeverHelps (the third ja review's first fault): a
// text that shows a program's own error ({{.Error}}, English, with
// setting names and tool output) never shows it as the message. It says
// first, in plain words, what did not happen and whom to ask; then, after
// a blank line, the error under the window's own "technical details"
// label (window.technical), as fix.undo.refused does.
func TestRawErrorsAreForWhoeverHelps(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		label := c.msgs[lang]["window.technical"]
		if label == "" {
			t.Fatalf("%s.json lacks window.technical", lang)
		}
		found := 0
		for k, src := range c.msgs[lang] {
			at := strings.Index(src, "{{.Error}}")
			if at < 0 {
				continue
			}
			found++
			plain, technical, ok := strings.Cut(src[:at], "\n\n")
			if !ok || technical != label+map[string]string{"en": ": ", "ja": "："}[lang] {
				t.Errorf("%s %s shows {{.Error}} without a blank line and %q just before it: %q", lang, k, label, src)
				continue
			}
			if !strings.Contains(plain, askSomeone[lang]) {
				t.Errorf("%s %s shows an error but does not say whom to ask (%q) before the technical part: %q", lang, k, askSomeone[lang], plain)
			}
		}
		if found < 2 {
			t.Errorf("%s: only %d texts show {{.Error}}; is the scan broken?", lang, found)
		}
	}
}
