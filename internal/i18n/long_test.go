package i18n

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// longSentence is about where a Japanese sentence becomes hard to read in
// one go for the people Mamori writes for (the third ja review).
const longSentence = 80

// notYetSplit are the keys whose sentences were over longSentence before
// the test was written, and that no review has asked to split yet. A key
// leaves the list when it is split; none joins it.
var notYetSplit = []string{
	"advice.app-sources.fix@darwin", "advice.disk-encryption.fix@windows", "advice.firewall.fix@linux",
	"advice.idle-power.windows.fix", "advice.os-updates.fix@darwin",
	"advice.os-updates.manual.fix@darwin", "advice.os-updates.manual.fix@gnome", "advice.os-updates.manual.fix@linux",
	"advice.os-updates.manual.fix@mate", "advice.os-updates.manual.fix@xfce", "advice.remote-control.fix@darwin",
	"advice.screen-lock.fix@cinnamon", "advice.screen-lock.fix@darwin", "advice.screen-lock.fix@windows",
	"advice.screen-lock.light-locker.fix@xfce", "advice.screen-lock.never.fix@xfce",
	"advice.screen-lock.slow.fix@cinnamon", "advice.screen-lock.slow.fix@darwin",
	"advice.wifi.location.fix",
}

// japaneseSentences splits a text at each 。 that stands outside 「」 and
// （）, without what the renderer fills in.
func japaneseSentences(text string) []string {
	text = actions.ReplaceAllString(text, "")
	var out []string
	depth, start := 0, 0
	for i, r := range text {
		switch r {
		case '「', '（':
			depth++
		case '」', '）':
			depth--
		case '。':
			if depth == 0 {
				out = append(out, strings.TrimSpace(text[start:i+len("。")]))
				start = i + len("。")
			}
		}
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// TestJapaneseSentencesShort: no Japanese sentence runs over about 80
// characters; a path, a long quoted label and a pair of tabs go in
// sentences of their own (the third ja review's fifth fault).
func TestJapaneseSentencesShort(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for k, src := range c.msgs["ja"] {
		long := false
		for _, s := range japaneseSentences(src) {
			if n := utf8.RuneCountInString(s); n > longSentence {
				long = true
				if !slices.Contains(notYetSplit, k) {
					t.Errorf("ja %s has a sentence of %d characters; split it (about %d at most): %s", k, n, longSentence, s)
				}
			}
		}
		if !long && slices.Contains(notYetSplit, k) {
			t.Errorf("ja %s is split now; take it off notYetSplit", k)
		}
	}
}
